import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { DatasetError } from './errors.ts';

/**
 * The most a publisher's archive may inflate to. The largest real member (un_votes.csv) is 24 MB;
 * the limit leaves room for growth while refusing decompression bombs, which would otherwise take
 * gigabytes of memory (a 3 MB .xlsx was seen inflating to 4 GB) or crash with "Invalid string length".
 */
export const MAX_INFLATED_BYTES = 1 << 30;
/** Real spreadsheets and CSVs compress 5–20×; bombs reach 1000×. */
export const MAX_RATIO = 200;

export interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  local: number;
}

/** Reads the central directory of a zip archive held in memory. */
export function zipEntries(zip: Buffer, label: string): ZipEntry[] {
  const eocdSig = 0x06054b50;
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65557); i--)
    if (zip.readUInt32LE(i) === eocdSig) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new DatasetError(`${label}: not a zip archive (no end-of-central-directory record)`);
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== 0x02014b50)
      throw new DatasetError(`${label}: corrupt zip central directory`);
    const nameLen = zip.readUInt16LE(p + 28),
      extraLen = zip.readUInt16LE(p + 30),
      commentLen = zip.readUInt16LE(p + 32);
    out.push({
      name: zip.subarray(p + 46, p + 46 + nameLen).toString('utf8'),
      method: zip.readUInt16LE(p + 10),
      compressed: zip.readUInt32LE(p + 20),
      size: zip.readUInt32LE(p + 24),
      local: zip.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Refuses an archive whose members would inflate beyond the limits, before anything inflates them. */
export function checkInflation(entries: ZipEntry[], archiveBytes: number, label: string): void {
  const total = entries.reduce((s, e) => s + e.size, 0);
  if (total > MAX_INFLATED_BYTES || total > Math.max(archiveBytes, 1 << 20) * MAX_RATIO)
    throw new DatasetError(
      `${label}: the archive would inflate to ${mb(total)} from ${mb(archiveBytes)} ` +
        `(limit ${mb(MAX_INFLATED_BYTES)}, ${MAX_RATIO}× its size): refused as a possible decompression bomb`,
    );
}

/**
 * Checks a zip-based file on disk (an .xlsx) before a library unpacks it: reads only its tail
 * (the central directory), so a bomb is refused without inflating anything.
 */
export function checkZipFile(path: string, label: string): void {
  const size = statSync(path).size;
  const tail = Math.min(size, 1 << 22);
  const buf = Buffer.alloc(tail);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buf, 0, tail, size - tail);
  } finally {
    closeSync(fd);
  }
  // Offsets in the directory are from the file's start; rebase them onto the tail we read.
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > buf.length)
    throw new DatasetError(`${label}: not a zip archive (no end-of-central-directory record)`);
  const dirStart = buf.readUInt32LE(eocd + 16) - (size - tail);
  if (dirStart < 0) throw new DatasetError(`${label}: zip central directory too large to check`);
  buf.writeUInt32LE(dirStart, eocd + 16);
  checkInflation(zipEntries(buf.subarray(0, eocd + 22), label), size, label);
}

/**
 * Extracts one member of a zip archive held in memory (stored or deflated entries; the
 * publishers' archives are a few MB). Enough for COW's and ATOP's zips, which nest a zip in a zip.
 * Inflation is capped at the member's declared size, so a lying header cannot inflate further.
 */
export function unzipEntry(zip: Buffer, name: string, label: string): Buffer {
  const entries = zipEntries(zip, label);
  const e = entries.find((x) => x.name === name || x.name.endsWith(`/${name}`));
  if (!e)
    throw new DatasetError(
      `${label}: no ${name} in the archive (it has ${entries
        .slice(0, 10)
        .map((x) => x.name)
        .join(', ')})`,
    );
  checkInflation([e], zip.length, label);
  const lNameLen = zip.readUInt16LE(e.local + 26),
    lExtraLen = zip.readUInt16LE(e.local + 28);
  const start = e.local + 30 + lNameLen + lExtraLen;
  const data = zip.subarray(start, start + e.compressed);
  if (e.method === 0) return Buffer.from(data);
  if (e.method === 8) {
    try {
      return inflateRawSync(data, { maxOutputLength: Math.max(e.size, 1) });
    } catch (err) {
      throw new DatasetError(
        `${label}: ${name} does not inflate to its declared ${mb(e.size)} ` +
          `(${(err as Error).message}): corrupt archive or decompression bomb`,
      );
    }
  }
  throw new DatasetError(`${label}: ${name} uses zip compression method ${e.method}, which is not supported`);
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
