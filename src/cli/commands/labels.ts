import { chooseSource, wholeCorpus } from '../corpus/corpus-source.js';
import { csvRow, csvStart, RFC4180, SWEDISH_EXCEL } from '../render/csv.js';
import { out, printDiagnostics } from '../output.js';
import { enterWorkspace } from '../workspace/workspace.js';

export interface TemplateOptions {
  corpus?: string;
  register?: string;
  excel?: boolean;
  quiet?: boolean;
}

/** Characters of an answer's text in the template: enough to label it by, within a spreadsheet cell. */
const TEXT_LIMIT = 2000;

/**
 * `dialog labels template`: one row per answer of the corpus, with an empty themes column to
 * fill in, for `dialog themes --eval --labels`. dialog's own themes are not shown, so that the
 * labels are a person's judgement and not a copy of what is measured.
 */
export async function template(inputs: string[], opts: TemplateOptions): Promise<void> {
  const ws = enterWorkspace(opts);
  const { source, diagnostics } = await chooseSource(inputs, ws, opts);
  printDiagnostics(diagnostics, true);
  const corpus = await wholeCorpus(source);
  const dialect = opts.excel ? SWEDISH_EXCEL : RFC4180;
  const names = new Map(corpus.respondents.map((p) => [p.id, p.name]));
  let csv = csvStart(dialect) + csvRow(['answer', 'respondent', 'question', 'themes', 'text'], dialect);
  for (const r of corpus.responses)
    for (const a of r.answers) {
      const text = a.text.replace(/\s+/gu, ' ').trim();
      csv += csvRow([a.id, names.get(r.respondent) ?? r.respondentAsWritten, a.question ?? '', '', text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT)}…` : text], dialect);
    }
  out(csv);
}
