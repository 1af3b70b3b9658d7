import { existsSync, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { extname, resolve } from 'node:path';
import { append, diag, errors, InputError, type Diagnostic } from '../../core/diagnostics.js';
import { mergeIntoCorpus, type ConfigConsultation, type IngestSummary, type MergeOptions } from '../../core/ingest/corpus-build.js';
import { emptyCorpus, type Consultation, type Corpus, type CorpusSettings, type FactsFile } from '../../core/model.js';
import { sharedSpill, spillThreshold } from '../corpus/text-spill.js';
import { boundHeapGrowth } from '../run/heap.js';
import { setText, type ParsedFile, type TextStore } from '../../core/ingest/raw.js';
import { readCsv } from '../../core/ingest/read-csv.js';
import { readYaml } from '../../core/ingest/read-yaml.js';
import { columnNamed, detectDelimiter } from '../../core/ingest/csv-columns.js';
import { RespondentIndex } from '../../core/ingest/respondents.js';
import type { DocumentReport } from '../../core/documents/document.js';
import { expandInputs, READ_EXTENSIONS, reasonFor } from '../files/fsx.js';
import { displayPath } from '../files/paths.js';
import { DOCUMENT_EXTENSIONS, Manifests, parseDocumentFile, UNREAD_DOCUMENT_EXTENSIONS } from './read-documents.js';
import { DocumentPool } from './document-pool.js';
import { isWorkbookExtension } from './sheet-formats.js';
import { readWorkbookFile } from './workbook.js';
import type { Progress } from '../run/progress.js';
import { loadYamlFile, readRegister, settingPath } from '../workspace/workspace.js';
import { resolveAddressees } from '../../core/report/addressees.js';
import { consultationPlace } from '../workspace/consultation-place.js';

async function* counted(chunks: AsyncIterable<Uint8Array>, progress?: Progress): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    progress?.increment(chunk.length);
    yield chunk;
  }
}

/**
 * A sheet's bytes a megabyte at a time, read into two buffers in turn: the next megabyte is read
 * while the reader parses this one, and no fresh buffer is made per megabyte (page faults, and
 * garbage collections that external memory brings on). A chunk is valid until the next is asked
 * for: the CSV readers copy or decode each chunk before they ask.
 */
async function* sheetChunks(path: string): AsyncGenerator<Uint8Array> {
  const file = await open(path, 'r');
  const buffers = [Buffer.allocUnsafe(SHEET_CHUNK), Buffer.allocUnsafe(SHEET_CHUNK)];
  let turn = 0;
  let reading: Promise<{ bytesRead: number }> | undefined = file.read(buffers[turn], 0, SHEET_CHUNK, null);
  try {
    for (;;) {
      const { bytesRead } = await reading!;
      reading = undefined;
      if (!bytesRead) return;
      const current = buffers[turn];
      turn ^= 1;
      reading = file.read(buffers[turn], 0, SHEET_CHUNK, null);
      yield current.subarray(0, bytesRead);
    }
  } finally {
    // A reader that stops early (a bad header) leaves a read under way: it ends before the file closes.
    await reading?.catch(() => undefined);
    await file.close();
  }
}

const SHEET_CHUNK = 1 << 20;

/** Shown and stored for input read from standard input (`-`). */
export const STDIN_NAME = '<stdin>';

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Standard input is CSV when its first line is a header with a respondent column, else YAML. */
function looksLikeCsv(bytes: Buffer): boolean {
  const first = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n|\r/)[0] ?? '';
  if (!/[;,\t]/.test(first)) return false;
  // Quotes are only stripped, not parsed: a header cell that needs them is no column name anyway.
  return first.split(detectDelimiter(first)).some((cell) => columnNamed(cell.trim().replace(/^"|"$/gu, '')) === 'respondent');
}

/** What reading documents needs besides the register: the consultation's questions, the sheet to read, manifests. */
export interface ReadOptions {
  /** The sheet of a workbook to read (default: the first). */
  sheet?: string;
  /** A manifest of facts about documents (CSV or YAML). */
  manifest?: string;
  /** The workspace's consultation file (the config's `consultation`), absolute. */
  consultation?: string;
  /** A document that cannot be read is an error (for CI), not recorded as unreadable. */
  strict?: boolean;
}

