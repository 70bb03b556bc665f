import type { CatalogEntry } from './catalog.ts';

/**
 * The datasets that carry the framework to 2024–2025: military expenditure, World Bank economy and
 * population, UCDP conflicts, peace agreements and terminations, and the Energy Institute's
 * bilateral energy trade. Checksums, sizes and row counts as in ../shared/data/<id>/README.md.
 */
export type RecentDatasetId =
  | 'sipri_milex'
  | 'wdi_datasets_indicators'
  | 'ucdp_acd'
  | 'ucdp_peace_agreements'
  | 'ucdp_conflict_termination'
  | 'ei_statistical_review';

const UCDP_TERMS = 'UCDP data: free to use with citation; UCDP states CC BY 4.0 on its download pages.';

/** WDI indicator folders: code, bytes, sha256 of data.csv, data rows, years. */
const WDI: Array<[string, number, string, number, number, number]> = [
  [
    'bx.klt.dinv.cd.wd',
    458938,
    '9c90839988c376cdd22ae213f3044cca18a325c18c4e7f2daa1fb6b2cd6cee56',
    12096,
    1970,
    2024,
  ],
  [
    'ms.mil.xpnd.gd.zs',
    431095,
    '528177ac488753a7824ae8afe2cbce558231334fb304ee428ccbeff492ad7165',
    10535,
    1960,
    2024,
  ],
  [
    'ms.mil.xpnd.zs',
    232485,
    '9f7572e4c25c3060573914bba0abb3b127a176da9d29744f22413ad51839c2bb',
    5814,
    1988,
    2024,
  ],
  [
    'ne.exp.gnfs.zs',
    462682,
    '323759e9d4b217da54a2f0a3df16e70077eb83422e3dba08628a32dc48783607',
    11390,
    1960,
    2025,
  ],
  [
    'ne.imp.gnfs.zs',
    464248,
    'f64a1dd8ba2ac40d263b91b89f7ab35869e151e007d919615699d1403ddcfba5',
    11442,
    1960,
    2025,
  ],
  [
    'ny.gdp.defl.kd.zg',
    577293,
    'fe3726fe7f61fa057e6ed0fbb8470968fd310863805b54ba2e69ce64075d7ba5',
    14210,
    1961,
    2025,
  ],
  [
    'ny.gdp.mktp.cd',
    590929,
    'f488630ac53a04503f6c4164bd2737d18f7ac7fdecb07dc56042b0e1adc11cf7',
    14743,
    1960,
    2025,
  ],
  [
    'ny.gdp.mktp.kd.zg',
    584087,
    '5468bc4339dd2ea3e677adea1319b40b98640d9c5997b43961196e726bcf3e8a',
    14321,
    1961,
    2025,
  ],
  [
    'ny.gdp.pcap.cd',
    597942,
    '77c7f7b01151f21558ad08df402f865b4469aafbd00c6907f0586caec8f5900e',
    14743,
    1960,
    2025,
  ],
  [
    'pa.nus.fcrf',
    431847,
    '3aae492c4e0e8e9a2633f76bf8c0b3b3b608b4d029839b82edb1592ed3db83a3',
    12533,
    1960,
    2025,
  ],
  [
    'sp.pop.totl',
    556652,
    'cd7856b882884a41b3473cf74e8c85eb58d7d663d818a07e03f42ebdfb2c6b34',
    17394,
    1960,
    2025,
  ],
  [
    'tm.val.mrch.cd.wt',
    526541,
    'cc4dc88950c1b30a348ffbc764c34d18c629f2564182d22e2173c3d61e5492d7',
    14841,
    1960,
    2025,
  ],
  [
    'tx.val.fuel.zs.un',
    380125,
    '89c170aaa525deb661f495c6216777149f50331333e73a819bd26250ccb307be',
    9494,
    1962,
    2025,
  ],
  [
    'tx.val.mrch.cd.wt',
    525379,
    'c64c07cf3000a19495cc2e4e4a89e24696a97aebdab884b2def426f688b4f7af',
    14892,
    1960,
    2025,
  ],
];

