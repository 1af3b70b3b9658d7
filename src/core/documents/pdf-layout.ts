import type { DocLine } from './types.js';

/** A run of text as a PDF's text layer gives it: baseline position in points from the bottom left. */
export interface TextItem {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
  /** Set in a bold font (read from the font's name). */
  bold?: boolean;
}

export interface PageItems {
  width: number;
  height: number;
  items: TextItem[];
  /** How much of the page images cover, 0..1 (a scanned page is one image); absent when not measured. */
  imageCover?: number;
}

interface Fragment {
  x0: number;
  x1: number;
  y: number;
  size: number;
  text: string;
  /** Set when the row held several fragments side by side (a table row or a tabbed line). */
  cells?: number;
  /** Every item of the fragment is bold. */
  bold?: boolean;
}

/**
 * Rebuilds the lines of a PDF from positioned text items: items on one baseline form a line
 * (split where a wide gap shows a column gutter or a table cell), two-column pages are read
 * column by column, and each line gets its place on the page, its size relative to the body
 * text, how much of its column it fills and whether a vertical gap or an indent opens a paragraph.
 */
export function layoutLines(pages: PageItems[]): DocLine[] {
  const body = bodySize(pages);
  const out: DocLine[] = [];
  pages.forEach((page, i) => {
    const rows = fragments(page.items);
    const ordered = readingOrder(rows, page.width, page.height);
    let prev: { f: Fragment; col: Column } | undefined;
    const pitch = linePitch(ordered.map((o) => o.f), body);
    for (const { f, col } of ordered) {
      const line: DocLine = {
        text: f.text,
        page: i + 1,
        region: (i + 1) * 10 + col.index,
        top: round((page.height - f.y) / page.height),
        size: round(f.size / body),
        fill: round(Math.min(1, (f.x1 - col.x0) / Math.max(1, col.x1 - col.x0))),
      };
      if (f.cells && f.cells > 1 && col.index === 0) line.block = 'row';
      if (f.bold) line.bold = true;
      if (prev && prev.col === col) {
        const gap = prev.f.y - f.y;
        const sizeChange = Math.abs(prev.f.size - f.size) > 0.05 * body;
        const indent = f.x0 - col.x0 > 1.2 * body && f.x0 - col.x0 < 0.3 * (col.x1 - col.x0) && prev.f.x0 - col.x0 < 0.5 * body;
        // A short bold line above or below regular text stands apart, as a heading does, even
        // with no space between: "1. Synpunkt 1" set at body size right above its paragraph.
        const bolder = prev.f.bold ? prev.f : f;
        const weightChange = !prev.f.bold !== !f.bold && (bolder.x1 - col.x0) / Math.max(1, col.x1 - col.x0) < 0.9;
        // Lines in larger type (a title wrapped onto two lines) stand further apart than the body's.
        const scale = Math.max(1, Math.min(prev.f.size, f.size) / body);
        if (gap > 1.4 * pitch * scale || gap < 0 || sizeChange || indent || weightChange) line.breakBefore = true;
      } else line.breakBefore = prev === undefined;
      out.push(line);
      prev = { f, col };
    }
  });
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The largest and smallest of a value over a list, without spreading the list into arguments (a page may hold more items than a call takes). */
function maxOf<T>(xs: T[], f: (x: T) => number): number {
  let m = -Infinity;
  for (const x of xs) m = Math.max(m, f(x));
  return m;
}
function minOf<T>(xs: T[], f: (x: T) => number): number {
  let m = Infinity;
  for (const x of xs) m = Math.min(m, f(x));
  return m;
}

/** The font size of most of the text, weighted by characters. */
function bodySize(pages: PageItems[]): number {
  const weight = new Map<number, number>();
  for (const p of pages) for (const it of p.items) weight.set(Math.round(it.size * 2) / 2, (weight.get(Math.round(it.size * 2) / 2) ?? 0) + it.text.trim().length);
  let best = 12;
  let most = 0;
  for (const [size, w] of weight) if (w > most || (w === most && size < best)) [best, most] = [size, w];
  return best;
}

/** The usual distance between consecutive baselines of body text. */
function linePitch(frags: Fragment[], body: number): number {
  const gaps: number[] = [];
  for (let i = 1; i < frags.length; i++) {
    const g = frags[i - 1].y - frags[i].y;
    if (g > 0.8 * body && g < 2.5 * body && Math.abs(frags[i].size - body) < 0.1 * body) gaps.push(g);
  }
  if (!gaps.length) return 1.2 * body;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 4)];
}

/** Items grouped into rows by baseline, and each row cut into fragments at wide gaps. */
function fragments(items: TextItem[]): Fragment[] {
  const sorted = items.filter((it) => it.text.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: TextItem[][] = [];
  for (const it of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0].y - it.y) <= 0.3 * Math.max(row[0].size, it.size)) row.push(it);
    else rows.push([it]);
  }
  const out: Fragment[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    const size = maxOf(row, (r) => r.size);
    const frags: Fragment[] = [];
    let cur: Fragment | undefined;
    for (const it of row) {
      const gap = cur ? it.x - cur.x1 : 0;
      if (!cur || gap > 2 * size) {
        cur = { x0: it.x, x1: it.x + it.width, y: row[0].y, size: it.size, text: it.text, bold: it.bold === true };
        frags.push(cur);
        continue;
      }
      const space = gap > 0.15 * it.size && !/\s$/u.test(cur.text) && !/^\s/u.test(it.text);
      if (it.text.trim()) cur.bold = cur.bold && it.bold === true;
      cur.text += (space ? ' ' : '') + it.text;
      cur.x1 = Math.max(cur.x1, it.x + it.width);
      cur.size = Math.max(cur.size, it.size);
    }
    for (const f of frags) {
      f.text = f.text.replace(/\s+/gu, ' ').trim();
      if (frags.length > 1) f.cells = frags.length;
    }
    for (const f of frags) if (f.text) out.push(f);
  }
  return out;
}

