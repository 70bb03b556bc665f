import type { Store } from '../../store/store.ts';
import type { Provenance } from '../types.ts';

/** The fit of log CINC on log MGP over the years both exist, and how well they agree. */
export interface ProxyFit {
  a: number;
  b: number;
  /** Pearson r of log CINC and log MGP, and of the raw values, over n state-years. */
  rLog: number;
  r: number;
  n: number;
  years: [number, number];
}

export interface CapabilityProxy {
  /** ccode → year → CINC-scale estimate exp(a)·MGP^b. */
  data: Map<number, Map<number, number>>;
  /** ccode → year → which of milex, gdp, pop the share rests on (two or three). */
  parts: Map<number, Map<number, string[]>>;
  fit: ProxyFit | null;
  covers: [number, number] | null;
  provenance: Provenance[];
}

const empty = (why: string): CapabilityProxy => ({
  data: new Map(),
  parts: new Map(),
  fit: null,
  covers: null,
  provenance: [{ note: why }],
});

/**
 * MGP, a capability share that runs to 2024: the mean of a state's shares of the year's world
 * totals of military expenditure (SIPRI, constant US$), GDP (World Bank, current US$) and
 * population (World Bank), over those available (at least two of three). It mirrors how CINC
 * averages shares of six indicators, with GDP standing in for iron-and-steel and energy. It is
 * calibrated to CINC by a least-squares fit of log CINC on log MGP over the overlap, so that the
 * years after COW's data end sit on CINC's scale; the fit and its correlation are computed here,
 * from the data, every time the inputs load.
 */
export async function loadCapabilityProxy(store: Store, fromYear: number): Promise<CapabilityProxy> {
  const tables = await store.query<{ n: number }>(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('sipri_milex', 'wdi_values', 'cow_nmc')`,
  );
  if (Number(tables[0]?.n ?? 0) < 3) return empty('capability proxy: tables missing');
  const shares = `
    WITH src AS (
      SELECT 'milex' AS k, ccode, year, value AS v FROM sipri_milex WHERE measure = 'constant_usd_m' AND ccode IS NOT NULL
      UNION ALL SELECT 'gdp', ccode, year, value FROM wdi_values WHERE indicator = 'NY.GDP.MKTP.CD' AND ccode IS NOT NULL
      UNION ALL SELECT 'pop', ccode, year, value FROM wdi_values WHERE indicator = 'SP.POP.TOTL' AND ccode IS NOT NULL),
    sh AS (SELECT k, ccode, year, v / sum(v) OVER (PARTITION BY k, year) AS s FROM src)
    SELECT ccode, year, avg(s) AS mgp, list(k ORDER BY k) AS parts FROM sh GROUP BY 1, 2 HAVING count(*) >= 2`;
  const [fit] = await store.query<{
    n: number;
    r_log: number | null;
    r: number | null;
    a: number | null;
    b: number | null;
    y0: number | null;
    y1: number | null;
  }>(
    `WITH m AS (${shares}) SELECT count(*) AS n, corr(ln(mgp), ln(cinc)) AS r_log, corr(mgp, cinc) AS r,
       regr_intercept(ln(cinc), ln(mgp)) AS a, regr_slope(ln(cinc), ln(mgp)) AS b, min(year) AS y0, max(year) AS y1
     FROM m JOIN cow_nmc c USING (ccode, year) WHERE c.cinc > 0 AND m.mgp > 0 AND year >= $1`,
    [fromYear],
  );
  if (!fit || fit.a === null || fit.b === null || Number(fit.n) < 100)
    return empty('capability proxy: too little overlap with CINC to calibrate');
  const f: ProxyFit = {
    a: fit.a,
    b: fit.b,
    rLog: fit.r_log ?? NaN,
    r: fit.r ?? NaN,
    n: Number(fit.n),
    years: [Number(fit.y0), Number(fit.y1)],
  };
  const rows = await store.query<{ ccode: number; year: number; mgp: number; parts: string[] }>(
    `WITH m AS (${shares}) SELECT ccode, year, mgp, parts FROM m WHERE year >= $1 AND mgp > 0`,
    [fromYear],
  );
  const data = new Map<number, Map<number, number>>();
  const parts = new Map<number, Map<number, string[]>>();
  let y0 = Infinity,
    y1 = -Infinity;
  for (const r of rows) {
    let inner = data.get(r.ccode);
    if (!inner) data.set(r.ccode, (inner = new Map()));
    inner.set(r.year, Math.exp(f.a) * Math.pow(r.mgp, f.b));
    (parts.get(r.ccode) ?? parts.set(r.ccode, new Map()).get(r.ccode)!).set(r.year, [...r.parts]);
    y0 = Math.min(y0, r.year);
    y1 = Math.max(y1, r.year);
  }
  const loads = await store.query<{ dataset: string; version: string; sha256: string; rows: number }>(
    `SELECT l.dataset, l.version, l.sha256, l.rows FROM loads l JOIN data_load_parts p USING (load_id)
     WHERE (l.dataset = 'sipri_milex') OR (l.dataset = 'wdi_datasets_indicators' AND p.part IN ('ny.gdp.mktp.cd', 'sp.pop.totl'))
     ORDER BY l.load_id`,
  );
  return {
    data,
    parts,
    fit: f,
    covers: rows.length ? [y0, y1] : null,
    provenance: loads.map((l) => ({
      dataset: l.dataset,
      version: l.version,
      sha256: l.sha256.slice(0, 12),
      rows: Number(l.rows),
      note:
        `MGP capability share, calibrated to CINC ` +
        `(log-log fit over ${f.years.join('–')}, r = ${f.rLog.toFixed(3)})`,
    })),
  };
}
