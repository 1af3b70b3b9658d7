import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Codebook, CompiledCodebook } from '../../core/classify/codebook.js';
import type { Corpus, Response } from '../../core/model.js';
import { outcomeOf, type ResponseOutcome } from '../../core/classify/outcome.js';
import { sampleFractionFor, withHeadings } from '../../core/report/aggregate.js';
import { ByteWriter, damagedCorpus, parseResponse, responseJson, responseLine, streamCorpusBytes, utf8Text, type CorpusHeader } from '../corpus/corpus-file.js';
import type { Progress } from './progress.js';
import { boundHeapGrowth } from './heap.js';
import { workersFromEnvironment } from './worker-count.js';
import { reviewOutcome } from '../../core/review/apply.js';
import type { Review } from '../../core/review/decisions.js';

/** Below this many answers, starting workers costs more than it saves (measured: bench/README.md). */
const WORKER_THRESHOLD = 250_000;
const BATCH = 500;
/**
 * A worker holds the codebook, its word caches (bounded) and a few batches; capping its heap makes
 * V8 collect early instead of growing (a million answers from a CSV: 1.55 → 1.45 GB peak).
 */
const WORKER_HEAP_MB = 320;
/** Answers in one response above which input files are classified on this thread. */
const HUGE_RESPONSE = 20_000;

export interface ClassifyOptions {
  book: CompiledCodebook;
  /** Number of worker threads; default: the machine's cores for large corpora, none for small. */
  workers?: number;
  progress?: Progress;
  /** The evidence the consumer can use, asked afresh for each batch (see Aggregator.sentenceLimits); all without it. */
  sentenceLimits?: () => readonly number[];
  /** A person's decisions, applied to each outcome before it is handed on (see core/review). */
  review?: ReviewStage;
}

/** What the review stage needs in a worker as on this thread: the decisions, and whose answers to describe. */
export interface ReviewStage {
  review: Review;
  respondents: ReadonlySet<string>;
}

/**
 * Classifies every response of a corpus, in corpus order, calling `onHeader` once and then
 * `onOutcome` per response; a corpus given in memory is consumed. A corpus file streams through.
 * Large corpora are parsed and classified by worker threads, while this thread aggregates in
 * order, so the result is the same either way.
 */
export async function classifyCorpus(
  source: { corpus: Corpus } | { path: string },
  opts: ClassifyOptions,
  onHeader: (header: CorpusHeader, fraction: number) => void,
  onOutcome: (o: ResponseOutcome) => void,
): Promise<void> {
  const input = 'corpus' in source ? inMemory(source.corpus) : await fromFile(source.path);
  const fraction = sampleFractionFor(input.answers);
  onHeader(input.header, fraction);
  opts.progress?.start(input.answers);
  const workers = input.huge ? 0 : workerCount(opts, input.answers);
  const count = (o: ResponseOutcome) => {
    onOutcome(o);
    opts.progress?.increment(o.answers.length);
  };
  try {
    const stage = opts.review;
    if (workers < 1)
      for await (const r of input.responses()) {
        const o = withHeadings(outcomeOf(opts.book, r, fraction, opts.sentenceLimits?.()), r);
        count(stage ? reviewOutcome(o, r, stage.review, opts.book, stage.respondents) : o);
      }
    else await viaWorkers(input.lines(), workers, { codebook: opts.book.source, sampleFraction: fraction, ...(stage ? { review: stage } : {}) }, count, opts.sentenceLimits, input.damaged);
  } finally {
    opts.progress?.stop();
  }
}

/** A corpus as the classifier takes it: its header, its size, and its responses as objects or as JSON lines (text or UTF-8). */
interface ClassifierInput {
  header: CorpusHeader;
  answers: number;
  /** Some response is too large to hand to a worker as one JSON text. */
  huge: boolean;
  responses: () => AsyncGenerator<Response>;
  lines: () => AsyncGenerator<string | Buffer>;
  /** The error for the response at `index` that a worker found damaged (a corpus file edited by hand). */
  damaged?: (index: number, problem: string) => Error;
}

function inMemory(corpus: Corpus): ClassifierInput {
  const { responses, ...header } = corpus;
  return {
    header,
    answers: responses.reduce((n, r) => n + r.answers.length, 0),
    // A response of tens of thousands of answers (one respondent's whole sheet) would go to a
    // worker as one JSON text of its whole size; classified here, its texts are read one by one.
    huge: responses.some((r) => r.answers.length > HUGE_RESPONSE),
    responses: async function* () {
      for (let i = 0; i < responses.length; i++) {
        yield responses[i];
        release(responses, i);
      }
    },
    // Input files read in this run go to the workers as corpus lines too, written as bytes the way
    // the corpus file is: texts kept on disk as bytes are copied, not decoded and encoded again.
    lines: async function* () {
      let parts: Buffer[] = [];
      const w = new ByteWriter((bytes) => parts.push(Buffer.from(bytes)));
      for (let i = 0; i < responses.length; i++) {
        responseJson(responses[i], w);
        w.flush();
        const line = parts.length === 1 ? parts[0] : Buffer.concat(parts);
        parts = [];
        release(responses, i);
        yield line;
      }
    },
  };
}

