import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { diag, InputError } from '../core/diagnostics.js';
import type { Corpus, Response } from '../core/model.js';
import { AtomicFileWriter } from './fsx.js';

/**
 * The corpus is one JSON document, laid out one response per line so that it can be written
 * and read as a stream: any JSON tool reads it whole, dialog reads it line by line.
 */
function* serialise(corpus: Corpus): Generator<string> {
  yield `{"format":"dialog-corpus","version":1,\n`;
  if (corpus.consultation) yield `"consultation":${JSON.stringify(corpus.consultation)},\n`;
  if (corpus.settings) yield `"settings":${JSON.stringify(corpus.settings)},\n`;
  yield `"sources":${JSON.stringify(corpus.sources)},\n`;
  yield `"respondents":${JSON.stringify(corpus.respondents)},\n`;
  yield `"responses":[\n`;
  const n = corpus.responses.length;
  for (let i = 0; i < n; i++) yield JSON.stringify(corpus.responses[i]) + (i < n - 1 ? ',\n' : '\n');
  yield `]}\n`;
}

export function writeCorpus(path: string, corpus: Corpus): void {
  const out = new AtomicFileWriter(path);
  try {
    for (const piece of serialise(corpus)) out.write(piece);
    out.commit();
  } catch (err) {
    out.abort();
    throw err;
  }
}

/** The error for a corpus that is not there, with what to do about it. */
export function missingCorpus(path: string): InputError {
  return new InputError([diag(path, 0, 0, 'no corpus here; run `dialog ingest <files>` first, or pass input files')]);
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
  const header: CorpusHeader = { format: 'dialog-corpus', version: 1, sources: [], respondents: [] };
  const lines = byteLines(path);
  let lineNo = 0;
  let inResponses = false;
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
        yield header;
      } else {
        const m = /^"(consultation|settings|sources|respondents)":(.*),$/.exec(line);
        if (!m) break;
        (header as unknown as Record<string, unknown>)[m[1]] = JSON.parse(m[2]);
      }
    }
  } catch (err) {
    throw new InputError([diag(path, lineNo, 1, `the corpus is damaged (${(err as Error).message}); run \`dialog ingest\` again`)]);
  } finally {
    await lines.return(undefined);
  }
  if (inResponses) throw new InputError([diag(path, lineNo, 1, 'the corpus ends early; run `dialog ingest` again')]);
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
  for await (const item of streamCorpus(path)) {
    if (typeof item === 'string') corpus!.responses.push(parseResponse(path, item));
    else corpus = { ...item, responses: [] };
  }
  return corpus!;
}

export function parseResponse(path: string, line: string): Response {
  try {
    return JSON.parse(line) as Response;
  } catch (err) {
    throw new InputError([diag(path, 0, 0, `the corpus is damaged (${(err as Error).message}); run \`dialog ingest\` again`)]);
  }
}

function readWhole(path: string): Corpus {
  try {
    const c = JSON.parse(readFileSync(path, 'utf8')) as Corpus;
    if (c.format !== 'dialog-corpus' || c.version !== 1) throw new Error('not a dialog corpus (format/version)');
    return c;
  } catch (err) {
    throw new InputError([diag(path, 1, 1, `not a dialog corpus: ${(err as Error).message}; run \`dialog ingest\` to make one`)]);
  }
}

/** The header of a corpus (consultation, sources, respondents), without reading its responses. */
export async function readCorpusHeader(path: string): Promise<CorpusHeader> {
  for await (const item of streamCorpus(path)) if (typeof item !== 'string') return item;
  throw missingCorpus(path);
}
