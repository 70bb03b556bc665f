import { z } from 'zod';

/**
 * Field schemas over the raw CSV text. Publishers write numbers, missing-value codes and flags in
 * their own ways; each schema turns one cell into a typed value or a message that the reader
 * turns into `file:line:column: column: message`.
 */

interface IntOptions {
  min?: number;
  max?: number;
  missing?: readonly string[];
  nullable?: boolean;
}

const INT = /^-?\d+$/;
/** Integer cells land in 32-bit INTEGER columns (or narrower, with their own max). */
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const NUM = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** An integer cell; `missing` codes (and, if nullable, the empty cell) become null. */
export function int(opts: IntOptions & { nullable: true }): z.ZodType<number | null, string>;
export function int(opts?: IntOptions & { nullable?: false | undefined }): z.ZodType<number, string>;
export function int(opts: IntOptions = {}): z.ZodType<number | null, string> {
  return z.string().transform((s, ctx) => {
    const t = s.trim();
    if (opts.missing?.includes(t) || (t === '' && opts.nullable)) return null;
    // Stata and R conversions sometimes write integers as "5.0"
    const v = INT.test(t) ? Number(t) : /^-?\d+\.0+$/.test(t) ? Number(t) : NaN;
    if (Number.isNaN(v)) {
      ctx.addIssue({
        code: 'custom',
        message: t === '' ? 'missing value' : `expected an integer, got '${clip(t)}'`,
      });
      return z.NEVER;
    }
    const min = opts.min ?? INT32_MIN;
    const max = opts.max ?? INT32_MAX;
    if (v < min) {
      ctx.addIssue({ code: 'custom', message: `${t} is below the minimum ${min}` });
      return z.NEVER;
    }
    if (v > max) {
      ctx.addIssue({ code: 'custom', message: `${t} is above the maximum ${max}` });
      return z.NEVER;
    }
    return v;
  });
}

/** A decimal cell; `missing` codes, the empty cell and R's NA become null. */
export function num(
  opts: { missing?: readonly string[]; min?: number } = {},
): z.ZodType<number | null, string> {
  return z.string().transform((s, ctx) => {
    const t = s.trim();
    if (t === '' || t === 'NA' || opts.missing?.includes(t)) return null;
    if (!NUM.test(t)) {
      ctx.addIssue({ code: 'custom', message: `expected a number, got '${clip(t)}'` });
      return z.NEVER;
    }
    const v = Number(t);
    if (!Number.isFinite(v)) {
      ctx.addIssue({ code: 'custom', message: `'${clip(t)}' is beyond the range of a double` });
      return z.NEVER;
    }
    if (opts.min !== undefined && v < opts.min) {
      ctx.addIssue({ code: 'custom', message: `${v} is below the minimum ${opts.min}` });
      return z.NEVER;
    }
    return v;
  });
}

/** A year within the modern state system (1815 is ATOP's first year) and not in the future. */
export function year(): z.ZodType<number, string> {
  return yearOpt() as z.ZodType<number, string>;
}

/** An optional year: empty (when nullable), a missing code, or 0 where a publisher means "none". */
export function yearOpt(
  opts: { nullable?: boolean; missing?: readonly string[]; zeroIsNull?: boolean } = {},
): z.ZodType<number | null, string> {
  const max = new Date().getUTCFullYear() + 1;
  return z.string().transform((s, ctx) => {
    const t = s.trim();
    if ((t === '' && opts.nullable) || opts.missing?.includes(t)) return null;
    if (opts.zeroIsNull && t === '0') return null;
    if (!/^\d{4}$/.test(t)) {
      ctx.addIssue({
        code: 'custom',
        message: t === '' ? 'missing year' : `expected a four-digit year, got '${clip(t)}'`,
      });
      return z.NEVER;
    }
    const v = Number(t);
    if (v < 1815 || v > max) {
      ctx.addIssue({ code: 'custom', message: `year ${v} is out of range (1815–${max})` });
      return z.NEVER;
    }
    return v;
  });
}

/** A 0/1 dummy (empty allowed when nullable). */
export function flag(
  opts: { nullable?: boolean; missing?: readonly string[] } = {},
): z.ZodType<boolean | null, string> {
  return z.string().transform((s, ctx) => {
    const t = s.trim();
    if ((t === '' && opts.nullable) || opts.missing?.includes(t)) return null;
    if (t === '1') return true;
    if (t === '0') return false;
    ctx.addIssue({ code: 'custom', message: `expected 0 or 1, got '${clip(t)}'` });
    return z.NEVER;
  });
}

/** Text; empty becomes null when nullable, else is an error. */
export function text(opts: { nullable: true }): z.ZodType<string | null, string>;
export function text(opts?: { nullable?: false }): z.ZodType<string, string>;
export function text(opts: { nullable?: boolean } = {}): z.ZodType<string | null, string> {
  return z.string().transform((s, ctx) => {
    if (s === '' || s === 'NA') {
      if (opts.nullable) return null;
      ctx.addIssue({ code: 'custom', message: 'missing value' });
      return z.NEVER;
    }
    return s;
  });
}

/** An ISO date (YYYY-MM-DD), as R's write.csv prints dates; '' stays '' when `emptyAllowed`. */
export function isoDate(opts: { emptyAllowed?: boolean } = {}): z.ZodType<string, string> {
  return z.string().transform((s, ctx) => {
    if (s === '' && opts.emptyAllowed) return s;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: `expected a date YYYY-MM-DD, got '${clip(s)}'` });
      return z.NEVER;
    }
    if (!isCalendarDate(s)) {
      ctx.addIssue({ code: 'custom', message: `${s} is not a calendar date` });
      return z.NEVER;
    }
    return s;
  });
}

/** Whether YYYY-MM-DD names a real day (no 30 February, no month 13). */
export function isCalendarDate(s: string): boolean {
  const y = Number(s.slice(0, 4)),
    m = Number(s.slice(5, 7)),
    d = Number(s.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function clip(t: string): string {
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}
