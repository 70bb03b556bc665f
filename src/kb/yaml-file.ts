import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, type Document, type Node } from 'yaml';
import type { z } from 'zod';

/** Where an item was written, so that every error and every fact can point at file:line. */
export interface Located {
  file: string;
  line: number;
}

export class KbIssue {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly message: string,
  ) {}
  toString(): string {
    return `${this.file}:${this.line}: ${this.message}`;
  }
}

/** A YAML document parsed with its line counter, and its syntax errors placed at their own lines. */
export interface LocatedYaml {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  errors: Array<{ line: number; message: string }>;
}

export function parseLocatedYaml(text: string): LocatedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // With prettyErrors off the parser leaves linePos empty: the offset is the only trustworthy position.
  const errors = doc.errors.map((e) => ({
    line: lineCounter.linePos(e.pos[0]).line,
    message: `malformed YAML: ${e.message.split('\n')[0]}`,
  }));
  return { doc, lineCounter, errors };
}

/**
 * A node's plain value. The yaml package refuses to expand more than 100 aliases (a "billion laughs"
 * file); that refusal is a mistake in the input, so it comes back as a message rather than a throw.
 */
export function plainValue(node: { toJSON(): unknown }): { value: unknown } | { error: string } {
  try {
    return { value: node.toJSON() };
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message))
      return { error: 'too many YAML aliases (over 100): refused as a resource-exhaustion attempt' };
    throw err;
  }
}

export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

/**
 * Reads `key: [ … ]` from a YAML file and validates each item with `schema`. Problems are appended
 * to `issues` with the line of the offending item (or of the field inside it), never thrown, so
 * that one run reports every mistake in the knowledge base.
 */
export function readYamlList<S extends z.ZodType>(
  path: string,
  key: string,
  schema: S,
  issues: KbIssue[],
): Array<z.output<S> & Located> {
  const file = displayPath(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    issues.push(new KbIssue(file, 0, `cannot read: ${(err as Error).message}`));
    return [];
  }
  const { doc, lineCounter, errors } = parseLocatedYaml(text);
  const lineOf = (node: Node | null | undefined, fallback = 1): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : fallback;
  if (errors.length > 0) {
    for (const e of errors) issues.push(new KbIssue(file, e.line, e.message));
    return [];
  }
  const root = doc.contents;
  if (!isMap(root)) {
    issues.push(new KbIssue(file, 1, `expected a mapping with a '${key}' list at the top`));
    return [];
  }
  const list = root.get(key, true);
  if (!isSeq(list)) {
    issues.push(new KbIssue(file, lineOf(root), `expected '${key}:' to be a list`));
    return [];
  }
  const out: Array<z.output<S> & Located> = [];
  for (const item of list.items) {
    const node = item as Node;
    const line = lineOf(node);
    const plain = plainValue(node as { toJSON(): unknown });
    if ('error' in plain) {
      issues.push(new KbIssue(file, line, plain.error));
      continue;
    }
    const parsed = schema.safeParse(plain.value);
    if (parsed.success) {
      out.push({ ...(parsed.data as object), file, line } as z.output<S> & Located);
      continue;
    }
    for (const problem of parsed.error.issues) {
      const field = problem.path.join('.');
      const fieldNode =
        isMap(node) && problem.path.length > 0
          ? (node.get(problem.path[0] as string, true) as Node | undefined)
          : undefined;
      issues.push(
        new KbIssue(file, lineOf(fieldNode, line), `${field ? `${field}: ` : ''}${problem.message}`),
      );
    }
  }
  return out;
}
