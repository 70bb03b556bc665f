import type { StateRegistry } from '../states/registry.ts';
import type { RowAt } from './reader.ts';

/**
 * Maps a dataset's country names to COW codes through the registry, once per distinct name.
 * `overrides` are names whose meaning in that dataset differs from the registry's generic match
 * (e.g. unvotes labels West Germany, COW 260, "Federal Republic of Germany"); null marks a name
 * known not to be a state. Names that do not resolve are collected, never dropped.
 */
export class NameMapper {
  private readonly cache = new Map<string, number | null>();
  readonly unmapped = new Set<string>();
  constructor(
    private readonly registry: StateRegistry,
    private readonly overrides: Readonly<Record<string, number | null>> = {},
  ) {}

  map(name: string): number | null {
    const hit = this.cache.get(name);
    if (hit !== undefined) return hit;
    let code: number | null;
    if (name in this.overrides) code = this.overrides[name] ?? null;
    else code = this.registry.matchName(name)?.ccode ?? null;
    if (code === null) this.unmapped.add(name);
    this.cache.set(name, code);
    return code;
  }
}

/**
 * COW codes are a closed list, so a code the registry does not know is a corrupt cell: an error
 * at its line and column. `tolerated` lists codes a publisher is known to have written by
 * mistake; they are kept and reported as unmapped instead.
 */
export class CodeChecker {
  readonly unmapped = new Set<string>();
  constructor(
    private readonly registry: StateRegistry,
    private readonly tolerated: ReadonlyMap<number, string> = new Map(),
  ) {}

  check(ccode: number, at: RowAt, column: string): number {
    if (this.registry.byCcode(ccode)) return ccode;
    const why = this.tolerated.get(ccode);
    if (why) {
      this.unmapped.add(`${ccode} (${why})`);
      return ccode;
    }
    return at.fail(column, `${ccode} is not a COW state code in the registry`);
  }
}

/** A valid calendar date as YYYY-MM-DD, or undefined. */
export function ymd(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1) return undefined;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
