import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import { DataError } from './errors.ts';
import { MAX_INFLATED_BYTES, MAX_RATIO } from './zip.ts';

/** Longest field accepted: real cells are under 10 kB; a longer one is a wrong file or a bomb. */
export const MAX_FIELD_CHARS = 1 << 20;

export interface CsvOptions {
  /** Name used in error messages (defaults to the file's base name). */
  label?: string;
  encoding?: 'utf-8' | 'latin1';
  gzip?: boolean;
  /** Physical lines to skip before the header (publisher preambles). */
  skipLines?: number;
  /**
   * Called with every record after the header; `cols` are the 1-based character columns where fields start.
   */
  onRecord: (fields: string[], line: number, cols: number[]) => void;
  onHeader: (fields: string[], line: number, cols: number[]) => void;
  /** Bytes read so far, for progress bars. */
  onBytes?: (bytes: number) => void;
}

const QUOTE = 34,
  COMMA = 44,
  LF = 10,
  CR = 13,
  REPLACEMENT = 0xfffd;
const enum S {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/**
 * Streaming RFC 4180 reader written for the publishers' files as they are: quoted fields with
 * embedded newlines and doubled quotes, LF, CRLF and bare-CR line endings, Latin-1 or UTF-8,
 * gzip. It tracks line and column so that every validation error can point into the file, and
 * refuses what would otherwise load silently wrong: an unterminated quote (a truncated file),
 * text after a closing quote, undecodable UTF-8 (usually a Latin-1 file) and a record whose
 * field count differs from the header.
 */
export async function readCsv(path: string, opts: CsvOptions): Promise<{ records: number; lines: number }> {
  const label = opts.label ?? basename(path);
  const decoder = new TextDecoder(opts.encoding ?? 'utf-8');
  const checkUtf8 = (opts.encoding ?? 'utf-8') === 'utf-8';
  let skip = opts.skipLines ?? 0;

  let state = S.FieldStart as S;
  let fields: string[] = [];
  let cols: number[] = [];
  let carry = '';
  let line = 1,
    col = 1,
    recordLine = 1,
    fieldCol = 1;
  let pendingCR = false; // a CR ended the previous chunk: a following LF belongs to it
  let headerSeen = false;
  let width = 0;
  let records = 0;
  let first = true;

  const fail = (ln: number, c: number, msg: string): never => {
    throw new DataError(label, ln, c, msg);
  };

  const endRecord = () => {
    if (fields.length === 1 && fields[0] === '') {
      fields = [];
      cols = [];
      return;
    } // blank line
    if (!headerSeen) {
      headerSeen = true;
      width = fields.length;
      opts.onHeader(fields, recordLine, cols);
    } else {
      if (fields.length !== width) {
        const at = fields.length < width ? (cols[cols.length - 1] ?? 1) : (cols[width] ?? 1);
        fail(
          recordLine,
          at,
          `expected ${width} fields as in the header, found ${fields.length}` +
            `${fields.length < width ? ' (truncated line?)' : ''}`,
        );
      }
      records++;
      opts.onRecord(fields, recordLine, cols);
    }
    fields = [];
    cols = [];
  };

  const parse = (text: string) => {
    let i = 0;
    const n = text.length;
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (pendingCR) {
      pendingCR = false;
      if (n > 0 && text.charCodeAt(0) === LF) i++;
    }
    while (skip > 0 && i < n) {
      const c = text.charCodeAt(i++);
      if (c === LF || c === CR) {
        if (c === CR) {
          if (i < n) {
            if (text.charCodeAt(i) === LF) i++;
          } else pendingCR = true;
        }
        skip--;
        line++;
        recordLine = line;
      }
    }
    let start = i; // start of the current field's text within this chunk
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (checkUtf8 && c === REPLACEMENT)
        fail(line, col, 'invalid UTF-8 byte sequence (is the file in another encoding, e.g. Latin-1?)');
      if (c === 0) fail(line, col, 'NUL byte (a binary file, or text in UTF-16?)');
      switch (state) {
        case S.FieldStart:
          fieldCol = col;
          if (c === QUOTE) {
            state = S.Quoted;
            start = i + 1;
            carry = '';
            col++;
            continue;
          }
          state = S.Unquoted;
          start = i;
          carry = '';
        // falls through
        case S.Unquoted:
          if (c === COMMA) {
            fields.push(carry + text.slice(start, i));
            cols.push(fieldCol);
            state = S.FieldStart;
            col++;
          } else if (c === LF || c === CR) {
            fields.push(carry + text.slice(start, i));
            cols.push(fieldCol);
            state = S.FieldStart;
            if (c === CR) {
              if (i + 1 < n) {
                if (text.charCodeAt(i + 1) === LF) i++;
              } else pendingCR = true;
            }
            endRecord();
            line++;
            col = 1;
            recordLine = line;
          } else if (c === QUOTE) {
            fail(line, col, 'unexpected quote inside an unquoted field');
          } else col++;
          break;
        case S.Quoted:
          if (c === QUOTE) {
            carry += text.slice(start, i);
            state = S.QuoteInQuoted;
          } else if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
            line++;
            col = 0;
          }
          col++;
          break;
        case S.QuoteInQuoted:
          if (c === QUOTE) {
            state = S.Quoted;
            start = i;
            col++;
            break;
          } // the second quote is kept as text
          if (c === COMMA) {
            fields.push(carry);
            cols.push(fieldCol);
            state = S.FieldStart;
            col++;
          } else if (c === LF || c === CR) {
            fields.push(carry);
            cols.push(fieldCol);
            state = S.FieldStart;
            if (c === CR) {
              if (i + 1 < n) {
                if (text.charCodeAt(i + 1) === LF) i++;
              } else pendingCR = true;
            }
            endRecord();
            line++;
            col = 1;
            recordLine = line;
          } else fail(line, col, 'unexpected character after a closing quote');
          break;
      }
    }
    if (state === S.Unquoted || state === S.Quoted) {
      carry += text.slice(start, n);
      if (carry.length > MAX_FIELD_CHARS)
        fail(
          recordLine,
          fieldCol,
          `a field longer than ${MAX_FIELD_CHARS} characters (not a CSV of this layout?)`,
        );
    }
  };

  const input = createReadStream(path);
  const stream = opts.gzip ? input.pipe(createGunzip()) : input;
  let bytes = 0;
  let inflated = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (opts.gzip) {
        inflated += chunk.length;
        if (inflated > MAX_INFLATED_BYTES || inflated > Math.max(input.bytesRead, 1 << 20) * MAX_RATIO)
          fail(
            line,
            col,
            `gzip data inflates beyond ${inflated} bytes from ${input.bytesRead}: ` +
              'refused as a possible decompression bomb',
          );
      }
      parse(decoder.decode(chunk, { stream: true }));
      if (opts.onBytes) {
        bytes += chunk.length;
        opts.onBytes(opts.gzip ? input.bytesRead : bytes);
      }
    }
    parse(decoder.decode());
  } catch (err) {
    if (err instanceof DataError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') fail(0, 0, 'file not found');
    if (e.code === 'Z_BUF_ERROR' || e.code === 'Z_DATA_ERROR')
      fail(line, col, `corrupt or truncated gzip data (${e.message})`);
    throw err;
  } finally {
    input.destroy();
  }
  if (state === S.Quoted)
    fail(recordLine, fieldCol, 'unterminated quoted field at end of file (truncated file?)');
  if (state === S.Unquoted || state === S.QuoteInQuoted) {
    fields.push(carry);
    cols.push(fieldCol);
    state = S.FieldStart;
    endRecord();
  }
  if (!headerSeen) fail(1, 1, 'empty file: no header line');
  return { records, lines: line };
}
