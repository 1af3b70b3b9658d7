import { setFlagsFromString } from 'node:v8';

let bounded = false;

/**
 * For large jobs (a million answers), V8 is asked to grow its heap by at most half of what is
 * live after each full collection, instead of its default of up to four times: ingest of a
 * million real answers then peaks at 1.3 GB instead of 1.6 GB, for about 14 % more time (bench/README.md).
 * Small jobs keep V8's default, which is faster. DIALOG_HEAP_GROWTH=default turns this off.
 */
export function boundHeapGrowth(): void {
  if (bounded || process.env.DIALOG_HEAP_GROWTH === 'default') return;
  bounded = true;
  setFlagsFromString('--heap-growing-percent=50');
}
