/**
 * Malformed input: names the file, line and column so that the user can open the file at the
 * spot. `userError` makes the CLI exit 1 with this one line rather than treat it as a crash.
 */
export class DataError extends Error {
  override name = 'DataError';
  readonly userError = true;
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
  }
}

/** A problem with a dataset as a whole (unknown id, file missing, checksum, network): exit 1. */
export class DatasetError extends Error {
  override name = 'DatasetError';
  readonly userError = true;
}
