import type { Source, UnreadableReason } from '../model.js';
import type { Lang } from './report-text.js';

/** A document of the corpus that could not be read: it gave no responses, and reports name it. */
export interface UnreadableDocument {
  path: string;
  reason: UnreadableReason;
}

/** The corpus's unreadable documents, in path order (a copy of another file is left out: it is counted once). */
export function unreadableDocuments(sources: readonly Source[]): UnreadableDocument[] {
  return sources.filter((s) => s.unreadable && !s.duplicateOf).map((s) => ({ path: s.path, reason: s.unreadable! }));
}

const LABELS: Record<Lang, Record<UnreadableReason, string>> = {
  sv: {
    scanned: 'skannat dokument utan textlager',
    'no-text': 'dokument utan text',
    encrypted: 'lösenordsskyddat dokument',
    damaged: 'skadad fil',
    format: 'filformatet läses inte',
  },
  en: {
    scanned: 'scanned document without a text layer',
    'no-text': 'document without text',
    encrypted: 'password-protected document',
    damaged: 'damaged file',
    format: 'file format not read',
  },
};

/** "svar/skannat.pdf (skannat dokument utan textlager)": the file and why it was not read, in the report's language. */
export function describeUnreadable(d: UnreadableDocument, lang: Lang): string {
  const label = LABELS[lang][d.reason];
  const ext = /\.[^./]+$/u.exec(d.path)?.[0];
  return `${d.path} (${d.reason === 'format' && ext ? `${label}: ${ext}` : label})`;
}
