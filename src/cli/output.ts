import { Chalk, type ChalkInstance } from 'chalk';
import { formatDiagnostic, summarise, type Diagnostic } from '../core/diagnostics.js';

/** Colour only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
export function colourFor(stream: NodeJS.WriteStream): ChalkInstance {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  const force = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0';
  return new Chalk({ level: !noColor && (stream.isTTY || force) ? 1 : 0 });
}

export const out = (text: string): void => {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
};

export function printDiagnostics(list: Diagnostic[], quiet = false): void {
  const c = colourFor(process.stderr);
  for (const d of summarise(quiet ? list.filter((x) => x.severity === 'error') : list)) {
    const line = formatDiagnostic(d);
    process.stderr.write((d.severity === 'error' ? c.red(line) : d.severity === 'warning' ? c.yellow(line) : c.dim(line)) + '\n');
  }
}

export function message(text: string): void {
  process.stderr.write(text + '\n');
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

