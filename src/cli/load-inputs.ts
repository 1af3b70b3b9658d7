import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { append, diag, errors, InputError, type Diagnostic } from '../core/diagnostics.js';
import { mergeIntoCorpus, type IngestSummary, type MergeOptions } from '../core/ingest/corpus-build.js';
import { emptyCorpus, type Corpus } from '../core/model.js';
import type { ParsedFile } from '../core/ingest/raw.js';
import { sharedSpill, spillThreshold } from './text-spill.js';
import { readCsv } from '../core/ingest/read-csv.js';
import { readYaml } from '../core/ingest/read-yaml.js';
import { RespondentIndex } from '../core/ingest/respondents.js';
import { displayPath, expandInputs, fileChunks } from './fsx.js';
import type { Progress } from './progress.js';
import { loadRegister } from './workspace.js';

async function* counted(chunks: AsyncIterable<Uint8Array>, progress?: Progress): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    progress?.increment(chunk.length);
    yield chunk;
  }
}

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
  return /[;,\t]/.test(first) && /(?:^|[;,\t"])\s*(?:respondent|remissinstans|kommun|organisation)\s*(?:[;,\t"]|$)/iu.test(first);
}

export async function parseFile(path: string, register: RespondentIndex, progress?: Progress): Promise<ParsedFile> {
  if (path === '-') {
    const bytes = await readStdin();
    progress?.increment(bytes.length);
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (looksLikeCsv(bytes)) {
      const parsed = await readCsv(STDIN_NAME, async function* () { yield bytes; }, '', respondentKey(register));
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
      for await (const chunk of counted(fileChunks(path), progress)) {
        hash.update(chunk);
        yield chunk;
      }
      digest = hash.digest('hex');
    };
    const size = statSync(path).size;
    const parsed = await readCsv(shown, bytes, '', respondentKey(register), size > spillThreshold() ? sharedSpill() : undefined);
    parsed.sha256 = digest;
    parsed.size = size;
    return parsed;
  }
  const bytes = readFileSync(path);
  progress?.increment(bytes.length);
  const sha = createHash('sha256').update(bytes).digest('hex');
  return { ...parseYamlBytes(shown, bytes, sha), size: bytes.length };
}

/** Rows of a spreadsheet belong together when their names resolve to the same respondent. */
function respondentKey(register: RespondentIndex): (name: string) => string {
  const ids = new Map<string, string>();
  return (name: string) => ids.get(name) ?? ids.set(name, register.resolve(name).id).get(name)!;
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

export interface LoadResult {
  corpus: Corpus;
  diagnostics: Diagnostic[];
  summary: IngestSummary & { removedSources: string[] };
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
  options: MergeOptions = {},
): Promise<LoadResult> {
  const { files, diagnostics } = expandInputs(inputs);
  const register = new RespondentIndex(loadRegister(registerPath));
  if (!files.length && !errors(diagnostics).length)
    diagnostics.push(diag(inputs.join(' '), 0, 0, 'no YAML or CSV files found here; give .yaml, .yml or .csv files or a folder holding them'));
  const parsed: ParsedFile[] = [];
  progress?.start(files.reduce((n, f) => n + (f === '-' ? 0 : statSync(f).size), 0));
  try {
    for (const f of files) {
      const p = await parseFile(f, register, progress);
      parsed.push(p);
      append(diagnostics, p.diagnostics);
    }
  } finally {
    progress?.stop();
  }
  if (errors(diagnostics).length) throw new InputError(diagnostics);
  const merged = mergeIntoCorpus(base, parsed, register, options);
  append(diagnostics, merged.diagnostics);
  if (errors(diagnostics).length) throw new InputError(diagnostics);
  return { corpus: merged.corpus, diagnostics, summary: merged.summary };
}
