import type { Migration } from './migration.ts';

/**
 * Cached ideal-point fits of our own estimator (versions 200+). A run is keyed by a checksum of the
 * voting record it was fitted on, the vote selection and the estimator options, so a new import
 * or a different selection never reuses a stale fit. These tables hold derived results, not data:
 * they can be dropped at any time and are rebuilt on demand.
 */
export const alignmentMigrations: Migration[] = [
  {
    version: 200,
    name: 'alignment: cached ideal-point fits',
    sql: `
      CREATE TABLE alignment_fit_runs (
        key VARCHAR NOT NULL, selection VARCHAR NOT NULL, votes_signature VARCHAR NOT NULL,
        options VARCHAR NOT NULL, rollcalls INTEGER NOT NULL, votes INTEGER NOT NULL, items INTEGER,
        iterations INTEGER NOT NULL, converged BOOLEAN NOT NULL, seconds DOUBLE NOT NULL,
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
      );
      CREATE TABLE alignment_fit_points (
        key VARCHAR NOT NULL, ccode SMALLINT NOT NULL, session SMALLINT NOT NULL, theta DOUBLE NOT NULL,
        sd DOUBLE NOT NULL, lo DOUBLE NOT NULL, hi DOUBLE NOT NULL, nvotes INTEGER NOT NULL
      );`,
  },
];
