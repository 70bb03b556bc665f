import { basename, dirname } from 'node:path';
import { z } from 'zod';
import { DataError } from '../errors.ts';
import type { DatasetImporter, ImportFile, ParseContext, PartResult, PartSpec } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { KeyCheck, readRows, YearSpan } from '../reader.ts';
import { num, text, year } from '../schema.ts';

/**
 * The World Bank's regional, income and lending groups, which share the country-code column with
 * the countries (WDI country metadata: the entries without a region). They are kept, flagged.
 */
const AGGREGATES = new Set(
  (
    'AFE AFW ARB CEB CSS EAP EAR EAS ECA ECS EMU EUU FCS HIC HPC IBD IBT IDA IDB IDX INX ' +
    'LAC LCN LDC LIC LMC LMY LTE MEA MIC MNA NAC OED OSS PRE PSS PST SAS SSA SSF SST TEA ' +
    'TEC TLA TMN TSA TSS UMC WLD'
  ).split(' '),
);

/** The WDI indicators in the catalog, by the folder name datahub gives them (the code in lower case). */
export const WDI_INDICATORS = [
  'bx.klt.dinv.cd.wd',
  'ms.mil.xpnd.gd.zs',
  'ms.mil.xpnd.zs',
  'ne.exp.gnfs.zs',
  'ne.imp.gnfs.zs',
  'ny.gdp.defl.kd.zg',
  'ny.gdp.mktp.cd',
  'ny.gdp.mktp.kd.zg',
  'ny.gdp.pcap.cd',
  'pa.nus.fcrf',
  'sp.pop.totl',
  'tm.val.mrch.cd.wt',
  'tx.val.fuel.zs.un',
  'tx.val.mrch.cd.wt',
] as const;

/**
 * One indicator's long CSV (datahub's conversion of the World Bank API file): `Country Name,
 * Country Code, Year, Value`, one row per entity-year with a value. Every file is called data.csv,
 * so the folder names the indicator; a file from another indicator's folder is refused rather than
 * stored under the wrong code.
 */
function indicatorPart(indicator: string): PartSpec {
  return {
    part: indicator,
    tables: ['wdi_values'],
    async parse(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
      const folder = basename(dirname(file.path)).toLowerCase();
      if ((WDI_INDICATORS as readonly string[]).includes(folder) && folder !== indicator)
        throw new DataError(file.name, 0, 0, `a file of indicator ${folder}, not ${indicator}`);
      const out = new TableBuffer('wdi_values', [
        'varchar',
        'varchar',
        'varchar',
        'smallint',
        'bool',
        'smallint',
        'double',
      ]);
      const keys = new KeyCheck('entity-year');
      const years = new YearSpan();
      const unmapped = new Set<string>();
      const schema = z.object({
        'Country Name': text(),
        'Country Code': z.string().regex(/^[A-Z0-9]{3}$/, 'expected a three-letter code'),
        Year: year(),
        Value: num(),
      });
      const label = `${indicator}/${file.name}`;
      const { rows } = await readRows({ path: file.path, label, schema }, (r, at) => {
        if (r.Value === null) at.fail('Value', 'missing value (the converter drops empty cells)');
        const code = r['Country Code'];
        keys.add(`${code}|${r.Year}`, at, 'Year');
        const aggregate = AGGREGATES.has(code);
        const ccode = aggregate ? null : (ctx.registry.byIso3(code)?.ccode ?? null);
        if (!aggregate && ccode === null) unmapped.add(`${code} (${r['Country Name']})`);
        years.add(r.Year);
        out.push([indicator.toUpperCase(), code, r['Country Name'], ccode, aggregate, r.Year, r.Value]);
      });
      return { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [...unmapped] };
    },
  };
}

export const wdi: DatasetImporter = {
  id: 'wdi_datasets_indicators',
  parts: WDI_INDICATORS.map(indicatorPart),
};
