import { escapeControls, safeMessage } from './text/safe-text.js';

/** A problem found in an input, located so that an editor can jump to it. */
export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  message: string;
  severity: 'error' | 'warning' | 'notice';
}

/** Thrown when inputs are invalid; carries every problem found, not only the first. */
export class InputError extends Error {
  constructor(public readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'InputError';
  }
}

/** Thrown for a wrong command line (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  const file = escapeControls(d.file);
  const where = d.line > 0 ? `${file}:${d.line}:${d.col}` : `${file}`;
  const label = d.severity === 'error' ? '' : `${d.severity}: `;
  return `${where}: ${label}${safeMessage(d.message)}`;
}

/** Sorted by place, each problem once (two schema rules may report the same fault). */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  const unique = [...new Map(list.map((d) => [formatDiagnostic(d), d])).values()];
  return unique.sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col,
  );
}

export const errors = (list: Diagnostic[]) => list.filter((d) => d.severity === 'error');

export function diag(
  file: string,
  line: number,
  col: number,
  message: string,
  severity: Diagnostic['severity'] = 'error',
): Diagnostic {
  // Values from inputs are cut and escaped here, so that no copy of a 10 MB name is kept.
  return { file, line, col, message: safeMessage(message), severity };
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagPrev = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diagPrev + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagPrev = tmp;
    }
  }
  return prev[b.length];
}

export function didYouMean(word: string, candidates: readonly unknown[]): string {
  let best = '';
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), String(c).toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = String(c);
    }
  }
  return best && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

/** Appends without spreading: `push(...list)` overflows the stack for a hundred thousand items. */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** How many problems of one severity are shown; the rest are counted in one line. */
export const SHOWN_PER_SEVERITY = 50;

/**
 * The problems as a reader can take them in: sorted, each once, at most SHOWN_PER_SEVERITY of
 * each severity, and a last line that counts the rest.
 */
export function summarise(list: Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const hidden = { error: 0, warning: 0, notice: 0 };
  const shown = { error: 0, warning: 0, notice: 0 };
  for (const d of sortDiagnostics(list)) {
    if (shown[d.severity] < SHOWN_PER_SEVERITY) {
      shown[d.severity]++;
      out.push(d);
    } else hidden[d.severity]++;
  }
  for (const severity of ['error', 'warning', 'notice'] as const)
    if (hidden[severity])
      out.push(diag('(inputs)', 0, 0, `and ${hidden[severity]} more ${severity === 'error' ? 'errors' : severity === 'warning' ? 'warnings' : 'notices'} like the ones above; fix those and run again to see the rest`, severity));
  return out;
}
