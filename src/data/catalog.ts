/**
 * The datasets the framework reads, as their publishers release them. File names, checksums,
 * row counts and years are those of the files described in ../shared/data/<id>/README.md; a file
 * with a different checksum is another release and is imported as such (its version then comes
 * from the file itself or is marked unverified).
 */

export type DatasetId =
  | 'unga_votes'
  | 'unga_votes_recent'
  | 'unga_idealpoints'
  | 'atop'
  | 'cow_alliance'
  | 'cow_igo'
  | 'cow_nmc'
  | 'cow_states'
  | 'cow_contiguity'
  | 'cow_trade'
  | 'sipri_arms'
  | 'eurostat_gas'
  | RecentDatasetId;

import { recentCatalog, type RecentDatasetId } from './catalog-recent.ts';

export interface Download {
  /** A direct URL of the file, or of a zip archive that holds it. */
  url: string;
  /** Path of the file inside the archive; nested archives are listed outermost first. */
  archivePath?: string[];
}

export interface CatalogFile {
  /** File name as published (and as laid out in a mirror folder, under `dir` when given). */
  name: string;
  dir?: string;
  /** Which importer part reads it; files sharing a part are alternative versions, newest first. */
  part: string;
  version: string;
  sha256: string;
  bytes: number;
  /** Data rows as the README counts them (header excluded). */
  rows: number;
  years: [number, number];
  /** Where `data pull` fetches it; absent when the publisher only offers a web page or form. */
  download?: Download;
  /** Pulled by default; optional files are imported when present in a folder or mirror. */
  optional?: boolean;
  note?: string;
}

export interface CatalogEntry {
  id: DatasetId;
  title: string;
  publisher: string;
  version: string;
  citation: string;
  licence: string;
  /** The publisher's page for the dataset (where to download by hand). */
  page: string;
  years: [number, number];
  /** The measures (see coverage.ts) this dataset can answer. */
  measures: string[];
  files: CatalogFile[];
}

const COW_TERMS =
  'Free of charge with a request to cite (Correlates of War); no open licence stated; do not redistribute.';

