import { readFileSync } from 'node:fs';

/**
 * Advance widths of a TrueType font, read from its `cmap` (format 4: the Basic Multilingual
 * Plane) and `hmtx` tables: enough to measure a line of text the way a renderer lays it out,
 * without a canvas. Kerning is left out, so the width is an upper bound for this font.
 */
export interface FontMetrics {
  /** Width of `text` at `size` pixels. */
  width(text: string, size: number): number;
}

export function readFontMetrics(file: string): FontMetrics {
  const font = readFileSync(file);
  const tables = new Map<string, number>();
  const numTables = font.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const at = 12 + 16 * i;
    tables.set(font.toString('latin1', at, at + 4), font.readUInt32BE(at + 8));
  }
  const table = (tag: string) => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`${file}: no ${tag} table`);
    return offset;
  };
  const unitsPerEm = font.readUInt16BE(table('head') + 18);
  const numberOfHMetrics = font.readUInt16BE(table('hhea') + 34);
  const hmtx = table('hmtx');
  const advance = (glyph: number) => font.readUInt16BE(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));

  const cmap = table('cmap');
  let sub = -1;
  for (let i = 0; i < font.readUInt16BE(cmap + 2); i++) {
    const at = cmap + 4 + 8 * i;
    const platform = font.readUInt16BE(at);
    const encoding = font.readUInt16BE(at + 2);
    const offset = cmap + font.readUInt32BE(at + 4);
    if (((platform === 3 && encoding === 1) || platform === 0) && font.readUInt16BE(offset) === 4) {
      sub = offset;
      break;
    }
  }
  if (sub < 0) throw new Error(`${file}: no Unicode cmap of format 4`);
  const segments = font.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  const glyphOf = (code: number): number => {
    for (let s = 0; s < segments; s++) {
      if (code > font.readUInt16BE(ends + 2 * s)) continue;
      const start = font.readUInt16BE(starts + 2 * s);
      if (code < start) return 0;
      const delta = font.readInt16BE(deltas + 2 * s);
      const rangeOffset = font.readUInt16BE(rangeOffsets + 2 * s);
      if (!rangeOffset) return (code + delta) & 0xffff;
      const glyph = font.readUInt16BE(rangeOffsets + 2 * s + rangeOffset + 2 * (code - start));
      return glyph ? (glyph + delta) & 0xffff : 0;
    }
    return 0;
  };
  const cache = new Map<number, number>();
  // A character the font lacks is drawn from another font: count it as a wide one.
  const wide = unitsPerEm;
  const units = (code: number) => {
    let w = cache.get(code);
    if (w === undefined) {
      const glyph = code <= 0xffff ? glyphOf(code) : 0;
      w = glyph ? advance(glyph) : wide;
      cache.set(code, w);
    }
    return w;
  };
  return {
    width(text: string, size: number): number {
      let sum = 0;
      for (const ch of text) sum += units(ch.codePointAt(0)!);
      return (sum / unitsPerEm) * size;
    },
  };
}
