// The one shape every file format is read into: a row's cells and where it sits in the file.
export interface SourceRecord {
  /** 1-based line (CSV) or row number (XLSX) in the file, as a spreadsheet user would count */
  line: number;
  cells: string[];
}
