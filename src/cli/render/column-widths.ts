import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFontMetrics, type FontMetrics } from './font-metrics.js';

/**
 * Table columns sized from the text they hold, for the Word and PDF writers: every column at
 * least as wide as its widest word (so a header, a date or a name never breaks inside a word),
 * the room left shared by how much text each column holds, and the sum exactly the table's width.
 */

/** Width of a text in the table's units; `header` text is set in bold. */
export type Measure = (text: string, header: boolean) => number;

export function columnWidths(rows: string[][], columns: number, total: number, measure: Measure, pad: number, headerRows = 1): number[] {
  const longestWord = new Array<number>(columns).fill(0);
  const full = new Array<number>(columns).fill(0);
  // Loops, not spread arguments: a compilation's table has a row per respondent, more than a call takes.
  for (const [r, row] of rows.entries()) {
    const header = r < headerRows;
    for (let k = 0; k < columns; k++) {
      const text = row[k] ?? '';
      for (const word of text.split(/\s+/u)) if (word) longestWord[k] = Math.max(longestWord[k], measure(word, header));
      // A long cell wraps anyway: beyond about a third of the page it asks for no more room.
      full[k] = Math.max(full[k], Math.min(measure(text, header), total / 3));
    }
  }
  const min = longestWord.map((w) => Math.min(w + pad, total / 2));
  const minSum = min.reduce((a, b) => a + b, 0);
  if (minSum >= total) return fit(min, total);
  const extra = full.map((w, k) => Math.max(0, w + pad - min[k]));
  const extraSum = extra.reduce((a, b) => a + b, 0) || 1;
  const room = total - minSum;
  return fit(
    min.map((m, k) => m + Math.min(extra[k], (room * extra[k]) / extraSum)),
    total,
  );
}

/**
 * The largest font size, from `size` down to `smallest` in steps of `step`, at which every
 * column holds its widest word within `total` (`measureAt` gives the measure for a size);
 * `smallest` when none does.
 */
export function fittingSize(rows: string[][], columns: number, total: number, measureAt: (size: number) => Measure, pad: number, size: number, smallest: number, step: number, headerRows = 1): number {
  for (let s = size; s > smallest; s -= step) {
    const measure = measureAt(s);
    const widest = new Array<number>(columns).fill(0);
    for (const [r, row] of rows.entries()) for (let k = 0; k < columns; k++) for (const word of (row[k] ?? '').split(/\s+/u)) if (word) widest[k] = Math.max(widest[k], measure(word, r < headerRows));
    if (widest.reduce((a, w) => a + Math.min(w + pad, total / 2), 0) <= total) return s;
  }
  return smallest;
}

/** Scales widths to sum exactly to total, in whole units (the last column takes the rounding). */
function fit(widths: number[], total: number): number[] {
  const sum = widths.reduce((a, b) => a + b, 0);
  const out = widths.map((w) => Math.floor((w * total) / sum));
  out[out.length - 1] += total - out.reduce((a, b) => a + b, 0);
  return out;
}

let dejaVu: { regular: FontMetrics; bold: FontMetrics } | undefined;

/** The bundled DejaVu Sans files (dejavu-fonts-ttf), wherever npm put them. */
export function dejaVuFile(name: string): string {
  return join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf', name);
}

/**
 * Text widths in points measured in DejaVu Sans (regular, bold for headers). DejaVu Sans is wider
 * than Calibri and its metric twin Carlito, so a column sized by it holds its words in Word and in
 * LibreOffice alike; the PDF is set in DejaVu itself.
 */
export function dejaVuMeasure(points: number): Measure {
  dejaVu ??= { regular: readFontMetrics(dejaVuFile('DejaVuSans.ttf')), bold: readFontMetrics(dejaVuFile('DejaVuSans-Bold.ttf')) };
  const fonts = dejaVu;
  return (text, header) => (header ? fonts.bold : fonts.regular).width(text, points);
}
