/** Bad input from the user (unknown state, wrong year, malformed file): exit code 1, one line. */
export class UserError extends Error {
  override name = 'UserError';
}
