/** Knowledge-base dates are ISO prefixes: YYYY, YYYY-MM or YYYY-MM-DD. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  if (month < 1 || month > 12) return false;
  const daysInMonth = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Earliest day an imprecise date can mean ("2021-06" → 2021-06-01), for ordering and intervals. */
export function startOf(date: IsoDate): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** Latest day an imprecise date can mean ("2021" → 2021-12-31). */
export function endOf(date: IsoDate): string {
  if (date.length === 10) return date;
  const [y, m] = [Number(date.slice(0, 4)), date.length === 7 ? Number(date.slice(5, 7)) : 12];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** Whether an interval [from, to] (to open when absent) overlaps calendar year `year`. */
export function coversYear(from: IsoDate, to: IsoDate | undefined, year: number): boolean {
  return yearOf(from) <= year && (to === undefined || yearOf(to) >= year);
}
