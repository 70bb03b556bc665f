// The class lives below the faces (src/input/) because shared input parsing throws it too.
export { UserError } from '../input/errors.ts';