async function fromFile(path: string): Promise<ClassifierInput> {
  const stream = streamCorpusBytes(path);
  const header = (await stream.next()).value as CorpusHeader;
  return {
    header,
    answers: header.sources.reduce((n, s) => n + (s.answers ?? s.responses * 3), 0),
    huge: false,
    responses: async function* () {
      let i = 0;
      for await (const line of stream) yield parseResponse(path, utf8Text(line as Buffer), responseLine(header, i++));
    },
    lines: () => stream as AsyncGenerator<Buffer>,
    damaged: (index, problem) => damagedCorpus(path, responseLine(header, index), problem),
  };
}

function workerCount(opts: ClassifyOptions, answers: number): number {
  if (answers >= WORKER_THRESHOLD) boundHeapGrowth();
  return opts.workers ?? workersFromEnvironment() ?? (answers >= WORKER_THRESHOLD ? Math.min(availableParallelism(), 4) : 0);
}

/**
 * A corpus read from input files is consumed as it is classified: each response is let go once
 * it is done, so that memory falls as the aggregate grows (a million answers from a CSV).
 */
function release(responses: Corpus['responses'], i: number): void {
  (responses as unknown[])[i] = undefined;
}

async function viaWorkers(
  lines: AsyncGenerator<string | Buffer>,
  n: number,
  workerData: { codebook: Codebook; sampleFraction: number; review?: ReviewStage },
  onOutcome: (o: ResponseOutcome) => void,
  sentenceLimits?: () => readonly number[],
  damaged: (index: number, problem: string) => Error = (index, problem) => new Error(`response ${index + 1}: ${problem}`),
) {
  const pool = Array.from({ length: n }, () => new Worker(new URL('./classify-worker.js', import.meta.url), { workerData, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }));
  const done = new Map<number, ResponseOutcome[]>();
  let next = 0; // the batch to hand over next, in order
  let sent = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  for (const w of pool) {
    w.on('message', (m: { id: number; outcomes: ResponseOutcome[]; damaged?: { index: number; problem: string } }) => {
      // Batches are BATCH responses each, handed out in order: the index in the corpus follows.
      if (m.damaged) failure ??= damaged(m.id * BATCH + m.damaged.index, m.damaged.problem);
      else done.set(m.id, m.outcomes);
      wake?.();
    });
    w.on('error', (err) => {
      failure = err;
      wake?.();
    });
    w.on('exit', (code) => {
      if (code !== 0 && !failure) failure = new Error(`a classification worker stopped (exit code ${code})`);
      wake?.();
    });
  }
  const drain = () => {
    while (done.has(next)) {
      for (const o of done.get(next)!) onOutcome(o);
      done.delete(next);
      next++;
    }
  };
  // Results may have arrived while this thread was busy reading: wait only when none are ready.
  const waitForResults = () => (done.has(next) || failure ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve)));
  try {
    let batch: (string | Buffer)[] = [];
    const send = async () => {
      // Bound the batches in flight, so that memory stays flat however large the corpus.
      drain();
      while (sent - next >= n * 4 && !failure) {
        await waitForResults();
        drain();
      }
      if (failure) throw failure;
      // Limits only fall as results come in: a batch given older ones sends more evidence, never less than is needed.
      const message = { id: sent, sentenceLimits: sentenceLimits?.(), ...packed(batch) };
      pool[sent % n].postMessage(message, 'bytes' in message ? [message.bytes.buffer] : []);
      sent++;
      batch = [];
    };
    for await (const line of lines) {
      batch.push(line);
      if (batch.length >= BATCH) await send();
    }
    if (batch.length) await send();
    while (next < sent) {
      if (failure) throw failure;
      drain();
      if (next < sent) await waitForResults();
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/**
 * A batch as a worker takes it: text lines as they are, byte lines (read from a corpus file)
 * joined by LF into one buffer of its own, handed over rather than copied.
 */
function packed(batch: (string | Buffer)[]): { lines: string[] } | { bytes: Uint8Array<ArrayBuffer> } {
  if (batch.every((line): line is string => typeof line === 'string')) return { lines: batch };
  const lines = batch.map((line) => (typeof line === 'string' ? Buffer.from(line) : line));
  const bytes = new Uint8Array(lines.reduce((n, line) => n + line.length + 1, 0));
  let at = 0;
  for (const line of lines) {
    bytes.set(line, at);
    bytes[at + line.length] = 0x0a;
    at += line.length + 1;
  }
  return { bytes };
}
