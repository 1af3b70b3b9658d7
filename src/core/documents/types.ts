/**
 * The shapes the document stage works on. Readers at the edge (PDF, Word, text) turn a file into
 * `DocLine`s; the stage cleans them, finds the metadata and splits the text into sections.
 */

/** One line of a document as a reader gives it, before cleaning. */
export interface DocLine {
  text: string;
  /** 1-based page; 1 for formats without pages. A form feed in a text file starts a new page. */
  page: number;
  /**
   * The column or page region the line stands in (PDF: page and column); a line in a new region
   * may continue the paragraph of the previous region (a page or column break).
   */
  region?: number;
  /** Distance of the baseline from the top of the page, 0..1 (PDF only). */
  top?: number;
  /** Font size relative to the body text (1 = body; PDF only). */
  size?: number;
  /** How much of its column's width the line fills, 0..1 (PDF only): a short line may end a paragraph. */
  fill?: number;
  /** The whole line is bold (Word, Markdown). */
  bold?: boolean;
  /** A heading level the format states (Word heading styles, Markdown #). */
  heading?: number;
  /** The line starts a new paragraph (a blank line, a vertical gap, a new Word paragraph). */
  breakBefore?: boolean;
  /** Blank lines before this one (text files): text pasted from a PDF has one before every line. */
  blanks?: number;
  /** A table row or a list item: a block of its own, never joined to its neighbours. */
  block?: 'row' | 'item';
}

/** A paragraph, heading, list item or table row after cleaning. */
export interface Block {
  kind: 'heading' | 'paragraph' | 'item' | 'row';
  text: string;
  page: number;
  /** Heading level where the format states one; numbered headings get their depth. */
  level?: number;
}

/** A line removed as page furniture (header, footer, page number, repeated letterhead). */
export interface Removed {
  /** The line as written on its first occurrence. */
  text: string;
  /** How many times it was removed. */
  times: number;
  why: 'page number' | 'page header or footer' | 'repeated letterhead or address';
}

/** A value found in a document, and where. */
export interface Found<T = string> {
  value: T;
  from: string;
}

export interface DocumentSection {
  heading?: string;
  question?: string;
  text: string;
}
