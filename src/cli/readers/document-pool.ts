import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { OverLimit, Unreadable } from './read-errors.js';
import { EXTRACTED, type Extracted } from './extract.js';
import { workersFromEnvironment } from '../run/worker-count.js';
import type { UnreadableReason } from '../../core/model.js';

/** Documents read ahead of the one being parsed: enough to keep every worker busy, few enough to hold. */
const AHEAD_PER_WORKER = 3;

type Reply = { id: number; extracted?: Extracted; unreadable?: { what: string; advice: string; reason: UnreadableReason }; overLimit?: string; failed?: boolean };

const extractable = (f: string) => EXTRACTED.includes(extname(f).toLowerCase());
const isPdf = (f: string) => extname(f).toLowerCase() === '.pdf';

/**
 * Word, OpenDocument and RTF files go to the workers only from this many in a run (or when
 * DIALOG_WORKERS sets the workers): each worker loads and compiles mammoth and xmldom afresh, which
 * a letter of a few milliseconds pays back only over a few hundred of them (bench/README.md:
 * 128 letters 1.5 → 1.7 s with workers, 512 letters 5.0 → 4.2 s). A PDF takes long enough to go to
 * them from two on.
 */
const WORD_POOL_MIN = 256;

/**
 * How many workers a run's documents get, and whether they read every document they can (`all`)
 * or the PDFs only; undefined where they would not help: one core, DIALOG_WORKERS=0, fewer than
 * two documents for them. `forced` is what DIALOG_WORKERS sets (workersFromEnvironment), which
 * also sends them every document.
 */
export function poolPlan(documents: string[], forced: number | undefined, cores = Math.min(availableParallelism(), 4)): { workers: number; all: boolean } | undefined {
  const n = forced ?? cores;
  const pdfs = documents.filter(isPdf).length;
  const others = documents.filter(extractable).length - pdfs;
  const all = forced !== undefined || others >= WORD_POOL_MIN;
  const count = all ? pdfs + others : pdfs;
  if (count < 2 || n < 1) return undefined;
  return { workers: Math.min(n, count), all };
}

/**
 * PDFs, Word, OpenDocument and RTF documents read on every core. pdf.js, mammoth and xmldom spend
 * nearly all of a document's time in taking its text out (extract.ts), which depends on the file
 * alone; worker threads do that for the next few documents in input order while this thread builds
 * the response of the current one (headings, furniture, questions, respondent), in the same order
 * as before, so the corpus is the same. Unreadable and over-limit documents come back as the same
 * errors; any other failure is left to this thread to meet again.
 */
export class DocumentPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, (r: Reply) => void>();
  private readonly requested = new Map<string, Promise<Reply>>();
  private nextId = 0;

  private constructor(
    n: number,
    /** Whether a document goes to the workers; the others are read on the main thread. */
    private readonly takes: (f: string) => boolean,
  ) {
    this.workers = Array.from({ length: n }, () => {
      const w = new Worker(new URL('./document-worker.js', import.meta.url));
      w.on('message', (r: Reply) => {
        this.waiting.get(r.id)?.(r);
        this.waiting.delete(r.id);
      });
      // A worker that dies answers "failed" for what it held: this thread reads those itself.
      w.on('error', () => undefined);
      w.on('exit', () => {
        this.dead.add(w);
        for (const [id, resolve] of this.waiting) if (this.owner.get(id) === w) resolve({ id, failed: true });
      });
      return w;
    });
  }

  private readonly owner = new Map<number, Worker>();
  /** Workers that stopped: nothing more is sent to them. */
  private readonly dead = new Set<Worker>();

  /** A pool for these documents, or undefined where it would not help (see poolPlan). */
  static for(documents: string[]): DocumentPool | undefined {
    const plan = poolPlan(documents, workersFromEnvironment());
    return plan && new DocumentPool(plan.workers, plan.all ? extractable : isPdf);
  }

  /** Starts reading the documents among `documents[from … from + ahead]` that are not under way. */
  ahead(documents: string[], from: number, shown: (f: string) => string): void {
    const end = Math.min(documents.length, from + this.workers.length * AHEAD_PER_WORKER);
    for (let i = from; i < end; i++) {
      const f = documents[i];
      if (!this.takes(f) || this.requested.has(f)) continue;
      const live = this.workers.filter((w) => !this.dead.has(w));
      if (!live.length) return;
      const id = this.nextId++;
      const w = live[id % live.length];
      this.owner.set(id, w);
      this.requested.set(f, new Promise<Reply>((resolve) => this.waiting.set(id, resolve)));
      w.postMessage({ id, path: f, shown: shown(f) });
    }
  }

  /** A document read ahead, as extract would give it, or undefined when this thread must read it. */
  async extracted(path: string): Promise<Extracted | undefined> {
    const reply = this.requested.get(path);
    if (!reply) return undefined;
    this.requested.delete(path);
    const r = await reply;
    this.owner.delete(r.id);
    if (r.extracted) return r.extracted;
    if (r.unreadable) throw new Unreadable(r.unreadable.what, r.unreadable.advice, r.unreadable.reason);
    if (r.overLimit !== undefined) throw new OverLimit(r.overLimit);
    return undefined;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
