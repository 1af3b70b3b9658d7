import type { DocLine, Removed } from './types.js';

/** "Sida 2 av 3", "2 (3)", "- 2 -", "Page 2 of 3", "2/3", "Sida 2", a lone "2". */
const PAGE_NUMBER = /^(?:(?:sida|sid\.?|s\.|page|blad)\s*\d{1,4}(?:\s*(?:av|of|\/)\s*\d{1,4})?|\d{1,4}\s*\(\s*\d{1,4}\s*\)|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*(?:\/|av)\s*\d{1,4}|\d{1,4})$/iu;

/** A page number at the end of a header or footer line: "Nacka kommun … 2 (3)". */
const TRAILING_PAGE_NUMBER = /\s+(?:(?:sida|page)\s*\d{1,4}(?:\s*(?:av|of)\s*\d{1,4})?|\d{1,4}\s*\(\s*\d{1,4}\s*\))$/iu;

export function isPageNumber(text: string): boolean {
  return PAGE_NUMBER.test(text.trim());
}

/** A line's identity across pages: case, spaces and digits (page numbers, dates) folded. */
export function furnitureKey(text: string): string {
  return text.toLowerCase().replace(/\d+/gu, '#').replace(/[\s|]+/gu, ' ').trim();
}

/** How far from the top or bottom edge (share of the page) headers and footers stand. */
const EDGE = 0.13;

/**
 * Removes page furniture: page numbers; lines repeated on several pages at the top or bottom
 * (headers and footers, by their position where the reader knows it); and, in formats without
 * positions, short lines repeated next to page breaks (letterhead and address lines). Returns the
 * lines kept and what was removed, each removed line once with a count.
 */
export function removeFurniture(lines: DocLine[]): { kept: DocLine[]; removed: Removed[] } {
  const drop = new Map<number, Removed['why']>();
  const positioned = lines.some((l) => l.top !== undefined);
  const pages = new Set(lines.map((l) => l.page)).size;

  if (positioned) {
    // Lines at the page's edges whose text (digits folded) recurs on other pages at about the same height.
    const seen = new Map<string, { pages: Set<number>; tops: number[] }>();
    lines.forEach((l) => {
      if (l.top === undefined || (l.top > EDGE && l.top < 1 - EDGE)) return;
      const k = furnitureKey(l.text);
      const s = seen.get(k) ?? { pages: new Set(), tops: [] };
      s.pages.add(l.page);
      s.tops.push(l.top);
      seen.set(k, s);
    });
    // Sorted, so that the lines at about one height are counted by binary search, not by a pass per line.
    for (const s of seen.values()) s.tops.sort((a, b) => a - b);
    lines.forEach((l, i) => {
      if (l.top === undefined) return;
      const atEdge = l.top <= EDGE || l.top >= 1 - EDGE;
      if (!atEdge) return;
      if (isPageNumber(l.text)) drop.set(i, 'page number');
      else {
        const s = seen.get(furnitureKey(l.text));
        const recurs = s && s.pages.size >= 2 && closeTo(s.tops, l.top, 0.02, 2);
        if (recurs) drop.set(i, 'page header or footer');
        else if (TRAILING_PAGE_NUMBER.test(l.text) && pages > 1) drop.set(i, 'page header or footer');
      }
    });
  } else {
    // Page breaks: a form feed, or a page-number line. Letterhead and address lines repeat next to them.
    const boundary: number[] = [0];
    lines.forEach((l, i) => {
      if (isPageNumber(l.text) && !/^\d{1,4}$/.test(l.text.trim())) {
        drop.set(i, 'page number');
        boundary.push(i);
      } else if (i > 0 && l.page !== lines[i - 1].page) boundary.push(i);
    });
    boundary.push(lines.length - 1);
    // The boundaries are in line order: a binary search keeps this pass linear in the lines.
    const near = (i: number) => {
      let lo = 0;
      let hi = boundary.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (boundary[mid] < i - 3) lo = mid + 1;
        else hi = mid;
      }
      return lo < boundary.length && boundary[lo] <= i + 3;
    };
    const occurrences = new Map<string, number[]>();
    lines.forEach((l, i) => {
      if (drop.has(i) || l.text.length > 120 || l.heading) return;
      const k = furnitureKey(l.text);
      const at = occurrences.get(k);
      if (at) at.push(i);
      else occurrences.set(k, [i]);
    });
    for (const [, at] of occurrences)
      if (at.length >= 2 && at.every(near)) for (const i of at) drop.set(i, 'repeated letterhead or address');
    // A lone number between page breaks of a text file (a page number with nothing else on its line).
    lines.forEach((l, i) => {
      if (/^\d{1,4}$/.test(l.text.trim()) && boundary.length > 2 && near(i) && (i === 0 || lines[i - 1].breakBefore || l.breakBefore)) drop.set(i, 'page number');
    });
  }

  const kept: DocLine[] = [];
  const removed = new Map<string, Removed>();
  // Where lines were removed between two kept ones, the text runs on across a break: the lines
  // after it stand in a new region, like a PDF's next page (a paragraph may continue there).
  let segment = 0;
  lines.forEach((l, i) => {
    const why = drop.get(i);
    if (!why) {
      if (i > 0 && l.page !== lines[i - 1].page) segment++;
      kept.push(l.region === undefined ? { ...l, region: segment } : l);
      return;
    }
    if (l.top === undefined) segment++;
    const k = `${why}\u0000${furnitureKey(l.text)}`;
    const r = removed.get(k);
    if (r) r.times++;
    else removed.set(k, { text: l.text, times: 1, why });
  });
  return { kept, removed: [...removed.values()] };
}

/** Whether at least `count` of the sorted numbers lie less than `radius` from `x` (binary search, then an exact check). */
function closeTo(sorted: number[], x: number, radius: number, count: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x - radius - 1e-9) lo = mid + 1;
    else hi = mid;
  }
  let n = 0;
  for (let i = lo; i < sorted.length && sorted[i] <= x + radius + 1e-9; i++) if (Math.abs(sorted[i] - x) < radius && ++n >= count) return true;
  return false;
}
