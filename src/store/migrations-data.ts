import type { Migration } from './migration.ts';

/**
 * Dataset tables, one migration per dataset family (versions 100+). Every row carries the
 * `load_id` of the file it came from (`loads`: dataset, version, file, sha256). There are no
 * primary keys on dataset tables on purpose: a new version is loaded by deleting the old load's
 * rows and appending the new ones in one transaction, and DuckDB's unique indexes reject a key
 * deleted and re-inserted within one transaction. The importers check key uniqueness instead
 * (a duplicate is a file:line error). ccode columns are COW codes; NULL where the dataset's
 * country name is not in the state registry (the name is kept and listed in loads.unmapped).
 */
export const dataMigrations: Migration[] = [
  {
    version: 100,
    name: 'data: load parts',
    sql: `
      CREATE TABLE data_load_parts (
        load_id INTEGER NOT NULL, dataset VARCHAR NOT NULL, part VARCHAR NOT NULL
      );`,
  },
  {
    version: 101,
    name: 'data: cow_states',
    sql: `
      CREATE TABLE cow_state_spans (
        load_id INTEGER NOT NULL, ccode SMALLINT NOT NULL, abbrev VARCHAR NOT NULL, name VARCHAR NOT NULL,
        start_date DATE NOT NULL, end_date DATE NOT NULL
      );
      CREATE TABLE cow_system_years (
        load_id INTEGER NOT NULL, ccode SMALLINT NOT NULL, year SMALLINT NOT NULL
      );
      CREATE TABLE cow_major_powers (
        load_id INTEGER NOT NULL, ccode SMALLINT NOT NULL, start_date DATE NOT NULL, end_date DATE NOT NULL
      );
      CREATE TABLE cow_country_codes (
        load_id INTEGER NOT NULL, ccode SMALLINT NOT NULL, abbrev VARCHAR NOT NULL, name VARCHAR NOT NULL
      );`,
  },
  {
    version: 102,
    name: 'data: unga_votes',
    sql: `
      CREATE TABLE unga_rollcalls (
        load_id INTEGER NOT NULL, rcid INTEGER NOT NULL, session SMALLINT NOT NULL, date DATE, year SMALLINT,
        unres VARCHAR, important BOOLEAN NOT NULL, amend BOOLEAN, para BOOLEAN, short VARCHAR, descr VARCHAR
      );
      CREATE TABLE unga_rollcall_issues (
        load_id INTEGER NOT NULL, rcid INTEGER NOT NULL, issue VARCHAR NOT NULL, issue_name VARCHAR NOT NULL
      );
      -- vote: 1 yes, 2 abstain, 3 no (Voeten's codes); absences are not rows here (see unga_votes_2016)
      CREATE TABLE unga_votes (
        load_id INTEGER NOT NULL, rcid INTEGER NOT NULL, ccode SMALLINT, country VARCHAR NOT NULL,
        vote TINYINT NOT NULL
      );
      -- Voeten's 2016 release keeps every COW state on every roll call: vote 1/2/3, or NULL with
      -- absent = true (code 8) or member = false (code 9); year is the session year (1945 + session)
      CREATE TABLE unga_votes_2016 (
        load_id INTEGER NOT NULL, rcid INTEGER NOT NULL, session SMALLINT NOT NULL, year SMALLINT NOT NULL,
        ccode SMALLINT NOT NULL, vote TINYINT, absent BOOLEAN NOT NULL, member BOOLEAN NOT NULL
      );`,
  },
  {
    version: 103,
    name: 'data: unga_idealpoints',
    sql: `
      CREATE TABLE unga_idealpoints (
        load_id INTEGER NOT NULL, ccode SMALLINT NOT NULL, session SMALLINT NOT NULL, year SMALLINT NOT NULL,
        nvotes INTEGER, idealpoint DOUBLE, q0 DOUBLE, q5 DOUBLE, q10 DOUBLE, q50 DOUBLE, q90 DOUBLE,
        q95 DOUBLE, q100 DOUBLE, iso3 VARCHAR, name VARCHAR, agree_usa DOUBLE, agree_russia DOUBLE,
        agree_brazil DOUBLE, agree_china DOUBLE, agree_india DOUBLE, agree_israel DOUBLE
      );`,
  },
  {
    version: 104,
    name: 'data: alliances (atop, cow_alliance)',
    sql: `
      -- end_year NULL: still in effect at the end of the data (ATOP writes 0)
      CREATE TABLE atop_alliances (
        load_id INTEGER NOT NULL, atopid INTEGER NOT NULL, begin_year SMALLINT NOT NULL, begin_month TINYINT,
        begin_day TINYINT, end_year SMALLINT, end_month TINYINT, end_day TINYINT, bilateral BOOLEAN,
        defense BOOLEAN NOT NULL, offense BOOLEAN NOT NULL, neutrality BOOLEAN NOT NULL,
        nonaggression BOOLEAN NOT NULL, consultation BOOLEAN NOT NULL,
        -- ATOP's own codes (see the codebook): active, conditio, milaid, base, organ1
        active TINYINT, conditional TINYINT, military_aid TINYINT, bases TINYINT, organization TINYINT,
        max_phase SMALLINT, members INTEGER[] NOT NULL
      );
      CREATE TABLE atop_phases (
        load_id INTEGER NOT NULL, atopid INTEGER NOT NULL, atopidphase VARCHAR NOT NULL, phase SMALLINT,
        begin_year SMALLINT NOT NULL, end_year SMALLINT, defense BOOLEAN NOT NULL, offense BOOLEAN NOT NULL,
        neutrality BOOLEAN NOT NULL, nonaggression BOOLEAN NOT NULL, consultation BOOLEAN NOT NULL
      );
      CREATE TABLE atop_members (
        load_id INTEGER NOT NULL, atopid INTEGER NOT NULL, ccode SMALLINT NOT NULL, phase SMALLINT,
        entry_year SMALLINT NOT NULL, entry_month TINYINT, entry_day TINYINT, exit_year SMALLINT,
        exit_month TINYINT, exit_day TINYINT, defense BOOLEAN NOT NULL, offense BOOLEAN NOT NULL,
        neutrality BOOLEAN NOT NULL, nonaggression BOOLEAN NOT NULL, consultation BOOLEAN NOT NULL
      );
      CREATE TABLE atop_state_years (
        load_id INTEGER NOT NULL, ccode SMALLINT NOT NULL, year SMALLINT NOT NULL, defense BOOLEAN NOT NULL,
        offense BOOLEAN NOT NULL, neutrality BOOLEAN NOT NULL, nonaggression BOOLEAN NOT NULL,
        consultation BOOLEAN NOT NULL, alliances SMALLINT NOT NULL, atopids INTEGER[] NOT NULL
      );
      CREATE TABLE atop_institutions (
        load_id INTEGER NOT NULL, atopid INTEGER NOT NULL, atopidphase VARCHAR NOT NULL, milinst TINYINT,
        formal TINYINT
      );
      CREATE TABLE atop_dyad_years (
        load_id INTEGER NOT NULL, ccode1 SMALLINT NOT NULL, ccode2 SMALLINT NOT NULL, year SMALLINT NOT NULL,
        defense BOOLEAN NOT NULL, offense BOOLEAN NOT NULL, neutrality BOOLEAN NOT NULL,
        nonaggression BOOLEAN NOT NULL, consultation BOOLEAN NOT NULL
      );
      CREATE TABLE cow_alliance_member_years (
        load_id INTEGER NOT NULL, alliance_id INTEGER NOT NULL, ccode SMALLINT NOT NULL,
        year SMALLINT NOT NULL, type VARCHAR NOT NULL, defense BOOLEAN, neutrality BOOLEAN,
        nonaggression BOOLEAN, entente BOOLEAN, alliance_start_year SMALLINT, alliance_end_year SMALLINT,
        member_start_year SMALLINT, member_end_year SMALLINT, left_censor BOOLEAN, right_censor BOOLEAN
      );`,
  },
  {
    version: 105,
    name: 'data: cow_igo',
    sql: `
      -- the state-years the IGO data cover (a covered state-year without memberships is zero, not missing)
      CREATE TABLE igo_state_years (
        load_id INTEGER NOT NULL, ccode SMALLINT NOT NULL, year SMALLINT NOT NULL
      );
      -- status: 'full', 'associate', 'observer', or 'missing' where COW codes -9
      CREATE TABLE igo_memberships (
        load_id INTEGER NOT NULL, ccode SMALLINT NOT NULL, year SMALLINT NOT NULL, igo VARCHAR NOT NULL,
        status VARCHAR NOT NULL
      );
      CREATE TABLE igos (
        load_id INTEGER NOT NULL, igo VARCHAR NOT NULL, ionum INTEGER, name VARCHAR, long_name VARCHAR,
        start_year SMALLINT, end_year SMALLINT, integrated BOOLEAN, replaced BOOLEAN, political BOOLEAN,
        social BOOLEAN, economic BOOLEAN, first_year SMALLINT NOT NULL, last_year SMALLINT NOT NULL,
        years_listed SMALLINT NOT NULL
      );`,
  },
  {
    version: 106,
    name: 'data: cow_nmc',
    sql: `
      CREATE TABLE cow_nmc (
        load_id INTEGER NOT NULL, ccode SMALLINT NOT NULL, year SMALLINT NOT NULL, milex DOUBLE,
        milper DOUBLE, irst DOUBLE, pec DOUBLE, tpop DOUBLE, upop DOUBLE, cinc DOUBLE
      );`,
  },
  {
    version: 107,
    name: 'data: cow_contiguity',
    sql: `
      CREATE TABLE cow_contiguity (
        load_id INTEGER NOT NULL, ccode1 SMALLINT NOT NULL, ccode2 SMALLINT NOT NULL, year SMALLINT NOT NULL,
        type TINYINT NOT NULL
      );
      CREATE TABLE cow_contiguity_spans (
        load_id INTEGER NOT NULL, ccode_low SMALLINT NOT NULL, ccode_high SMALLINT NOT NULL,
        type TINYINT NOT NULL, begin_year SMALLINT NOT NULL, begin_month TINYINT NOT NULL,
        end_year SMALLINT NOT NULL, end_month TINYINT NOT NULL, notes VARCHAR
      );
      CREATE TABLE cow_contiguity_counts (
        load_id INTEGER NOT NULL, ccode SMALLINT NOT NULL, year SMALLINT NOT NULL, total SMALLINT NOT NULL,
        land SMALLINT NOT NULL, sea SMALLINT NOT NULL
      );`,
  },
  {
    version: 108,
    name: 'data: cow_trade',
    sql: `
      -- millions of current US dollars; NULL where COW codes -9; source codes as written (e.g. '2.2')
      CREATE TABLE cow_trade_national (
        load_id INTEGER NOT NULL, ccode SMALLINT NOT NULL, year SMALLINT NOT NULL, imports DOUBLE,
        exports DOUBLE, alt_imports DOUBLE, alt_exports DOUBLE, source1 VARCHAR, source2 VARCHAR
      );`,
  },
  {
    version: 109,
    name: 'data: sipri_arms',
    sql: `
      CREATE TABLE sipri_transfers (
        load_id INTEGER NOT NULL, line INTEGER NOT NULL, recipient VARCHAR NOT NULL, recipient_ccode SMALLINT,
        supplier VARCHAR NOT NULL, supplier_ccode SMALLINT, order_year SMALLINT,
        order_year_uncertain BOOLEAN NOT NULL, number_ordered INTEGER,
        number_ordered_uncertain BOOLEAN NOT NULL, weapon_designation VARCHAR, weapon_description VARCHAR,
        number_delivered INTEGER, number_delivered_uncertain BOOLEAN NOT NULL,
        delivery_years INTEGER[] NOT NULL, status VARCHAR, comments VARCHAR, tiv_unit DOUBLE,
        tiv_total DOUBLE, tiv_delivered DOUBLE
      );`,
  },
  {
    version: 110,
    name: 'data: eurostat_gas',
    sql: `
      -- value NULL where Eurostat prints ':' (not available); partner 'RU' or 'TOTAL';
      -- product 'natural_gas' or 'lng'
      CREATE TABLE eurostat_gas_imports (
        load_id INTEGER NOT NULL, reporter VARCHAR NOT NULL, reporter_ccode SMALLINT,
        aggregate BOOLEAN NOT NULL, partner VARCHAR NOT NULL, product VARCHAR NOT NULL,
        year SMALLINT NOT NULL, value DOUBLE, unit VARCHAR NOT NULL
      );`,
  },
];
