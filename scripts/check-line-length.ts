// Fails when a line of code is longer than the house width (110, Prettier's printWidth). Prettier
// formats code to that width but leaves long strings, template literals and comments alone, and
// it does not see the Python and R scripts: this check covers what it leaves.
// Data files are exempt (the knowledge base, test fixtures, CSV, YAML, JSON, Markdown), and so is
// a line whose only excess is a URL, which cannot be broken.
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAX_WIDTH = 110;
const CODE = new Set(['.ts', '.tsx', '.js', '.mjs', '.cjs', '.py', '.R', '.css', '.html', '.sh']);
/** Paths (relative to the root, with '/') that hold data, generated output or dependencies. */
const SKIP = [/^node_modules\//, /\/node_modules\//, /^\.git\//, /^dist\//, /^web\/dist\//];
const DATA = [/^kb\//, /^test\/fixtures\//, /^test-artifacts\//];

export interface LongLine {
  file: string;
  line: number;
  width: number;
}

/** Characters, not bytes or UTF-16 units: '–' and '≥' count as one, as they do for Prettier. */
const width = (text: string): number => [...text].length;

/** The lines of `text` over the width, unless a URL is what makes them long. */
export function longLines(text: string, file: string, max = MAX_WIDTH): LongLine[] {
  const out: LongLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (width(line) <= max) return;
    if (width(line.replace(/https?:\/\/\S+/g, '')) <= max) return;
    out.push({ file, line: i + 1, width: width(line) });
  });
  return out;
}

/** The code files under `root`, as paths relative to it. */
export function codeFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    const rel = relative(root, path).split('\\').join('/');
    if (SKIP.some((re) => re.test(`${rel}/`)) || DATA.some((re) => re.test(`${rel}/`))) return [];
    if (entry.isDirectory()) return codeFiles(root, path);
    return entry.isFile() && CODE.has(extname(entry.name)) ? [rel] : [];
  });
}

function main(): number {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const found = codeFiles(root).flatMap((file) => longLines(readFileSync(join(root, file), 'utf8'), file));
  for (const l of found)
    console.error(`${l.file}:${l.line}:${MAX_WIDTH + 1}: ${l.width} characters, at most ${MAX_WIDTH}`);
  if (found.length)
    console.error(`${found.length} line(s) too long: break the string or template, wrap the comment`);
  return found.length ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
