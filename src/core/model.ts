/** The normalised data model shared by every command. The corpus file is this, serialised. */

export type Stance = 'support' | 'conditional' | 'oppose' | 'no-opinion';
export const STANCES: readonly Stance[] = ['support', 'conditional', 'oppose', 'no-opinion'];

export type RespondentType = 'kommun' | 'region' | 'myndighet' | 'organisation' | 'övrig';
export type Category = 'K1' | 'K2' | 'K3';

export interface Question {
  id: string;
  text: string;
}

export interface Consultation {
  id: string;
  title: string;
  issuer?: string;
  reference?: string;
  sent?: string;
  deadline?: string;
  recipients?: string;
  purpose?: string;
  contact?: { name: string; title?: string; phone?: string; email?: string };
  /** English wording of the Swedish metadata, for reports in English. */
  en?: { title?: string; recipients?: string; purpose?: string; contactTitle?: string };
  illustrative?: boolean;
  questions?: Question[];
  /** Whom the remiss was sent to: register names or codes, or all municipalities of a county. */
  remissinstanser?: AddresseeSpec[];
}

/** One line of a consultation's `remissinstanser`: a name or register code, or a county's municipalities. */
export type AddresseeSpec = string | { län: string } | { county: string };

export interface Answer {
  id: string;
  question?: string;
  /** The heading the answer stood under in a document (PDF, Word, text), kept for the report. */
  heading?: string;
  text: string;
  /** Human labels for evaluation; absent when the answer was not labelled. */
  themes?: string[];
}

export interface Reservation {
  parties: string[];
  text: string;
}

export interface Respondent {
  id: string;
  name: string;
  type: RespondentType;
  /** True when the name was found in the register. */
  known: boolean;
  code?: string;
  category?: Category;
  population?: number;
  /** SCB code of the respondent's county, from the register. */
  county?: string;
  /** The register's former name the response was written under ("Gotlands kommun"), when it was. */
  formerName?: string;
}

export interface Response {
  id: string;
  /** Input file, relative to the working directory, with forward slashes. */
  source: string;
  /** Line in the source where the response starts. */
  line: number;
  respondent: string;
  /** The respondent's name as written in the input. */
  respondentAsWritten: string;
  /** The body inside the respondent that answered ("Kommunstyrelsen"), when the name gave one. */
  organ?: string;
  date?: string;
  reference?: string;
  stance?: Stance;
  /** The stance as written, when it was a phrasing rather than an id. */
  stanceText?: string;
  answers: Answer[];
  reservations: Reservation[];
}

/** The kind of input file a source was read from. */
export type SourceFormat = 'yaml' | 'csv' | 'xlsx' | 'ods' | 'pdf' | 'docx' | 'odt' | 'rtf' | 'txt' | 'md' | 'other';

/**
 * Why a document could not be read: a scan without a text layer, a PDF without any text, a file
 * protected by a password, a damaged file, or a format dialog does not read (.doc, .pages, .wpd).
 */
export type UnreadableReason = 'scanned' | 'no-text' | 'encrypted' | 'damaged' | 'format';

export interface Source {
  /** Relative to the workspace (the folder of dialog.config.yaml, else the working directory), with `/`. */
  path: string;
  sha256: string;
  /** Size in bytes, to notice an edited input without hashing it. */
  size?: number;
  /**
   * Set when the file's content was already in the corpus under this other path, or when it is
   * another copy of the letter read from that path (same respondent, no differing date or
   * reference, near-identical text: a PDF and its Word original): counted once.
   */
  duplicateOf?: string;
  format: SourceFormat;
  encoding: 'utf-8' | 'windows-1252';
  responses: number;
  answers?: number;
  /** Sidecar and manifest files whose facts override the document's: a change to one makes the corpus stale. */
  facts?: FactsFile[];
  /** Set when a later letter from the same respondent, at that path, replaces this one (a revision). */
  replacedBy?: string;
  /** Set for a document that could not be read: it holds no responses, and every report names it. */
  unreadable?: UnreadableReason;
}

export interface FactsFile {
  path: string;
  sha256: string;
}

/**
 * The settings files a corpus was built with, beside its sources: a change to any of them changes
 * facts (names, categories, document facts, the consultation), so it makes the corpus stale.
 * Paths are relative to the workspace (`dialog:` + path for files shipped with dialog).
 */
export interface CorpusSettings {
  /** The register files names and categories were resolved against, in the order they were read. */
  register: FactsFile[];
  /** Where the consultation came from: the config's consultation file, or an input (`input`). */
  consultation?: FactsFile & { input?: true };
  /** Every manifest read for the documents (given with --manifest or found in a folder). */
  manifests?: FactsFile[];
  /** Ids follow content (ids.ts); a corpus without this names answers by file and must be rebuilt. */
  ids?: 'content';
}

export interface Corpus {
  format: 'dialog-corpus';
  version: 1;
  consultation?: Consultation;
  settings?: CorpusSettings;
  sources: Source[];
  respondents: Respondent[];
  responses: Response[];
}

export function emptyCorpus(): Corpus {
  return { format: 'dialog-corpus', version: 1, sources: [], respondents: [], responses: [] };
}
