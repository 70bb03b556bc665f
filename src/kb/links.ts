/**
 * The only link targets a source may have: web pages and DOIs. Anything else (javascript:, data:,
 * file: …) would run or read something in the reader's browser when clicked, so it never becomes a link.
 */
export const linkProtocols = /^(https?|doi)$/;

/** A clickable address for a source's URL, or undefined when the URL is not one we can safely link. */
export function linkFor(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const trimmed = url.trim();
  const doi = /^doi:(10\.\S+)$/i.exec(trimmed);
  if (doi) return `https://doi.org/${doi[1]}`;
  return /^https?:\/\/[^\s]+$/i.test(trimmed) ? trimmed : undefined;
}
