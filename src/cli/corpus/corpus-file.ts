import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { diag, InputError } from '../../core/diagnostics.js';
import type { Answer, Corpus, Response } from '../../core/model.js';
import { JSON_PLAIN } from '../../core/ingest/clean-text.js';
import { isKept, keptBytes } from '../../core/ingest/raw.js';
import { explainErrors, validator } from '../../core/schemas.js';
import { AtomicFileWriter, isRegularFile } from '../files/fsx.js';
import { displayPath } from '../files/paths.js';

/**
 * The corpus is one JSON document, laid out one response per line so that it can be written
 * and read as a stream: any JSON tool reads it whole, dialog reads it line by line.
 */
function* header(corpus: Corpus): Generator<string> {
  yield `{"format":"dialog-corpus","version":1,\n`;
  if (corpus.consultation) yield `"consultation":${JSON.stringify(corpus.consultation)},\n`;
  if (corpus.settings) yield `"settings":${JSON.stringify(corpus.settings)},\n`;
  yield `"sources":${JSON.stringify(corpus.sources)},\n`;
  yield `"respondents":${JSON.stringify(corpus.respondents)},\n`;
  yield `"responses":[\n`;
}

export function writeCorpus(path: string, corpus: Corpus): void {
  const out = new AtomicFileWriter(path);
  try {
    const w = new ByteWriter((bytes) => out.write(bytes));
    for (const piece of header(corpus)) w.text(piece);
    const n = corpus.responses.length;
    for (let i = 0; i < n; i++) {
      responseJson(corpus.responses[i], w);
      w.text(i < n - 1 ? ',\n' : '\n');
    }
    w.text(`]}\n`);
    w.flush();
    out.commit();
  } catch (err) {
    out.abort();
    throw err;
  }
}

/**
 * A response as JSON.stringify writes it, byte for byte. Answer texts kept in a store that has
 * them as bytes with nothing to escape (clean-text.ts) are copied from there between quotes,
 * never decoded into strings and encoded again: at a million answers that was a third of writing.
 */
export function responseJson(r: Response, w: ByteWriter): void {
  const answers = r.answers;
  if (!Array.isArray(answers) || !answers.some(isKept)) {
    w.text(JSON.stringify(r));
    return;
  }
  // The JSON is gathered as one string between the texts copied as bytes.
  let s = '{';
  let first = true;
  for (const key of Object.keys(r)) {
    if (key === 'answers') {
      s += first ? '"answers":[' : ',"answers":[';
      first = false;
      for (let i = 0; i < answers.length; i++) s = answerJson(answers[i], w, i ? s + ',' : s);
      s += ']';
      continue;
    }
    const json = JSON.stringify((r as unknown as Record<string, unknown>)[key]);
    if (json === undefined) continue;
    s += (first ? '' : ',') + quotedKey(key) + json;
    first = false;
  }
  w.text(s + '}');
}

/** An answer's JSON after `s`; what is not yet written is returned. */
function answerJson(a: Answer, w: ByteWriter, s: string): string {
  if (a === null || typeof a !== 'object' || Array.isArray(a)) return s + (JSON.stringify(a) ?? 'null');
  s += '{';
  let first = true;
  for (const key of Object.keys(a)) {
    const bytes = key === 'text' ? keptBytes(a, JSON_PLAIN) : undefined;
    if (bytes) {
      w.text(s + (first ? '"text":"' : ',"text":"'));
      w.bytes(bytes);
      s = '"';
      first = false;
      continue;
    }
    const json = JSON.stringify((a as unknown as Record<string, unknown>)[key]);
    if (json === undefined) continue;
    s += (first ? '' : ',') + quotedKey(key) + json;
    first = false;
  }
  return s + '}';
}

const quotedKeys = new Map<string, string>();

/** `"key":` as JSON writes it; a corpus has a handful of keys. */
function quotedKey(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key) + ':';
    if (quotedKeys.size < 1000) quotedKeys.set(key, q);
  }
  return q;
}

/** Text and bytes gathered into one buffer and handed on a megabyte at a time. */
export class ByteWriter {
  private buf = Buffer.allocUnsafe(WRITE_CHUNK);
  private at = 0;

  constructor(private readonly sink: (bytes: Uint8Array) => void) {}

