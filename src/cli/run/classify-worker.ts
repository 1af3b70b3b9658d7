import { parentPort, workerData } from 'node:worker_threads';
import type { Response } from '../../core/model.js';
import { outcomeOf } from '../../core/classify/outcome.js';
import { withHeadings } from '../../core/report/aggregate.js';
import { CompiledCodebook, type Codebook } from '../../core/classify/codebook.js';
import { responseProblem, utf8Text } from '../corpus/corpus-file.js';
import { reviewOutcome } from '../../core/review/apply.js';
import type { ReviewStage } from './pipeline.js';

/** A worker parses and classifies batches of corpus lines; the main thread only aggregates. */
const { codebook, sampleFraction, review } = workerData as { codebook: Codebook; sampleFraction: number; review?: ReviewStage };
// The codebook as the main thread read and checked it: reading the file again here, with its
// parser and schemas, cost every worker half a second before its first answer.
const book = new CompiledCodebook(codebook);
parentPort!.on('message', (batch: { id: number; lines?: string[]; bytes?: Uint8Array; sentenceLimits?: number[] }) => {
  const lines = batch.lines ?? linesOf(batch.bytes!);
  const outcomes = [];
  for (const [index, line] of lines.entries()) {
    // A corpus edited by hand may hold any JSON on a line: checked here, told by the main thread with its line.
    let value: unknown;
    let problem: string | undefined;
    try {
      value = JSON.parse(line);
      problem = responseProblem(value);
    } catch (err) {
      problem = (err as Error).message;
    }
    if (problem) return parentPort!.postMessage({ id: batch.id, outcomes: [], damaged: { index, problem } });
    const o = withHeadings(outcomeOf(book, value as Response, sampleFraction, batch.sentenceLimits), value as Response);
    outcomes.push(review ? reviewOutcome(o, value as Response, review.review, book, review.respondents) : o);
  }
  parentPort!.postMessage({ id: batch.id, outcomes });
});

/** Lines joined by LF (no line holds one: JSON escapes it in strings). */
function linesOf(bytes: Uint8Array): string[] {
  return utf8Text(bytes).split('\n').slice(0, -1);
}