interface DocumentSetting {
  questions: NonNullable<Corpus['consultation']>['questions'];
  issuer?: string;
  manifests: Manifests;
  reports: DocumentReport[];
  sheet?: string;
  strict?: boolean;
  /** Documents read ahead on worker threads (see document-pool.ts). */
  pool?: DocumentPool;
}

export async function parseFile(path: string, register: RespondentIndex, progress?: Progress, documents?: DocumentSetting, spill?: TextStore): Promise<ParsedFile> {
  if (path === '-') {
    const bytes = await readStdin();
    progress?.increment(bytes.length);
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (looksLikeCsv(bytes)) {
      const parsed = await readCsv(STDIN_NAME, async function* () { yield bytes; }, '', respondentKey(register), undefined, documents?.questions ?? []);
      return { ...parsed, sha256: sha, size: bytes.length };
    }
    return { ...parseYamlBytes(STDIN_NAME, bytes, sha), size: bytes.length };
  }
  const shown = displayPath(path);
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') {
    // The file is hashed while it is parsed, not read twice; a pass that stops early (invalid
    // input) leaves no digest, and then nothing is written.
    let digest = '';
    const bytes = async function* () {
      const hash = createHash('sha256');
      for await (const chunk of counted(sheetChunks(path), progress)) {
        hash.update(chunk);
        yield chunk;
      }
      digest = hash.digest('hex');
    };
    const size = statSync(path).size;
    const parsed = await readCsv(shown, bytes, '', respondentKey(register), spill, documents?.questions ?? []);
    parsed.sha256 = digest;
    parsed.size = size;
    return parsed;
  }
  const bytes = readFileSync(path);
  progress?.increment(bytes.length);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (isWorkbookExtension(ext)) return { ...(await readWorkbookFile(shown, bytes, sha, documents?.sheet, respondentKey(register), documents?.questions ?? [])), size: bytes.length };
  if (isDocumentPath(path)) {
    const setting = documents ?? { questions: [], manifests: new Manifests(), reports: [] };
    const resolve = (name: string) => {
      const r = register.resolve(name);
      return { known: r.known, id: r.id };
    };
    const ahead = setting.pool?.extracted(path);
    // Its failure is met where it is awaited; until then it must not count as unhandled.
    ahead?.catch(() => undefined);
    const { parsed, report } = await parseDocumentFile(path, shown, ext, bytes, sha, { resolve, questions: setting.questions ?? [], ...(setting.issuer ? { issuer: setting.issuer } : {}) }, setting.manifests, !!setting.strict, ahead);
    if (report) setting.reports.push(report);
    return parsed;
  }
  const parsed = parseYamlBytes(shown, bytes, sha);
  // A YAML file is parsed whole; its texts go to disk as soon as it is read, not after the last file.
  if (spill) for (const r of parsed.responses) for (const a of r.answers) setText(a, a.text, spill);
  return { ...parsed, size: bytes.length };
}

/** A settings file as the corpus records it: its path (relative, or in dialog's package) and hash. */
function settingFile(file: string): FactsFile {
  return { path: settingPath(file), sha256: createHash('sha256').update(readFileSync(file)).digest('hex') };
}

/**
 * The workspace's consultation file: the consultation object itself at the top level
 * (schemas/consultation.schema.json), with its problems placed as file:line:col.
 */
function readConsultation(file: string, diagnostics: Diagnostic[]): ConfigConsultation | undefined {
  try {
    const consultation = loadYamlFile<Consultation>(file, 'consultation', duplicateQuestions, 'no such consultation file; check `consultation` in dialog.config.yaml');
    return { ...settingFile(file), consultation };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    append(diagnostics, err.diagnostics);
    return undefined;
  }
}

function duplicateQuestions(c: Consultation): { path: (string | number)[]; message: string }[] {
  const first = new Map<string, number>();
  const out: { path: (string | number)[]; message: string }[] = [];
  (c.questions ?? []).forEach((q, i) => {
    if (first.has(q.id)) out.push({ path: ['questions', i, 'id'], message: `duplicate question id "${q.id}" (first used by question ${first.get(q.id)! + 1}); each may appear once` });
    else first.set(q.id, i);
  });
  return out;
}