export const recentCatalog: CatalogEntry[] = [
  {
    id: 'sipri_milex',
    title: 'SIPRI Military Expenditure Database, all countries',
    publisher: 'Stockholm International Peace Research Institute (SIPRI)',
    version: '2025 (data 1949–2024)',
    citation: 'SIPRI Military Expenditure Database 2025, https://www.sipri.org/databases/milex.',
    licence: 'SIPRI fair use: non-commercial use with citation, at most 10% of the dataset reproduced.',
    page: 'https://www.sipri.org/databases/milex',
    years: [1949, 2024],
    measures: ['milex'],
    files: [
      {
        name: 'SIPRI-Milex-data-1949-2024_2.xlsx',
        part: 'milex',
        version: '2025',
        sha256: '8a31c2794c8070230b3b9ef26a3249663f6317a8bc86ba3ec3099c791cdb692f',
        bytes: 872274,
        rows: 508,
        years: [1949, 2024],
        download: { url: 'https://www.sipri.org/sites/default/files/SIPRI-Milex-data-1949-2024_2.xlsx' },
        note:
          'rows = country rows with values over the three sheets read ' +
          '(constant US$, current US$, share of GDP)',
      },
    ],
  },
  {
    id: 'wdi_datasets_indicators',
    title: 'World Bank World Development Indicators (14 indicators, long CSV)',
    publisher: 'World Bank (conversion by the datahub core-datasets project)',
    version: 'datahub commit 4ebec5a (2026-07-01)',
    citation:
      'World Bank (2026), World Development Indicators, ' +
      'https://datacatalog.worldbank.org/search/dataset/0037712.',
    licence: 'CC BY 4.0 (World Bank); MS.MIL.* are SIPRI figures under SIPRI terms.',
    page: 'https://github.com/datasets/world-development-indicators',
    years: [1960, 2025],
    measures: ['economy'],
    files: WDI.map(([code, bytes, sha256, rows, a, b]) => ({
      name: 'data.csv',
      dir: `indicators/${code}`,
      part: code,
      version: '2026-07-01',
      sha256,
      bytes,
      rows,
      years: [a, b] as [number, number],
      download: {
        url:
          'https://raw.githubusercontent.com/datasets/world-development-indicators/' +
          `4ebec5a2273f531ba238a34dbe440394dc5a6c4b/indicators/${code}/data.csv`,
      },
    })),
  },
  {
    id: 'ucdp_acd',
    title: 'UCDP/PRIO Armed Conflict Dataset',
    publisher: 'Uppsala Conflict Data Program (UCDP) and PRIO',
    version: '26.1',
    citation:
      'Gleditsch, Nils Petter, Peter Wallensteen, Mikael Eriksson, Margareta Sollenberg and Håvard Strand ' +
      '(2002), "Armed Conflict 1946–2001: A New Dataset", Journal of Peace Research 39(5): 615–637.',
    licence: UCDP_TERMS,
    page: 'https://ucdp.uu.se/downloads/',
    years: [1946, 2025],
    measures: ['conflict'],
    files: [
      {
        name: 'UcdpPrioConflict_v26_1.csv',
        part: 'conflicts',
        version: '26.1',
        sha256: '2aea044f1bcae7b050bb6c79fb796743e787edeed3b90e74e146cfc4e5b05447',
        bytes: 519114,
        rows: 2816,
        years: [1946, 2025],
        note: 'publisher-format CSV from a third-party repository (bytes not verified against UCDP)',
      },
      {
        name: 'UcdpPrioConflict_v25_1.xlsx',
        part: 'conflicts',
        version: '25.1',
        sha256: 'cb26d2cd279c3e0293f915fa0ca11251fa5bf3bc6086b587e3111a4890772b91',
        bytes: 289991,
        rows: 2752,
        years: [1946, 2024],
        optional: true,
        note: 're-saved Excel copy (1904 date system); values as published',
      },
    ],
  },
  {
    id: 'ucdp_peace_agreements',
    title: 'UCDP Peace Agreement Dataset',
    publisher: 'Uppsala Conflict Data Program (UCDP)',
    version: '22.1',
    citation:
      'Pettersson, Therese, Stina Högbladh and Magnus Öberg (2019), "Organized violence, 1989–2018 and ' +
      'peace agreements", Journal of Peace Research 56(4): 589–603.',
    licence: UCDP_TERMS,
    page: 'https://ucdp.uu.se/downloads/',
    years: [1975, 2021],
    measures: ['agreements'],
    files: [
      {
        name: 'ucdp-peace-agreements-221.csv',
        part: 'agreements',
        version: '22.1',
        sha256: 'd512c104ac085d9934646873df9bbd682f6d9a4c29201504ace6b3fc7b553c2e',
        bytes: 912372,
        rows: 374,
        years: [1975, 2021],
      },
    ],
  },
  {
    id: 'ucdp_conflict_termination',
    title: 'UCDP Conflict Termination Dataset, dyad level',
    publisher: 'Uppsala Conflict Data Program (UCDP)',
    version: '3-2021',
    citation:
      'Kreutz, Joakim (2010), "How and when armed conflicts end: Introducing the UCDP Conflict ' +
      'Termination dataset", Journal of Peace Research 47(2): 243–250.',
    licence: UCDP_TERMS,
    page: 'https://ucdp.uu.se/downloads/',
    years: [1946, 2020],
    measures: ['termination'],
    files: [
      {
        name: 'ucdp-term-dyad-3-2021.xlsx',
        part: 'dyads',
        version: '3-2021',
        sha256: '1c2bc692546d67dad9686a14a5cf0aa495de41311a647adc2ea6eda869ad8daf',
        bytes: 363217,
        rows: 3140,
        years: [1946, 2020],
      },
    ],
  },
  {
    id: 'ei_statistical_review',
    title: 'Energy Institute Statistical Review of World Energy, bilateral trade matrices',
    publisher: 'Energy Institute (with KPMG and Kearney)',
    version: '2024 edition (data to 2023)',
    citation:
      'Energy Institute, Statistical Review of World Energy (2024), ' +
      'https://www.energyinst.org/statistical-review.',
    licence: '© Energy Institute; free use with attribution; no open licence; do not redistribute.',
    page: 'https://www.energyinst.org/statistical-review/resources-and-data-downloads',
    years: [2023, 2023],
    measures: ['energy_trade'],
    files: [
      {
        name: 'EI-Stats-Review-All-Data.xlsx',
        part: 'bilateral',
        version: '2024',
        sha256: '0c2a5012ae1b56a69ca6fb66e68413b94914ba53b8d069fd0578c586881b53fb',
        bytes: 3714774,
        rows: 104,
        years: [2023, 2023],
        note: 're-saved copy of the all-data workbook; rows = matrix rows of the four bilateral blocks read',
      },
    ],
  },
];