export const catalog: CatalogEntry[] = [
  {
    id: 'cow_states',
    title: 'COW State System Membership',
    publisher: 'Correlates of War Project',
    version: '2016',
    citation:
      'Correlates of War Project (2017), "State System Membership List, v2016", http://correlatesofwar.org.',
    licence: COW_TERMS,
    page: 'https://correlatesofwar.org/data-sets/state-system-membership/',
    years: [1816, 2016],
    measures: ['system'],
    files: [
      {
        name: 'states2016.csv',
        part: 'states',
        version: '2016',
        sha256: '21822fe1ef67aedf2e64ebe9746e2b875c6175c8ce599750bc0e77e4ce393167',
        bytes: 10602,
        rows: 243,
        years: [1816, 2016],
      },
      {
        name: 'system2016.csv',
        part: 'system',
        version: '2016',
        sha256: '280e10b408c0aefb3b452e1d35d59a54d78935c08ac3a6039c47cb982cdc9f17',
        bytes: 300836,
        rows: 15951,
        years: [1816, 2016],
      },
      {
        name: 'majors2016.csv',
        part: 'majors',
        version: '2016',
        sha256: '6ba42de12f2f63401ff5a61e6d0037d17b5dd03ed9aca07d0bc16660e03694eb',
        bytes: 539,
        rows: 14,
        years: [1816, 2016],
      },
      {
        name: 'COW country codes.csv',
        part: 'codes',
        version: '2016',
        sha256: '9b66dad6b9c0db83bc3c15c501b033164348bd8bd82aa14974067684c4d28bc5',
        bytes: 4337,
        rows: 243,
        years: [1816, 2016],
        optional: true,
      },
    ],
  },
  {
    id: 'unga_votes',
    title: 'UN General Assembly roll-call votes (unvotes tables of Voeten et al.)',
    publisher:
      'Erik Voeten, Anton Strezhnev, Michael Bailey (Harvard Dataverse); unvotes R package (David Robinson)',
    version: 'unvotes 2021 (UNVotes2021, sessions 1-74)',
    citation:
      'Voeten, Erik; Strezhnev, Anton; Bailey, Michael (2009), "United Nations General ' +
      'Assembly Voting Data", Harvard Dataverse, https://doi.org/10.7910/DVN/LEJUQZ.',
    licence: 'CC0 (Dataverse terms, as recorded by the unvotes package).',
    page: 'https://dataverse.harvard.edu/dataset.xhtml?persistentId=doi:10.7910/DVN/LEJUQZ',
    years: [1946, 2020],
    measures: ['votes'],
    files: [
      {
        name: 'un_roll_calls.csv',
        part: 'rollcalls',
        version: 'unvotes-2021',
        sha256: 'ab2c3d931f778ec948806153282a20054b38ab43c4fce6460c063afe9227dd86',
        bytes: 1550118,
        rows: 6203,
        years: [1946, 2020],
      },
      {
        name: 'un_roll_call_issues.csv',
        part: 'issues',
        version: 'unvotes-2021',
        sha256: '88bf73921f941f2db007252f6a0614d3b14c23bd82eadad4ba38eb5c7792ad4e',
        bytes: 194740,
        rows: 5745,
        years: [1946, 2020],
      },
      {
        name: 'un_votes.csv',
        part: 'votes',
        version: 'unvotes-2021',
        sha256: 'e561e9743bf5a10a02d6f8373ee80e503e8bc996ede2fd8e3ba6bfde4e5e093a',
        bytes: 24092060,
        rows: 870109,
        years: [1946, 2020],
      },
      {
        name: 'UNVotesPublished_from_RData.csv.gz',
        dir: 'voeten_2016',
        part: 'votes2016',
        version: 'voeten-2016',
        sha256: '710997bd63ee64c92fd4027b73b41a0d3ae5896f9d46749d5cf777d9449c225c',
        bytes: 3250243,
        rows: 1066613,
        years: [1946, 2015],
        optional: true,
        note:
          'Voeten 2016 release with absences (8) and non-members ' +
          '(9); CSV conversion of UNVotesPublished.RData',
      },
    ],
  },
  {
    id: 'unga_votes_recent',
    title: 'UN General Assembly recorded votes from the UN Digital Library (2020 on)',
    publisher: 'United Nations, Dag Hammarskjöld Library (UN Digital Library voting data)',
    version: 'UN Digital Library records to 18 Dec 2025 (sessions 74-80)',
    citation:
      'United Nations Dag Hammarskjöld Library, "General Assembly Voting Data", United Nations, ' +
      'https://digitallibrary.un.org/record/4060887.',
    licence: 'United Nations terms of use: non-commercial use with attribution.',
    page: 'https://digitallibrary.un.org/record/4060887',
    years: [2020, 2025],
    measures: ['votes'],
    files: [
      {
        name: 'un_roll_calls_2020_2025.csv',
        part: 'rollcalls',
        version: 'undl-mirror-2025-12-18',
        sha256: 'a568105ec13c73439404c325f42defb816c8d01c19179b64a57afa9811e538c7',
        bytes: 132707,
        rows: 649,
        years: [2020, 2025],
        note: 'UN Digital Library records 2020-2025, unvotes layout (A/RES/74/267 left out: unvotes has it)',
      },
      {
        name: 'un_votes_2020_2025.csv',
        part: 'votes',
        version: 'undl-mirror-2025-12-18',
        sha256: '3c09a93d7f9b79e65c254e7fdbea0c4392fe75ee89509a42a5dc490e5b784b7c',
        bytes: 3502273,
        rows: 113917,
        years: [2020, 2025],
      },
      {
        // The publisher's own file. Its record page sits behind a browser check, so there is no
        // direct download, and we hold no copy to take a checksum from: it imports as unverified.
        name: '2026_02_06_ga_voting.csv',
        part: 'undl',
        version: 'undl-2026-02-06',
        sha256: '',
        bytes: 0,
        rows: 947434,
        years: [1946, 2025],
        optional: true,
        note:
          'UN Digital Library long layout (undl_id, ms_code, ms_name, ms_vote, date, session, resolution, ' +
          'title, ...); download by hand from the record page',
      },
    ],
  },
  {
    id: 'unga_idealpoints',
    title: 'UNGA ideal points and agreement with reference states',
    publisher: 'Michael Bailey, Anton Strezhnev, Erik Voeten (Harvard Dataverse)',
    version: 'June 2024',
    citation:
      'Bailey, Michael A., Anton Strezhnev and Erik Voeten (2017), "Estimating Dynamic State ' +
      'Preferences from United Nations Voting Data", Journal of Conflict Resolution 61(2): 430–456.',
    licence: 'CC0 (Dataverse terms).',
    page: 'https://dataverse.harvard.edu/dataset.xhtml?persistentId=doi:10.7910/DVN/LEJUQZ',
    years: [1946, 2023],
    measures: ['idealpoints'],
    files: [
      {
        name: 'IdealpointestimatesAll_Jun2024.csv',
        part: 'idealpoints',
        version: '2024-06',
        sha256: '94ce7440bdba9252b2f4294333291585748dfe84dbaf56fe9f26e1af38f66198',
        bytes: 1932704,
        rows: 11238,
        years: [1946, 2023],
      },
    ],
  },
  {
    id: 'atop',
    title: 'Alliance Treaty Obligations and Provisions (ATOP)',
    publisher: 'ATOP project (Brett Ashley Leeds et al.)',
    version: '5.1',
    citation:
      'Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, ' +
      'and Andrew G. Long (2002), "Alliance Treaty Obligations and ' +
      'Provisions, 1815–1944", International Interactions 28(3): 237–260.',
    licence:
      'Free of charge for research with a request to cite; no open licence stated; do not redistribute.',
    page: 'http://www.atopdata.org/data.html',
    years: [1815, 2018],
    measures: ['alliances'],
    files: [
      {
        name: 'atop5_1a.csv',
        part: 'alliances',
        version: '5.1',
        sha256: 'eafd146fa5c5bc2737ae829288c87d01c990a55fbc82dcc2dc08b94c0d7b5b7d',
        bytes: 183543,
        rows: 789,
        years: [1815, 2018],
        download: {
          url: 'https://www.atopdata.org/uploads/6/9/1/3/69134503/atop_5.1__.csv_.zip',
          archivePath: ['atop5_1a.csv'],
        },
      },
      {
        name: 'atop5_1aph.csv',
        part: 'phases',
        version: '5.1',
        sha256: '828ed77daf341ea377f75e042c2e51e4e6ccb0515e058db6355a89f8aebb0fcf',
        bytes: 202256,
        rows: 849,
        years: [1815, 2018],
        download: {
          url: 'https://www.atopdata.org/uploads/6/9/1/3/69134503/atop_5.1__.csv_.zip',
          archivePath: ['atop5_1aph.csv'],
        },
      },
      {
        name: 'atop5_1m.csv',
        part: 'members',
        version: '5.1',
        sha256: '0e3c803f65275c3cb9309d08c04710416dff16aee936c8b4f887c7b67ee5b55b',
        bytes: 568197,
        rows: 2510,
        years: [1815, 2018],
        download: {
          url: 'https://www.atopdata.org/uploads/6/9/1/3/69134503/atop_5.1__.csv_.zip',
          archivePath: ['atop5_1m.csv'],
        },
      },
      {
        name: 'atop5_1sy.csv',
        part: 'stateyears',
        version: '5.1',
        sha256: '187ce932d5b77002f795d849b67b5b2dd6baa170304bed58663c4194e240f929',
        bytes: 1249045,
        rows: 11923,
        years: [1815, 2018],
        download: {
          url: 'https://www.atopdata.org/uploads/6/9/1/3/69134503/atop_5.1__.csv_.zip',
          archivePath: ['atop5_1sy.csv'],
        },
      },
      {
        name: 'atopinst5_1.csv',
        part: 'institutions',
        version: '5.1',
        sha256: '31b60ed11434d96c5a228a728beb8ca55cc54e224882b994e13c11b302ca9990',
        bytes: 21640,
        rows: 849,
        years: [1815, 2018],
        download: {
          url: 'https://www.atopdata.org/uploads/6/9/1/3/69134503/atop_5.1__.csv_.zip',
          archivePath: ['atopinst5_1.csv'],
        },
      },
      {
        name: 'atop_alliance_ddy_peacesciencer.csv',
        part: 'dyadyears',
        version: '5.1 (peacesciencer)',
        sha256: '681567e23d41c85f7d466308a55241238c15be1225b91852e360cfee4ab27719',
        bytes: 6191742,
        rows: 273296,
        years: [1815, 2018],
        optional: true,
        note: 'directed dyad-years from peacesciencer (built from atop5_1ddyr)',
      },
    ],
  },
  {
    id: 'cow_alliance',
    title: 'COW Formal Interstate Alliances',
    publisher: 'Correlates of War Project (Douglas M. Gibler)',
    version: '4.1',
    citation:
      'Gibler, Douglas M. (2009), International Military Alliances, 1648–2008, Washington DC: CQ Press.',
    licence: COW_TERMS,
    page: 'https://correlatesofwar.org/data-sets/formal-alliances/',
    years: [1816, 2012],
    measures: ['alliances'],
    files: [
      {
        name: 'alliance_v4.1_by_member_yearly.csv',
        part: 'memberyears',
        version: '4.1',
        sha256: '85ffa83a1859ec1d57db8f42c0701845c0de5030c9314b1ff4b64000e978a730',
        bytes: 2118649,
        rows: 21315,
        years: [1816, 2012],
      },
    ],
  },
  {
    id: 'cow_igo',
    title: 'COW Intergovernmental Organizations',
    publisher: 'Correlates of War Project (Pevehouse, Nordstrom, McManus, Jamison)',
    version: '3.0',
    citation:
      'Pevehouse, Jon C. W., Timothy Nordstrom, Roseanne W. McManus, and Anne ' +
      'Spencer Jamison (2020), "Tracking Organizations in the World: The Correlates ' +
      'of War IGO Version 3.0 Datasets", Journal of Peace Research 57(3): 492–503.',
    licence: COW_TERMS,
    page: 'https://correlatesofwar.org/data-sets/IGOs/',
    years: [1816, 2014],
    measures: ['igo'],
    files: [
      {
        name: 'state_year_formatv3_from_dta.csv',
        part: 'stateyears',
        version: '3.0',
        sha256: '8b81133541428552ab2c3f5ffa2110b7b4c56c934297bb2e4299db38a3de48a2',
        bytes: 22513785,
        rows: 15557,
        years: [1816, 2014],
        note: 'CSV conversion of the Stata state_year_format3.dta (via igoR)',
      },
      {
        name: 'igo_year_formatv3_from_dta.csv',
        part: 'igoyears',
        version: '3.0',
        sha256: '3c6bee46333f5efe57c36bb5da5d9ed7626c4db4966406151ebdd631e8de935b',
        bytes: 10450485,
        rows: 19335,
        years: [1816, 2014],
        note: 'CSV conversion of the Stata igo_year_format_3.dta (via igoR)',
      },
    ],
  },
  {
    id: 'cow_nmc',
    title: 'COW National Material Capabilities',
    publisher: 'Correlates of War Project',
    version: '7.0',
    citation:
      'Singer, J. David, Stuart Bremer, and John Stuckey (1972), "Capability ' +
      'Distribution, Uncertainty, and Major Power War, 1820–1965", in Bruce ' +
      'Russett (ed.), Peace, War, and Numbers, Beverly Hills: Sage, 19–48.',
    licence: COW_TERMS,
    page: 'https://correlatesofwar.org/data-sets/national-material-capabilities/',
    years: [1816, 2022],
    measures: ['capabilities'],
    files: [
      {
        name: 'NMC-70-abridged_reconstructed.csv',
        part: 'nmc',
        version: '7.0',
        sha256: 'db35ecad9868c5c0c9e598d1702c8b0c000f594c802ad1a9b002924fa64829de',
        bytes: 974857,
        rows: 17121,
        years: [1816, 2022],
        note: 'v7.0 values rebuilt in the publisher layout (not the publisher bytes)',
      },
      {
        name: 'NMC-70-abridged.csv',
        part: 'nmc',
        version: '7.0',
        sha256: '807a7092ea50b5957c7280d591dac5db16e572f6158fda0fa6c306bc27d8bf7a',
        bytes: 974857,
        rows: 17121,
        years: [1816, 2022],
        download: {
          url: 'https://correlatesofwar.org/wp-content/uploads/NMCv7.zip',
          archivePath: ['NMC-v7-abridged.zip', 'NMC-70-abridged.csv'],
        },
        note: 'publisher file; checksum as reported by a third party',
      },
      {
        name: 'NMC-60-abridged.csv',
        part: 'nmc',
        version: '6.0',
        sha256: 'cd8465ea476da51d3e91261e216e96cfaf1fbf309dbe6bfc25a99bfb9fa7cfde',
        bytes: 920464,
        rows: 15951,
        years: [1816, 2016],
        optional: true,
      },
    ],
  },
  {
    id: 'cow_contiguity',
    title: 'COW Direct Contiguity',
    publisher: 'Correlates of War Project',
    version: '3.2',
    citation:
      'Stinnett, Douglas M., Jaroslav Tir, Philip Schafer, Paul F. Diehl, ' +
      'and Charles Gochman (2002), "The COW Direct Contiguity Data, ' +
      'Version 3.0", Conflict Management and Peace Science 19(2): 58–66.',
    licence: COW_TERMS,
    page: 'https://correlatesofwar.org/data-sets/direct-contiguity/',
    years: [1816, 2016],
    measures: ['contiguity'],
    files: [
      {
        name: 'contdird.csv',
        part: 'dyadyears',
        version: '3.2',
        sha256: '42b8fe2bc7fffe58665a38f7476d7d76cf3acd5a22e176c3691670997a4717f2',
        bytes: 3104061,
        rows: 82498,
        years: [1816, 2016],
        download: {
          url: 'https://correlatesofwar.org/wp-content/uploads/DirectContiguity320.zip',
          archivePath: ['contdird.csv'],
        },
      },
      {
        name: 'contdir.csv',
        part: 'master',
        version: '3.2',
        sha256: '62f3714d1a75c940887bf15b40b256aeeb41545734ab13abe96ab3f49a980362',
        bytes: 89528,
        rows: 847,
        years: [1816, 2016],
        download: {
          url: 'https://correlatesofwar.org/wp-content/uploads/DirectContiguity320.zip',
          archivePath: ['contdir.csv'],
        },
      },
      {
        name: 'contdirs.csv',
        part: 'stateyears',
        version: '3.2',
        sha256: '5caa5cbc0cf42fdfdcecf7a277a60885aabdb63f2933146da7e9b19217b44339',
        bytes: 398157,
        rows: 15951,
        years: [1816, 2016],
        download: {
          url: 'https://correlatesofwar.org/wp-content/uploads/DirectContiguity320.zip',
          archivePath: ['contdirs.csv'],
        },
      },
    ],
  },
  {
    id: 'cow_trade',
    title: 'COW Trade, national totals',
    publisher: 'Correlates of War Project (Barbieri and Keshk)',
    version: '4.0',
    citation:
      'Barbieri, Katherine, Omar M. G. Keshk, and Brian Pollins (2009), "TRADING DATA: Evaluating ' +
      'our Assumptions and Coding Rules", Conflict Management and Peace Science 26(5): 471–491.',
    licence: COW_TERMS,
    page: 'https://correlatesofwar.org/data-sets/bilateral-trade/',
    years: [1870, 2014],
    measures: ['trade'],
    files: [
      {
        name: 'National_COW_4.0.csv',
        part: 'national',
        version: '4.0',
        sha256: '8a8772f87f4b21a11967b3fc0ab7e10f540a5f5db2b1a0c5677fcbf0acf79a69',
        bytes: 799736,
        rows: 14410,
        years: [1870, 2014],
        download: {
          url: 'https://correlatesofwar.org/wp-content/uploads/COW_Trade_4.0.zip',
          archivePath: ['National_COW_4.0.csv'],
        },
      },
    ],
  },
  {
    id: 'sipri_arms',
    title: 'SIPRI Arms Transfers Database, trade register',
    publisher: 'Stockholm International Peace Research Institute (SIPRI)',
    version: 'generated 2026-05-18',
    citation:
      'Information from the SIPRI Arms Transfers Database, Stockholm International ' +
      'Peace Research Institute, https://www.sipri.org/databases/armstransfers.',
    licence:
      'SIPRI user rules: download and cite with attribution; no ' +
      'commercial use without agreement; do not redistribute.',
    page: 'https://armstransfers.sipri.org/',
    years: [1940, 2025],
    measures: ['arms'],
    files: [
      {
        name: 'trade-register.csv',
        part: 'register',
        version: 'generated 2026-05-18',
        sha256: '42230eb8758d2b4f9041af8a74ee6f3c93e4b5da01b5503e349055ddecfa3314',
        bytes: 4086816,
        rows: 29916,
        years: [1940, 2025],
        note:
          'export from the web form (Trade registers, all suppliers ' +
          'and recipients, CSV); SIPRI revises every spring',
      },
    ],
  },
  {
    id: 'eurostat_gas',
    title: 'Eurostat imports of natural gas by partner country (nrg_ti_gas), custom extract',
    publisher: 'Eurostat',
    version: 'data updated 2022-03-23',
    citation:
      'Eurostat (2022), "Imports of natural gas by partner country" (nrg_ti_gas), ' +
      'https://ec.europa.eu/eurostat/databrowser/view/nrg_ti_gas/default/table.',
    licence: 'CC BY 4.0 (Eurostat copyright notice: reuse with acknowledgement).',
    page: 'https://ec.europa.eu/eurostat/web/products-datasets/-/nrg_ti_gas',
    years: [2011, 2020],
    measures: ['gas'],
    files: [
      {
        name: 'custom-table-imports-of-natural-gas-by-partner-country.xlsx',
        part: 'imports',
        version: '2022-03-23',
        sha256: '2d67c46a5eb3d2cae1a00a4ff05446b22369f84557341442d3afbb27ab8a5314',
        bytes: 28265,
        rows: 176,
        years: [2011, 2020],
        note:
          'rows = reporter rows over the 4 data sheets (44 each); partners Russia ' +
          'and Total only; the full partner breakdown needs the Eurostat API',
      },
    ],
  },
  ...recentCatalog,
];

export function catalogEntry(id: string): CatalogEntry | undefined {
  return catalog.find((d) => d.id === id);
}

/** The relative path of a catalog file in a mirror laid out like ../shared/data. */
export function mirrorPath(entry: CatalogEntry, file: CatalogFile): string {
  return [entry.id, ...(file.dir ? [file.dir] : []), file.name].join('/');
}