/** A sheet of answers (CSV, a workbook, or one dialog refuses), whose columns may name the consultation's questions. */
function isSheetPath(f: string): boolean {
  const ext = extname(f).toLowerCase();
  return ext === '.csv' || ext === '.tsv' || isWorkbookExtension(ext);
}

/** A document (read, or recorded as unreadable): never parsed as YAML, whatever it holds. */
function isDocumentPath(f: string): boolean {
  const ext = extname(f).toLowerCase();
  return DOCUMENT_EXTENSIONS.includes(ext) || Object.hasOwn(UNREAD_DOCUMENT_EXTENSIONS, ext);
}

/** Rows of a spreadsheet belong together when their names resolve to the same respondent (resolved once per name as written). */
function respondentKey(register: RespondentIndex): (name: string) => string {
  // A respondent's rows mostly stand together: the row before names the same body.
  let last: string | undefined;
  let lastId = '';
  return (name: string) => (name === last ? lastId : (lastId = register.idOf((last = name))));
}

function parseYamlBytes(shown: string, bytes: Buffer, sha: string): ParsedFile {
  const empty: ParsedFile = { path: shown, format: 'yaml', encoding: 'utf-8', sha256: sha, responses: [], diagnostics: [] };
  if (bytes.subarray(0, 8192).includes(0)) {
    empty.diagnostics.push(diag(shown, 1, 1, 'this is a binary file, not YAML text; give the YAML or CSV export instead'));
    return empty;
  }
  let text: string;
  let notice: Diagnostic | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
    notice = diag(shown, 1, 1, 'the file is not UTF-8; read it as Windows-1252. Save it as UTF-8 to silence this notice', 'notice');
  }
  const parsed = readYaml(shown, text, sha);
  if (notice) {
    parsed.encoding = 'windows-1252';
    parsed.diagnostics.unshift(notice);
  }
  return parsed;
}

const sizeOf = (f: string) => {
  try {
    return statSync(f).size;
  } catch {
    return 0;
  }
};

/** A file the system will not let us read (permissions, a device error) is one problem among all, not the end of the run. */
async function readOrTell(path: string, read: () => Promise<ParsedFile>): Promise<ParsedFile> {
  try {
    return await read();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    if (!code || !/^E[A-Z]+$/.test(code)) throw err;
    const shown = displayPath(path);
    return { path: shown, format: 'yaml', encoding: 'utf-8', sha256: '', responses: [], diagnostics: [diag(shown, 0, 0, `cannot read this file: ${reasonFor(err)}`)] };
  }
}

export interface LoadResult {
  corpus: Corpus;
  diagnostics: Diagnostic[];
  summary: IngestSummary & { removedSources: string[] };
  /** Per document (PDF, Word, text): what was found and what was removed. */
  documents: DocumentReport[];
  /** Documents of this run that could not be read (recorded as such in the corpus). */
  unreadable: string[];
}

/**
 * Reads every input, reports all problems at once, and merges the files into `base`.
 * Throws InputError (with every diagnostic) when any input is invalid.
 */
