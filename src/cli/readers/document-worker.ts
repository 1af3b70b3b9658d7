import { parentPort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { OverLimit, Unreadable } from './read-errors.js';
import { extract } from './extract.js';

/** A worker extracts the documents it is given (see document-pool.ts); the main thread does the rest. */
parentPort!.on('message', async ({ id, path, shown }: { id: number; path: string; shown: string }) => {
  try {
    const extracted = await extract(extname(path).toLowerCase(), readFileSync(path), shown);
    parentPort!.postMessage({ id, extracted });
  } catch (err) {
    if (err instanceof Unreadable) parentPort!.postMessage({ id, unreadable: { what: err.what, advice: err.advice, reason: err.reason } });
    else if (err instanceof OverLimit) parentPort!.postMessage({ id, overLimit: err.message });
    // Anything else (the file vanished, a bug): the main thread reads the file itself and meets it there.
    else parentPort!.postMessage({ id, failed: true });
  }
});