interface Column {
  index: number;
  x0: number;
  x1: number;
}

/**
 * Fragments in reading order. Where a page is set in two columns (a gutter that no fragment
 * crosses, with lines on both sides that fill their column), the band of the page that holds the
 * columns is read left column first, then right; lines above and below it (a heading across the
 * page, a table, the footer) keep their places. Table rows (short cells side by side) stay rows.
 */
function readingOrder(frags: Fragment[], pageWidth: number, pageHeight: number): { f: Fragment; col: Column }[] {
  if (!frags.length) return [];
  const x0 = minOf(frags, (f) => f.x0);
  const x1 = maxOf(frags, (f) => f.x1);
  const whole: Column = { index: 0, x0, x1 };
  // Headers and footers at the page's edges span the page whatever its columns: leave them out of the search.
  const body = frags.filter((f) => f.y > pageHeight * 0.1 && f.y < pageHeight * 0.9);
  const found = findGutter(body, pageWidth, x0, x1);
  if (!found) return mergeRows(frags, whole);
  const { gutter, top, bottom } = found;
  const left: Column = { index: 1, x0, x1: gutter };
  const right: Column = { index: 2, x0: gutter, x1 };
  const out: { f: Fragment; col: Column }[] = [];
  let l: Fragment[] = [];
  let r: Fragment[] = [];
  let rest: Fragment[] = [];
  const flushColumns = () => {
    for (const f of l) out.push({ f, col: left });
    for (const f of r) out.push({ f, col: right });
    l = [];
    r = [];
  };
  const flushRest = () => {
    for (const o of mergeRows(rest, whole)) out.push(o);
    rest = [];
  };
  for (const f of frags) {
    const inBand = f.y <= top && f.y >= bottom;
    if (inBand && f.x1 <= gutter + 1) {
      flushRest();
      l.push({ ...f, cells: undefined });
    } else if (inBand && f.x0 >= gutter - 1) {
      flushRest();
      r.push({ ...f, cells: undefined });
    } else {
      flushColumns();
      rest.push(f);
    }
  }
  flushColumns();
  flushRest();
  // The right column starts at its own left edge.
  const rx0 = minOf(out.filter((o) => o.col === right), (o) => o.f.x0);
  right.x0 = Number.isFinite(rx0) ? rx0 : gutter;
  return out;
}

/** Without columns, fragments of one row are one line (a table row or a tabbed line). */
function mergeRows(frags: Fragment[], col: Column): { f: Fragment; col: Column }[] {
  const out: { f: Fragment; col: Column }[] = [];
  for (const f of frags) {
    const last = out[out.length - 1];
    if (last && last.f.y === f.y) {
      last.f = { ...last.f, text: `${last.f.text} | ${f.text}`, x1: Math.max(last.f.x1, f.x1), cells: Math.max(2, f.cells ?? 2), bold: last.f.bold && f.bold };
    } else out.push({ f: { ...f }, col });
  }
  return out;
}

/**
 * A gutter between two columns of running text, and the band of the page the columns fill: the
 * lines that fill their column on either side, widened by two lines' height.
 */
function findGutter(frags: Fragment[], pageWidth: number, x0: number, x1: number): { gutter: number; top: number; bottom: number } | undefined {
  const candidates = [...new Set(frags.filter((f) => f.x0 > pageWidth * 0.35 && f.x0 < pageWidth * 0.65).map((f) => Math.round(f.x0)))].sort((a, b) => a - b);
  for (const g of candidates) {
    // Columns of running text fill their width; table cells and tabbed lines do not.
    // A column's right edge is where its longest lines end; it must reach well towards the gutter.
    const leftEdge = Math.max(x0, maxOf(frags.filter((f) => f.x1 <= g + 1), (f) => f.x1));
    if (leftEdge - x0 < 0.6 * (g - x0)) continue;
    const leftFull = frags.filter((f) => f.x1 <= g + 1 && f.x1 - x0 > 0.8 * (leftEdge - x0));
    const rightFull = frags.filter((f) => f.x0 >= g - 1 && f.x1 - g > 0.8 * (x1 - g));
    if (leftFull.length < 3 || rightFull.length < 3) continue;
    const size = Math.max(maxOf(leftFull, (f) => f.size), maxOf(rightFull, (f) => f.size));
    const top = Math.max(maxOf(leftFull, (f) => f.y), maxOf(rightFull, (f) => f.y)) + 2 * size;
    const bottom = Math.min(minOf(leftFull, (f) => f.y), minOf(rightFull, (f) => f.y)) - 2 * size;
    const inBand = frags.filter((f) => f.y <= top && f.y >= bottom);
    if (inBand.some((f) => f.x0 < g - 1 && f.x1 > g + 1)) continue;
    const leftIn = inBand.filter((f) => f.x1 <= g + 1).length;
    const rightIn = inBand.filter((f) => f.x0 >= g - 1).length;
    if (leftFull.length >= 0.5 * leftIn && rightFull.length >= 0.5 * rightIn) return { gutter: g, top, bottom };
  }
  return undefined;
}