export async function loadInputs(
  inputs: string[],
  registerPath: string,
  base: Corpus = emptyCorpus(),
  progress?: Progress,
  options: Omit<MergeOptions, 'settings' | 'consultation'> & ReadOptions = {},
): Promise<LoadResult> {
  const expanded = expandInputs(inputs);
  const diagnostics = expanded.diagnostics;
  // The consultation file is a setting, even where it lies among the inputs.
  const files = options.consultation ? expanded.files.filter((f) => resolve(f) !== options.consultation) : expanded.files;
  const registerFiles = readRegister(registerPath);
  const register = new RespondentIndex(registerFiles.register);
  const settings: CorpusSettings = { register: registerFiles.files.map(settingFile) };
  const configConsultation = options.consultation ? readConsultation(options.consultation, diagnostics) : undefined;
  if (!files.length && !errors(diagnostics).length)
    diagnostics.push(diag(inputs.map((i) => (i === '-' ? i : displayPath(i))).join(' '), 0, 0, `no response files found here; give ${READ_EXTENSIONS.join(', ')} files or a folder holding them`));
  const parsed: ParsedFile[] = [];
  const isDocument = isDocumentPath;
  const manifests = new Manifests(options.manifest);
  append(diagnostics, manifests.diagnostics);
  const setting: DocumentSetting = { questions: [], manifests, reports: [], ...(options.sheet !== undefined ? { sheet: options.sheet } : {}), ...(options.strict ? { strict: true } : {}) };
  const total = files.reduce((n, f) => n + (f === '-' ? 0 : sizeOf(f)), 0);
  // Large inputs keep their answer texts on disk until they are written or classified.
  const spill = total > spillThreshold() ? sharedSpill() : undefined;
  if (spill) boundHeapGrowth();
  progress?.start(total);
  try {
    // The corpus's consultation counts only while the input it came from stays (see mergeIntoCorpus).
    const origin = base.settings?.consultation;
    const stays = !options.mirror && origin?.input && !files.some((f) => displayPath(f) === origin.path);
    const consultationOf = (files: readonly (ParsedFile | undefined)[]) => configConsultation?.consultation ?? files.find((p) => p?.consultation)?.consultation ?? (stays ? base.consultation : undefined);
    // Sheets after the other inputs and documents last: a sheet's column or a document's heading
    // such as "Fråga 2" names a question of the consultation, which the YAML inputs (or the
    // config, or the corpus) define. Their problems are told in the inputs' order all the same.
    const others = files.filter((f) => !isDocument(f));
    const read: (ParsedFile | undefined)[] = new Array(others.length);
    for (const sheets of [false, true]) {
      // Standard input is read with the other inputs: the config's questions (or the corpus's) hold for it.
      setting.questions = consultationOf(read)?.questions ?? [];
      for (const [i, f] of others.entries()) if (isSheetPath(f) === sheets) read[i] = await readOrTell(f, () => parseFile(f, register, progress, setting, spill));
    }
    for (const p of read as ParsedFile[]) {
      parsed.push(p);
      append(diagnostics, p.diagnostics);
    }
    const consultation = consultationOf(parsed);
    setting.questions = consultation?.questions ?? [];
    if (consultation?.remissinstanser) {
      // Whom it was sent to is checked where it is written, before anything is stored.
      const holder = parsed.find((p) => p.consultation);
      const where = configConsultation ?? (holder ? { path: holder.path, sha256: holder.sha256, input: true as const } : undefined);
      for (const problem of resolveAddressees(consultation.remissinstanser, register, registerFiles.register).problems) {
        const at = consultationPlace(where, ['remissinstanser', problem.index]);
        diagnostics.push(at ? diag(at.file, at.line, at.col, `remissinstanser[${problem.index + 1}]: ${problem.message}`) : diag(displayPath(inputs[0] ?? '.'), 0, 0, `consultation: remissinstanser[${problem.index + 1}]: ${problem.message}`));
      }
    }
    if (consultation?.issuer) {
      const issuer = register.resolve(consultation.issuer);
      if (issuer.known) setting.issuer = issuer.id;
    }
    const before = manifests.diagnostics.length;
    const documents = files.filter(isDocument);
    // A folder's manifest is read even when none of its rows names a document of the folder.
    for (const input of inputs) if (input !== '-' && existsSync(input) && statSync(input).isDirectory()) manifests.inFolder(resolve(input));
    const pool = DocumentPool.for(documents);
    if (pool) setting.pool = pool;
    try {
      for (const [i, f] of documents.entries()) {
        pool?.ahead(documents, i, displayPath);
        const p = await readOrTell(f, () => parseFile(f, register, progress, setting));
        parsed.push(p);
        append(diagnostics, p.diagnostics);
      }
    } finally {
      await pool?.close();
      delete setting.pool;
    }
    append(diagnostics, manifests.diagnostics.slice(before));
    append(diagnostics, manifests.unmatched(documents));
    const manifestFiles = manifests.files();
    if (manifestFiles.length) settings.manifests = manifestFiles.map(settingFile);
  } finally {
    progress?.stop();
  }
  if (errors(diagnostics).length) throw new InputError(diagnostics);
  const merged = mergeIntoCorpus(base, parsed, register, { ...(options.mirror ? { mirror: true } : {}), settings, ...(configConsultation ? { consultation: configConsultation } : {}) });
  append(diagnostics, merged.diagnostics);
  if (errors(diagnostics).length) throw new InputError(diagnostics);
  return { corpus: merged.corpus, diagnostics, summary: merged.summary, documents: setting.reports, unreadable: parsed.filter((p) => p.unreadable).map((p) => p.path) };
}