  text(s: string): void {
    if (s.length * 3 > this.buf.length - this.at) {
      this.flush();
      if (s.length * 3 > this.buf.length) {
        this.sink(Buffer.from(s, 'utf8'));
        return;
      }
    }
    this.at += this.buf.write(s, this.at);
  }

  bytes(b: Uint8Array): void {
    if (b.length > this.buf.length - this.at) {
      this.flush();
      if (b.length > this.buf.length) {
        this.sink(b);
        return;
      }
    }
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  /** Hands on what is gathered; the sink must be done with it when it returns (the buffer is used again). */
  flush(): void {
    if (!this.at) return;
    this.sink(this.buf.subarray(0, this.at));
    this.at = 0;
  }
}

const WRITE_CHUNK = 1 << 20;

/** The error for a corpus that is not there, with what to do about it. */
export function missingCorpus(path: string): InputError {
  return new InputError([diag(displayPath(path), 0, 0, 'no corpus here; run `dialog ingest <files>` first, or pass input files')]);
}

/** What to do about a damaged corpus: ingest rebuilds it from the config's inputs; with files given, only --replace starts afresh. */
export const REBUILD = 'rebuild it with `dialog ingest` (from the inputs in dialog.config.yaml) or `dialog ingest --replace <files>`';

/** The error for a damaged corpus, at its line (0: not known). */
export function damagedCorpus(path: string, line: number, what: string): InputError {
  return new InputError([diag(displayPath(path), line, line ? 1 : 0, `the corpus is damaged: ${what}; ${REBUILD}`)]);
}

/**
 * What is wrong with a response read from a corpus, checked against schemas/corpus.schema.json
 * (a hand-edited line `{}` or `null`), or undefined when it is sound.
 */
export function responseProblem(value: unknown): string | undefined {
  const check = validator('corpus', '#/definitions/response');
  if (check(value)) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `the line holds ${JSON.stringify(value)?.slice(0, 40)}, not a response`;
  return describeProblems(check.errors, 'the response');
}

function describeProblems(errors: Parameters<typeof explainErrors>[0], what: string): string {
  const problems = explainErrors(errors);
  const first = problems[0];
  const at = first?.path.length ? ` at ${first.path.join('.')}` : '';
  return `${what}${at}: ${first?.message ?? 'is not valid'}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`;
}

/** The line of each response in a corpus file laid out line by line: the first response's line. */
const firstResponseLine = new WeakMap<object, number>();

/** The line of the response at `index` (from 0) of a corpus read by streamCorpusBytes, 0 when not known. */
export function responseLine(header: CorpusHeader, index: number): number {
  const first = firstResponseLine.get(header);
  return first === undefined ? 0 : first + index;
}

const HEADER = '{"format":"dialog-corpus","version":1,';

export type CorpusHeader = Omit<Corpus, 'responses'>;

/**
 * Streams a corpus: first its header (consultation, sources, respondents), then each response
 * as its raw JSON line, unparsed, so that parsing can happen where it is needed (a worker).
 * A corpus not laid out line by line (edited by hand) is read whole.
 */
export async function* streamCorpus(path: string): AsyncGenerator<CorpusHeader | string> {
  for await (const item of streamCorpusBytes(path)) yield item instanceof Uint8Array ? utf8Text(item) : item;
}

/**
 * As streamCorpus, with each response's line as UTF-8 bytes (without the comma between
 * responses): workers are handed bytes, so this thread neither decodes nor copies the text.
 */
export async function* streamCorpusBytes(path: string): AsyncGenerator<CorpusHeader | Buffer> {
  if (!existsSync(path)) throw missingCorpus(path);
  if (!isRegularFile(path)) throw new InputError([diag(displayPath(path), 0, 0, 'is a folder (or a pipe), not a corpus; give the corpus file (e.g. .dialog/corpus.json)')]);
  const header: CorpusHeader = { format: 'dialog-corpus', version: 1, sources: [], respondents: [] };
  const lines = byteLines(path);
  let lineNo = 0;
  let inResponses = false;
  const keyLines = new Map<string, number>();
  try {
    for await (const bytes of lines) {
      lineNo++;
      if (lineNo === 1) {
        if (bytes.toString('utf8') !== HEADER) break;
        continue;
      }
      if (inResponses) {
        if (bytes.length === 2 && bytes[0] === BRACKET && bytes[1] === BRACE) return;
        yield bytes[bytes.length - 1] === COMMA ? bytes.subarray(0, -1) : bytes;
        continue;
      }
      const line = bytes.toString('utf8');
      if (line === '"responses":[') {
        inResponses = true;
        const check = validator('corpus', '#/definitions/header');
        if (!check(header)) {
          const field = explainErrors(check.errors)[0]?.path[0];
          throw damagedCorpus(path, keyLines.get(String(field)) ?? lineNo, describeProblems(check.errors, 'the header'));
        }
        firstResponseLine.set(header, lineNo + 1);
        yield header;
      } else {
        const m = /^"(consultation|settings|sources|respondents)":(.*),$/.exec(line);
        if (!m) break;
        keyLines.set(m[1], lineNo);
        (header as unknown as Record<string, unknown>)[m[1]] = JSON.parse(m[2]);
      }
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw damagedCorpus(path, lineNo, (err as Error).message);
  } finally {
    await lines.return(undefined);
  }
  if (inResponses) throw damagedCorpus(path, lineNo, 'it ends early');
  const whole = readWhole(path);
  const { responses, ...rest } = whole;
  yield rest;
  for (const r of responses) yield Buffer.from(JSON.stringify(r));
}

const [COMMA, BRACKET, BRACE, LF, CR] = [0x2c, 0x5d, 0x7d, 0x0a, 0x0d];

/** UTF-8 bytes (a response's line, or a batch of them) as text, without copying them first. */
export function utf8Text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/**
 * The lines of a file as bytes, without their LF or CRLF. A line inside one read chunk is a view
 * of it, not a copy; one across chunks is joined.
 */
async function* byteLines(path: string): AsyncGenerator<Buffer> {
  let carry: Buffer[] = [];
  const line = (bytes: Buffer) => {
    const whole = carry.length ? Buffer.concat([...carry, bytes]) : bytes;
    carry = [];
    return whole.length && whole[whole.length - 1] === CR ? whole.subarray(0, -1) : whole;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(LF); nl !== -1; nl = chunk.indexOf(LF, start)) {
      yield line(chunk.subarray(start, nl));
      start = nl + 1;
    }
    if (start < chunk.length) carry.push(chunk.subarray(start));
  }
  if (carry.length) yield line(Buffer.alloc(0));
}

/** Reads a whole corpus into memory. */
export async function readCorpus(path: string): Promise<Corpus> {
  let corpus: Corpus | undefined;
  let header: CorpusHeader | undefined;
  for await (const item of streamCorpus(path)) {
    if (typeof item === 'string') corpus!.responses.push(parseResponse(path, item, responseLine(header!, corpus!.responses.length)));
    else corpus = { ...(header = item), responses: [] };
  }
  return corpus!;
}

/** A response's line of a corpus, parsed and checked; `lineNo` names it in the error (0: not known). */
export function parseResponse(path: string, line: string, lineNo = 0): Response {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw damagedCorpus(path, lineNo, (err as Error).message);
  }
  const problem = responseProblem(value);
  if (problem) throw damagedCorpus(path, lineNo, problem);
  return value as Response;
}

function readWhole(path: string): Corpus {
  let c: Corpus;
  try {
    c = JSON.parse(readFileSync(path, 'utf8')) as Corpus;
  } catch (err) {
    throw new InputError([diag(displayPath(path), 1, 1, `not a dialog corpus: ${(err as Error).message}; ${REBUILD}`)]);
  }
  if (c?.format !== 'dialog-corpus' || c.version !== 1)
    throw new InputError([diag(displayPath(path), 1, 1, `not a dialog corpus (no "format": "dialog-corpus", "version": 1); ${REBUILD}`)]);
  const check = validator('corpus');
  if (!check(c)) throw damagedCorpus(path, 0, describeProblems(check.errors, 'the corpus'));
  return c;
}

/** The header of a corpus (consultation, sources, respondents), without reading its responses. */
export async function readCorpusHeader(path: string): Promise<CorpusHeader> {
  for await (const item of streamCorpus(path)) if (typeof item !== 'string') return item;
  throw missingCorpus(path);
}
