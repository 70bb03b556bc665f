import { z } from 'zod';
import { coverageReport } from '../../framework/coverage/report.ts';
import { FIRST_FRAMEWORK_YEAR } from '../../framework/session.ts';
import { defineRoute, type ApiRoute, type ServerDeps } from '../route.ts';
import { HttpError } from '../errors.ts';
import { stateParam, yearParam } from './params.ts';

export function coverageRoutes(deps: ServerDeps): ApiRoute[] {
  return [
    defineRoute({
      path: '/api/coverage',
      summary: 'components present / not applicable / unknown per state for a year, with the reasons',
      query: z.strictObject({ year: yearParam.optional(), state: stateParam.optional() }),
      handler: (q) => {
        const session = deps.framework;
        if (!session)
          throw new HttpError(503, 'no datasets in the store: run `interconnector data pull` first');
        const state = q.state ? deps.registry.resolve(q.state) : undefined;
        const year = q.year ?? session.latestYear();
        if (year < FIRST_FRAMEWORK_YEAR || year > session.latestYear())
          throw new HttpError(
            400,
            `invalid parameter 'year': must lie within ${FIRST_FRAMEWORK_YEAR}–${session.latestYear()}`,
          );
        return coverageReport(session, year, state?.ccode);
      },
    }),
  ];
}
