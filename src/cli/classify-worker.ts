import { parentPort, workerData } from 'node:worker_threads';
import type { Response } from '../core/model.js';
import { outcomeOf } from '../core/classify/outcome.js';
import { loadCodebook } from './codebook-file.js';

/** A worker parses and classifies batches of corpus lines; the main thread only aggregates. */
const { codebook, sampleFraction } = workerData as { codebook: string; sampleFraction: number };
const book = loadCodebook(codebook);
parentPort!.on('message', (batch: { id: number; lines: string[]; sentenceLimits?: number[] }) => {
  const outcomes = batch.lines.map((line) => outcomeOf(book, JSON.parse(line) as Response, sampleFraction, batch.sentenceLimits));
  parentPort!.postMessage({ id: batch.id, outcomes });
});
