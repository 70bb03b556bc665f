// Year arguments, shared by the faces: the CLI's --year/--years and the API's year queries.
import { UserError } from './errors.ts';

export const FIRST_YEAR = 1816;
export const currentYear = (): number => new Date().getUTCFullYear();

/** Parses a year given on the command line or in a query; the state system starts in 1816. */
export function parseYear(text: string, name = 'year'): number {
  if (!/^\d{4}$/.test(text.trim())) throw new UserError(`${name} must be a four-digit year, got '${text}'`);
  const year = Number(text);
  if (year < FIRST_YEAR || year > currentYear())
    throw new UserError(`${name} ${year} is out of range (${FIRST_YEAR}–${currentYear()})`);
  return year;
}

/** "2000-2024" or a single year "2023". */
export function parseYearRange(text: string, name = 'years'): [number, number] {
  const m = /^\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*$/.exec(text);
  if (!m) throw new UserError(`${name} must look like 2000-2024 or 2023, got '${text}'`);
  const from = parseYear(m[1]!, name);
  const to = m[2] ? parseYear(m[2], name) : from;
  if (to < from) throw new UserError(`${name} range ${text} ends before it starts`);
  return [from, to];
}
