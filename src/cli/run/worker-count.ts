/**
 * DIALOG_WORKERS=n forces n worker threads (0: none, at most 16), for tuning and for tests; unset,
 * empty or not a whole number of zero or more, it forces nothing.
 */
export function workersFromEnvironment(raw = process.env.DIALOG_WORKERS): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? Math.min(n, 16) : undefined;
}
