import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reading rendered pages back: the text lines and words of a PDF with their boxes (poppler's
 * `pdftotext -bbox-layout`) and its pages as pixels (`pdftoppm`, PPM: a header and RGB bytes).
 */

export const which = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();

export interface Box {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface Page {
  lines: Box[];
  words: Box[];
}

const num = (tag: string, name: string) => Number(new RegExp(`${name}="([\\d.]+)"`).exec(tag)![1]);
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export function pdfPages(pdf: string): Page[] {
  const r = spawnSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`pdftotext ${pdf}: ${r.stderr}`);
  return r.stdout
    .split('<page ')
    .slice(1)
    .map((page) => {
      const lines: Box[] = [];
      const words: Box[] = [];
      for (const m of page.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
        const lineWords = [...m[2].matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map((w) => ({ text: unescape(w[2]), x0: num(w[1], 'xMin'), y0: num(w[1], 'yMin'), x1: num(w[1], 'xMax'), y1: num(w[1], 'yMax') }));
        words.push(...lineWords);
        lines.push({ text: lineWords.map((w) => w.text).join(' '), x0: num(m[1], 'xMin'), y0: num(m[1], 'yMin'), x1: num(m[1], 'xMax'), y1: num(m[1], 'yMax') });
      }
      return { lines, words };
    });
}

/** Pairs of text lines on one page whose boxes overlap by more than `tolerance` points both ways. */
export function overlappingLines(pages: Page[], tolerance = 1.5): string[] {
  const found: string[] = [];
  pages.forEach((p, n) => {
    for (let i = 0; i < p.lines.length; i++)
      for (let j = i + 1; j < p.lines.length; j++) {
        const a = p.lines[i];
        const b = p.lines[j];
        const dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        const dy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        if (dx > tolerance && dy > tolerance) found.push(`page ${n + 1}: "${a.text}" overlaps "${b.text}"`);
      }
  });
  return found;
}

/** Pixels of each colour (`#rrggbb`, within `tolerance` per channel) over all pages, rendered at `dpi`. */
export function colourPixels(pdf: string, dir: string, colours: string[], dpi = 40, tolerance = 6): Map<string, number> {
  const prefix = join(dir, `px-${Math.random().toString(36).slice(2)}`);
  const r = spawnSync('pdftoppm', ['-r', String(dpi), pdf, prefix], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftoppm ${pdf}: ${r.stderr}`);
  const rgb = colours.map((c) => [1, 3, 5].map((k) => parseInt(c.slice(k, k + 2), 16)));
  const counts = new Map(colours.map((c) => [c, 0]));
  const base = prefix.slice(dir.length + 1);
  for (const file of readdirSync(dir).filter((f) => f.startsWith(base) && f.endsWith('.ppm'))) {
    const data = readFileSync(join(dir, file));
    // P6, width, height, maximum value, each followed by one whitespace byte.
    let at = 0;
    for (let fields = 0; fields < 4; fields++) {
      while (/\s/.test(String.fromCharCode(data[at]))) at++;
      while (!/\s/.test(String.fromCharCode(data[at]))) at++;
    }
    at++;
    // Plain loops and an array of counts: a page at 40 dpi is some 150 000 pixels, each tested against every colour.
    const n = new Array<number>(rgb.length).fill(0);
    for (let p = at; p + 2 < data.length; p += 3)
      for (let k = 0; k < rgb.length; k++) {
        const c = rgb[k];
        if (Math.abs(data[p] - c[0]) <= tolerance && Math.abs(data[p + 1] - c[1]) <= tolerance && Math.abs(data[p + 2] - c[2]) <= tolerance) n[k]++;
      }
    n.forEach((v, k) => counts.set(colours[k], counts.get(colours[k])! + v));
  }
  return counts;
}

/** The bar colours an SVG chart of dialog's fills with. */
export const barColours = (svg: string) => [...new Set([...svg.matchAll(/<path [^>]*aria-roledescription="bar"[^>]*>/g)].filter((m) => !/value: 0;/.test(m[0])).map((m) => /fill="(#[0-9A-Fa-f]{6})"/.exec(m[0])![1].toUpperCase()))];
