// The shapes of catalog entries, apart from the lists, so that every list module can use them.

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

export interface CatalogEntryOf<Id extends string> {
  id: Id;
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
