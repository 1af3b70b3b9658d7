/** A filled sheet (a review or an audit) as read from CSV or XLSX: its header, and each row with where its cells stand. */
export interface Sheet {
  header: string[];
  headerPlace: { file: string; line: number; col: number };
  /** `row` is the row's number in the sheet (1 is the header), for messages that point back to it. */
  rows: { row: number; cells: string[]; place: (column: number) => { file: string; line: number; col: number } }[];
}
