import { getJson, type PosturesResponse } from '../api.ts';

/**
 * The first year the framework scores (src/framework/session.ts FIRST_FRAMEWORK_YEAR: the post-Soviet
 * states enter the system in 1991). The API does not serve it, so it is mirrored here, once.
 */
export const FIRST_YEAR = 1992;

let latest: Promise<PosturesResponse> | null = null;
/**
 * The API's latest scored year comes with the postures of that year: one cheap request, shared by the pages.
 */
export function latestPostures(): Promise<PosturesResponse> {
  latest ??= getJson<PosturesResponse>('/api/postures');
  latest.catch(() => {
    latest = null;
  });
  return latest;
}

export function yearRange(last: number): number[] {
  return Array.from({ length: Math.max(0, last - FIRST_YEAR + 1) }, (_, i) => FIRST_YEAR + i);
}

/** Runs the latest call only after `ms` of quiet: for sliders that would otherwise ask on every step. */
export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
): ((...args: A) => void) & { cancel: () => void } {
  let t: ReturnType<typeof setTimeout> | undefined;
  const d = (...args: A) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
  d.cancel = () => clearTimeout(t);
  return d;
}
