import type { Migration } from './migration.ts';

/**
 * Tables of the datasets that carry the framework past 2014–2022 (versions 140+, kept apart from
 * migrations-data.ts so that other branches can add their own without clashing). Same rules as
 * there: every row carries its load_id, keys are checked by the importers, ccode is COW (NULL where
 * the publisher's name or code is not a state in the registry; the name is kept).
 */
export const recentDataMigrations: Migration[] = [
  {
    version: 140,
    name: 'data: sipri_milex',
    sql: `
      -- measure: 'constant_2023_usd_m' | 'current_usd_m' | 'share_gdp_pct'; value NULL never stored ('...' and 'xxx' are dropped)
      CREATE TABLE sipri_milex (load_id INTEGER NOT NULL, country VARCHAR NOT NULL, ccode SMALLINT, year SMALLINT NOT NULL,
        measure VARCHAR NOT NULL, value DOUBLE NOT NULL);`,
  },
  {
    version: 141,
    name: 'data: wdi indicators',
    sql: `
      -- one row per entity-year with a value; aggregate = a World Bank region or group (no ccode)
      CREATE TABLE wdi_values (load_id INTEGER NOT NULL, indicator VARCHAR NOT NULL, code VARCHAR NOT NULL, name VARCHAR NOT NULL,
        ccode SMALLINT, aggregate BOOLEAN NOT NULL, year SMALLINT NOT NULL, value DOUBLE NOT NULL);`,
  },
  {
    version: 142,
    name: 'data: ucdp_acd',
    sql: `
      CREATE TABLE ucdp_conflicts (load_id INTEGER NOT NULL, conflict_id INTEGER NOT NULL, year SMALLINT NOT NULL, location VARCHAR NOT NULL,
        side_a VARCHAR NOT NULL, side_a_2nd VARCHAR, side_b VARCHAR NOT NULL, side_b_2nd VARCHAR, incompatibility TINYINT NOT NULL,
        territory_name VARCHAR, intensity_level TINYINT NOT NULL, type_of_conflict TINYINT NOT NULL, start_date DATE, ep_end BOOLEAN,
        ep_end_date DATE, region VARCHAR, version VARCHAR);
      -- the state parties of each conflict-year: side 'A' or 'B', primary or secondary (the *_2nd columns); gwno as UCDP writes it
      CREATE TABLE ucdp_conflict_parties (load_id INTEGER NOT NULL, conflict_id INTEGER NOT NULL, year SMALLINT NOT NULL, side VARCHAR NOT NULL,
        "primary" BOOLEAN NOT NULL, gwno SMALLINT NOT NULL, ccode SMALLINT);`,
  },
  {
    version: 143,
    name: 'data: ucdp_peace_agreements',
    sql: `
      CREATE TABLE ucdp_peace_agreements (load_id INTEGER NOT NULL, paid INTEGER NOT NULL, conflict_ids INTEGER[] NOT NULL, gwno VARCHAR,
        ccode SMALLINT, year SMALLINT NOT NULL, pa_date DATE, name VARCHAR NOT NULL, signatories VARCHAR, third_parties VARCHAR,
        pa_type TINYINT, ended BOOLEAN);`,
  },
  {
    version: 144,
    name: 'data: ucdp_conflict_termination',
    sql: `
      CREATE TABLE ucdp_terminations (load_id INTEGER NOT NULL, dyadep_id INTEGER NOT NULL, conflict_id INTEGER NOT NULL, dyad_id INTEGER NOT NULL,
        year SMALLINT NOT NULL, location VARCHAR NOT NULL, side_a VARCHAR NOT NULL, side_b VARCHAR NOT NULL, dyadterm BOOLEAN,
        ep_end_date DATE, outcome TINYINT, ceasefire_date DATE, agreement_date DATE, gwno_loc VARCHAR);`,
  },
  {
    version: 145,
    name: 'data: ei_statistical_review bilateral trade',
    sql: `
      -- one row per exporter-importer-commodity cell of the EI's bilateral matrices; an *_ccode is NULL for
      -- regions and "Other …" rows (aggregate = true on that side)
      CREATE TABLE ei_bilateral_trade (load_id INTEGER NOT NULL, exporter VARCHAR NOT NULL, exporter_ccode SMALLINT,
        exporter_aggregate BOOLEAN NOT NULL, importer VARCHAR NOT NULL, importer_ccode SMALLINT, importer_aggregate BOOLEAN NOT NULL,
        year SMALLINT NOT NULL, commodity VARCHAR NOT NULL, volume DOUBLE NOT NULL, unit VARCHAR NOT NULL, sheet VARCHAR NOT NULL);`,
  },
];
