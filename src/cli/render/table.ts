/** Plain-text tables for the terminal: columns padded by visible width (ANSI colour ignored). */
const ANSI = /\u001b\[[0-9;]*m/g;
const width = (s: string) => [...s.replace(ANSI, '')].length;

export function table(rows: string[][], align: ('l' | 'r')[] = []): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const pad = ' '.repeat(widths[i] - width(cell));
          return align[i] === 'r' ? pad + cell : i === row.length - 1 ? cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function bar(share: number, cells = 20): string {
  const full = Math.round(share * cells);
  return '█'.repeat(full) + '░'.repeat(cells - full);
}

export const percent = (x: number) => `${Math.round(x * 100)}%`;
