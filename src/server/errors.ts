import type { ZodError } from 'zod';

/** An HTTP error with the status and a message that names the bad parameter. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function badQuery(err: ZodError): HttpError {
  const first = err.issues[0];
  if (first?.code === 'unrecognized_keys')
    return new HttpError(400, `invalid parameter '${first.keys[0]}': not a parameter of this endpoint`);
  const param = first?.path.join('.') || 'query';
  return new HttpError(400, `invalid parameter '${param}': ${first?.message ?? 'bad value'}`);
}
