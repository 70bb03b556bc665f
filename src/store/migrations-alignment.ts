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
  {
    // A data table kept with the alignment migrations so that it travels with its importer
    // (src/data/importers/unga_votes_recent.ts); same conventions as migrations-data.ts.
    version: 150,
    name: 'data: unga_votes_recent',
    sql: `
      CREATE TABLE unga_recent_rollcalls (load_id INTEGER NOT NULL, rcid INTEGER NOT NULL,
        session SMALLINT NOT NULL, date DATE NOT NULL, year SMALLINT NOT NULL, unres VARCHAR NOT NULL,
        title VARCHAR, layout VARCHAR NOT NULL);
      -- vote: 1 yes, 2 abstain, 3 no; members that did not vote are not rows
      CREATE TABLE unga_recent_votes (load_id INTEGER NOT NULL, rcid INTEGER NOT NULL,
        ccode SMALLINT,
        country VARCHAR NOT NULL, vote TINYINT NOT NULL);`,
  },
];
