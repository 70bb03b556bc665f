import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { editDistance, normaliseName } from './names.ts';

export interface StateRecord {
  ccode: number;
  cowAbbrev: string;
  iso3: string | null;
  /** The name in use now (the latest of `names`, else the COW name). */
  name: string;
  altNames: string[];
  /** The COW name, in use before the first of `names`. */
  cowName?: string;
  /** Later names with the year each took effect, in order (Serbia from 2006 for COW 345 Yugoslavia). */
  names?: Array<{ from: number; name: string }>;
}

/** The name a state went by in `year` (the current name when no year is given). */
export function nameIn(s: StateRecord, year?: number): string {
  if (year === undefined || !s.names?.length) return s.name;
  let out = s.cowName ?? s.name;
  for (const n of s.names) if (n.from <= year) out = n.name;
  return out;
}

/** A spell of membership in the international system, as COW codes it (dates inclusive). */
export interface SystemSpan {
  ccode: number;
  from: string;
  to: string;
}

/** Where the system spans came from, for provenance of `states --year`. */
export interface SpanProvenance {
  dataset: string;
  version: string;
  sha256: string;
  lastDate: string;
  extendedBy: string[];
}

export class UnknownStateError extends Error {
  override name = 'UnknownStateError';
  constructor(
    readonly input: string,
    readonly suggestions: StateRecord[],
  ) {
    const hint = suggestions.length
      ? `; closest: ${suggestions.map((s) => `${s.name} (${s.iso3 ?? s.cowAbbrev}, ${s.ccode})`).join(', ')}`
      : '';
    super(`unknown state '${input}'${hint}`);
  }
}

/**
 * Every state of the COW state system with its identifiers. Accepts ISO3 (`AZE`), COW codes
 * (`373`), COW abbreviations (`GRG`) and names or alternative names in any case. Where an ISO3 code
 * and a COW abbreviation collide (`AUS` is Australia in ISO and Austria in COW), ISO3 wins.
 */
export class StateRegistry {
  private readonly byCcodeMap = new Map<number, StateRecord>();
  private readonly byIso3Map = new Map<string, StateRecord>();
  private readonly byCowMap = new Map<string, StateRecord>();
  private readonly byNameMap = new Map<string, StateRecord>();
  private spans: SystemSpan[] = [];
  spanProvenance: SpanProvenance | null = null;

  constructor(readonly states: readonly StateRecord[]) {
    for (const s of states) {
      this.byCcodeMap.set(s.ccode, s);
      if (s.iso3) this.byIso3Map.set(s.iso3, s);
      if (!this.byCowMap.has(s.cowAbbrev)) this.byCowMap.set(s.cowAbbrev, s);
      for (const n of [
        s.name,
        ...(s.cowName ? [s.cowName] : []),
        ...(s.names ?? []).map((x) => x.name),
        ...s.altNames,
      ]) {
        const key = normaliseName(n);
        if (!this.byNameMap.has(key)) this.byNameMap.set(key, s);
      }
    }
  }

  static fromKnowledgeBase(kb: KnowledgeBase): StateRegistry {
    return new StateRegistry(
      kb.states.map((s) => {
        const names = [...s.names].sort((a, b) => a.from - b.from);
        return {
          ccode: s.ccode,
          cowAbbrev: s.cow,
          iso3: s.iso3,
          name: names.length ? names[names.length - 1]!.name : s.name,
          altNames: s.alt,
          ...(names.length ? { cowName: s.name, names } : {}),
        };
      }),
    );
  }

  byCcode(ccode: number): StateRecord | undefined {
    return this.byCcodeMap.get(ccode);
  }
  /** The name of a state (ISO3 or COW code) in `year`; the current name without a year. */
  nameOf(code: string | number, year?: number): string | undefined {
    const s = typeof code === 'number' ? this.byCcodeMap.get(code) : this.byIso3(code);
    return s ? nameIn(s, year) : undefined;
  }
  byIso3(code: string): StateRecord | undefined {
    return this.byIso3Map.get(code.toUpperCase());
  }
  matchName(name: string): StateRecord | undefined {
    return this.byNameMap.get(normaliseName(name));
  }

  /** Resolves user input or a dataset's label; throws UnknownStateError with the closest matches. */
  resolve(input: string | number): StateRecord {
    const found = this.tryResolve(input);
    if (found) return found;
    throw new UnknownStateError(String(input), this.closest(String(input)));
  }

  tryResolve(input: string | number): StateRecord | undefined {
    const text = String(input).trim();
    if (/^\d+$/.test(text)) return this.byCcodeMap.get(Number(text));
    if (/^[A-Za-z]{3}$/.test(text)) {
      const code = text.toUpperCase();
      const hit = this.byIso3Map.get(code) ?? this.byCowMap.get(code);
      if (hit) return hit;
    }
    return this.matchName(text);
  }

  closest(input: string, count = 3): StateRecord[] {
    const key = normaliseName(input);
    const scored = new Map<StateRecord, number>();
    for (const [name, s] of this.byNameMap) {
      const prefix = name.startsWith(key) && key.length >= 3 ? 0.5 : Infinity;
      const score = Math.min(prefix, editDistance(key, name) / Math.max(key.length, name.length));
      if (score < (scored.get(s) ?? Infinity)) scored.set(s, score);
    }
    for (const s of this.states) {
      for (const code of [s.iso3, s.cowAbbrev])
        if (code) {
          const score = editDistance(key.toUpperCase(), code) / 3;
          if (score < (scored.get(s) ?? Infinity)) scored.set(s, score);
        }
    }
    return [...scored]
      .filter(([, d]) => d <= 0.5)
      .sort((a, b) => a[1] - b[1])
      .slice(0, count)
      .map(([s]) => s);
  }

  /** Installs system-membership spells (from the COW state-system dataset, extended by KB facts). */
  setSpans(spans: SystemSpan[], provenance: SpanProvenance): void {
    this.spans = spans;
    this.spanProvenance = provenance;
  }

  hasSpans(): boolean {
    return this.spans.length > 0;
  }

  spansOf(ccode: number): SystemSpan[] {
    return this.spans.filter((s) => s.ccode === ccode);
  }

  /** States in the system at any point of `year`, each once, ordered by COW code. */
  inSystem(year: number): StateRecord[] {
    const codes = new Set(
      this.spans
        .filter((s) => Number(s.from.slice(0, 4)) <= year && Number(s.to.slice(0, 4)) >= year)
        .map((s) => s.ccode),
    );
    return [...codes].sort((a, b) => a - b).flatMap((c) => this.byCcodeMap.get(c) ?? []);
  }

  yearsInSystem(ccode: number): Array<[number, number]> {
    return this.spansOf(ccode).map((s) => [Number(s.from.slice(0, 4)), Number(s.to.slice(0, 4))]);
  }
}
