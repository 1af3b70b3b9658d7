import { parse } from 'csv-parse/sync';
import { append, diag, type Diagnostic } from '../diagnostics.js';
import { validator } from '../schemas.js';
import { detectDelimiter } from '../ingest/csv-columns.js';
import { normaliseStance, stanceHelp } from '../ingest/stance.js';
import { parseYaml, validateYaml } from '../ingest/yaml-source.js';
import { dateIn } from './metadata.js';
import type { DocumentFacts } from './document.js';

/** Facts about documents from a manifest, by file name relative to the manifest's folder. */
export type Manifest = Map<string, { facts: DocumentFacts; line: number; col?: number }>;

/** A sidecar file (`huddinge.pdf.yaml`): facts about the document beside it (schemas/document-facts.schema.json). */
export function parseSidecar(path: string, text: string): { facts?: DocumentFacts; diagnostics: Diagnostic[] } {
  const src = parseYaml(path, text);
  const diagnostics = [...src.diagnostics];
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const problems = validateYaml(path, src, validator('document-facts'));
  if (problems.length) return { diagnostics: append(diagnostics, problems) };
  const facts = src.data as DocumentFacts;
  if (facts.position && !normaliseStance(facts.position)) {
    const p = src.locate(['position']);
    diagnostics.push(diag(path, p.line, p.col, `unknown position "${facts.position}"; ${stanceHelp()}`));
    return { diagnostics };
  }
  return { facts, diagnostics };
}

/** A YAML manifest (schemas/document-manifest.schema.json). */
export function parseManifestYaml(path: string, text: string): { manifest: Manifest; diagnostics: Diagnostic[] } {
  const manifest: Manifest = new Map();
  const src = parseYaml(path, text);
  const diagnostics = [...src.diagnostics];
  if (diagnostics.some((d) => d.severity === 'error')) return { manifest, diagnostics };
  const problems = validateYaml(path, src, validator('document-manifest'));
  if (problems.length) return { manifest, diagnostics: append(diagnostics, problems) };
  const entries = (src.data as { documents: (DocumentFacts & { file: string })[] }).documents;
  entries.forEach((e, i) => {
    const { file, ...facts } = e;
    const at = src.locate(['documents', i, 'file']);
    add(manifest, path, normaliseFile(file), facts, at.line, diagnostics, () => src.locate(['documents', i, 'position']), at.col);
  });
  return { manifest, diagnostics };
}

const CSV_COLUMNS: Record<string, keyof DocumentFacts | 'file'> = {
  file: 'file',
  fil: 'file',
  filnamn: 'file',
  dokument: 'file',
  document: 'file',
  respondent: 'respondent',
  remissinstans: 'respondent',
  avsändare: 'respondent',
  type: 'type',
  typ: 'type',
  date: 'date',
  datum: 'date',
  reference: 'reference',
  diarienummer: 'reference',
  dnr: 'reference',
  position: 'position',
  stance: 'position',
  ställningstagande: 'position',
};

/** A CSV manifest: a header row (file, respondent, date, reference, position; Swedish names too), one document per row. */
export function parseManifestCsv(path: string, text: string): { manifest: Manifest; diagnostics: Diagnostic[] } {
  const manifest: Manifest = new Map();
  const diagnostics: Diagnostic[] = [];
  const body = text.replace(/^\uFEFF/, '');
  const rawLines = body.split(/\r?\n/);
  const delimiter = detectDelimiter(rawLines[0] ?? '');
  let rows: string[][];
  try {
    rows = parse(body, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (err) {
    const e = err as { lines?: number; message: string };
    diagnostics.push(diag(path, e.lines ?? 1, 1, `invalid CSV: ${e.message.replace(/\.$/, '')}; fix the row`));
    return { manifest, diagnostics };
  }
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const columns = header.map((h) => CSV_COLUMNS[h]);
  header.forEach((h, i) => {
    if (!columns[i] && h) diagnostics.push(diag(path, 1, 1, `unknown column "${h}" in the manifest; the columns are file, respondent, type, date, reference, position`));
  });
  if (!columns.includes('file')) {
    diagnostics.push(diag(path, 1, 1, 'the manifest has no "file" column; the first row must name the columns (file;respondent;date;reference;position)'));
    return { manifest, diagnostics };
  }
  const validate = validator('document-facts');
  rows.slice(1).forEach((row, r) => {
    const line = r + 2;
    const entry: Record<string, string> = {};
    columns.forEach((c, i) => {
      const v = (row[i] ?? '').trim();
      if (c && v) entry[c] = v;
    });
    const { file, ...facts } = entry;
    if (!file) {
      diagnostics.push(diag(path, line, 1, 'the file is empty; every row names a document'));
      return;
    }
    if (facts.date && !/^\d{4}-\d{2}-\d{2}$/.test(facts.date)) {
      const iso = dateIn(facts.date);
      if (iso) facts.date = iso;
    }
    if (!validate(facts)) {
      const e = validate.errors?.[0];
      const field = e?.instancePath.slice(1) || 'row';
      diagnostics.push(diag(path, line, 1, field === 'date' ? `"${entry.date}" is not a real date; write YYYY-MM-DD, e.g. 2016-02-15` : `the ${field} ${e?.message ?? 'is invalid'}; fix the cell`));
      return;
    }
    add(manifest, path, normaliseFile(file), facts as DocumentFacts, line, diagnostics, () => ({ line, col: 1 }), fileColumn(rawLines[line - 1] ?? '', columns.indexOf('file'), delimiter));
  });
  return { manifest, diagnostics };
}

/** The column where a row's file cell starts, for messages; 1 where quotes make it uncertain. */
function fileColumn(raw: string, index: number, delimiter: string): number {
  if (index <= 0 || raw.includes('"')) return 1;
  return raw.split(delimiter).slice(0, index).reduce((n, cell) => n + cell.length + 1, 1);
}

function add(manifest: Manifest, path: string, file: string, facts: DocumentFacts, line: number, out: Diagnostic[], positionAt: () => { line: number; col: number }, col = 1) {
  if (facts.position && !normaliseStance(facts.position)) {
    const p = positionAt();
    out.push(diag(path, p.line, p.col, `unknown position "${facts.position}"; ${stanceHelp()}`));
    return;
  }
  const earlier = manifest.get(file);
  if (earlier) {
    out.push(diag(path, line, col, `"${file}" is listed twice (first on line ${earlier.line}); list each document once`));
    return;
  }
  manifest.set(file, { facts, line, col });
}

/** Manifest paths compare with `/`, without a leading `./`. */
export function normaliseFile(file: string): string {
  return file.trim().replace(/\\/g, '/').replace(/^(?:\.\/)+/u, '');
}
