import { unreadableDocuments, describeUnreadable, type UnreadableDocument } from '../../core/report/unreadable.js';
import { readCorpusHeader } from './corpus-file.js';
import type { CorpusSource } from './corpus-source.js';
import { message } from '../output.js';

/** The unreadable documents a corpus records (only its header is read for a corpus file). */
export async function unreadableIn(source: CorpusSource): Promise<UnreadableDocument[]> {
  const sources = 'corpus' in source ? source.corpus.sources : (await readCorpusHeader(source.path)).sources;
  return unreadableDocuments(sources);
}

/** Said by themes and report: the counts leave these documents out, so that no respondent vanishes silently. */
export function warnUnreadable(list: UnreadableDocument[], quiet?: boolean): void {
  if (!list.length || quiet) return;
  const n = list.length;
  message(
    `warning: ${n} ${n === 1 ? 'document' : 'documents'} could not be read and ${n === 1 ? 'is' : 'are'} not in the counts (reports name ${n === 1 ? 'it' : 'them'}): ${list.map((d) => describeUnreadable(d, 'en')).join(', ')}; see the warnings of \`dialog ingest\` for how to make ${n === 1 ? 'it' : 'them'} readable`,
  );
}
