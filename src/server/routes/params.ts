import { z } from 'zod';

const thisYear = new Date().getUTCFullYear();

export const yearParam = z.coerce
  .number({ error: 'must be a year' })
  .int('must be a whole year')
  .min(1816, 'must be 1816 or later')
  .max(thisYear, `must be ${thisYear} or earlier`);
export const stateParam = z.string().min(1, 'must name a state').max(80, 'is too long');
