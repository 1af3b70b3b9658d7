import { Chalk, type ChalkInstance } from 'chalk';
import { terminalSafe } from '../core/text/safe-text.js';
import { formatDiagnostic, summarise, type Diagnostic } from '../core/diagnostics.js';

/** Colour only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
export function colourFor(stream: NodeJS.WriteStream): ChalkInstance {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  const force = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0';
  return new Chalk({ level: !noColor && (stream.isTTY || force) ? 1 : 0 });
}

/** Whether dialog writes colour codes to a stream (they are the only escapes let through). */
const colourOn = (stream: NodeJS.WriteStream) => colourFor(stream).level > 0;

/** Data for stdout; control characters that came from inputs are shown escaped. */
export const out = (text: string): void => {
  const safe = terminalSafe(text, colourOn(process.stdout));
  process.stdout.write(safe.endsWith('\n') ? safe : safe + '\n');
};

export function printDiagnostics(list: Diagnostic[], quiet = false): void {
  const c = colourFor(process.stderr);
  for (const d of summarise(quiet ? list.filter((x) => x.severity === 'error') : list)) {
    const line = formatDiagnostic(d);
    process.stderr.write((d.severity === 'error' ? c.red(line) : d.severity === 'warning' ? c.yellow(line) : c.dim(line)) + '\n');
  }
}

export function message(text: string): void {
  process.stderr.write(terminalSafe(text, colourOn(process.stderr)) + '\n');
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

