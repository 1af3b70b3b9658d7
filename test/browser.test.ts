import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { dialog, FIXTURES, tmp } from './helpers.js';

/**
 * The HTML report in a real browser (Debian's chromium, headless): every chart label is inside
 * its chart and overlaps no other label, in light and dark and on a narrow screen, and the text
 * of a label is the label in full. CI installs chromium (.ci/run); without it, this file skips.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: no chromium at ${CHROMIUM} (install it with \`apt-get install -y chromium\`, or set CHROMIUM_PATH)`);

interface Box {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}
interface ChartBoxes {
  chart: string;
  svg: Box;
  labels: Box[];
  /** Each text element's text, a wrapped label's lines joined by spaces. */
  texts: string[];
  fill: string;
  background: string;
}

describe.skipIf(!hasChromium)(`HTML charts in chromium (${CHROMIUM})`, () => {
  let context: BrowserContext;
  let dir = '';
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    dir = tmp();
    const example = join(dir, 'example.html');
    expect((await dialog(['report', 'data/example', '-o', example, '-q'])).code).toBe(0);
    const hostile = join(dir, 'labels.html');
    const labels = join(FIXTURES, 'report', 'labels', 'codebook.yaml');
    expect((await dialog(['report', join(FIXTURES, 'report', 'spread'), '--codebook', labels, '-o', hostile, '-q'])).code).toBe(0);
    const compilation = join(dir, 'compilation.html');
    expect((await dialog(['report', 'data/example', '-t', 'remissammanstallning', '-o', compilation, '-q'])).code).toBe(0);
    const english = join(dir, 'summary.en.html');
    expect((await dialog(['report', 'data/example', '--lang', 'en', '-o', english, '-q'])).code).toBe(0);
    // The Markdown report's charts, as GitHub shows them: SVG files as images.
    expect((await dialog(['report', 'data/example', '-o', join(dir, 'example.md'), '-q'])).code).toBe(0);
    Object.assign(pages, { example, labels: hostile, compilation, english });
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(tmp('dialog-chromium-'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
  });

  async function measure(file: string, width: number, scheme: 'light' | 'dark', media: 'screen' | 'print' = 'screen'): Promise<ChartBoxes[]> {
    const page = await context.newPage();
    try {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme, media });
      const requests: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await page.goto(`file://${file}`);
      expect(requests).toEqual([]);
      return await page.evaluate(() => {
        const box = (e: Element, text = '') => {
          const r = e.getBoundingClientRect();
          return { text, x: r.x, y: r.y, width: r.width, height: r.height };
        };
        return [...document.querySelectorAll('svg.dialog-chart')].map((svg) => ({
          chart: svg.getAttribute('data-chart') ?? '',
          svg: box(svg),
          // A wrapped label's lines are its tspans: each line is measured on its own.
          labels: [...svg.querySelectorAll('text')].flatMap((t) => (t.querySelector('tspan') ? [...t.querySelectorAll('tspan')].map((s) => box(s, s.textContent ?? '')) : [box(t, t.textContent ?? '')])),
          texts: [...svg.querySelectorAll('text')].map((t) => (t.querySelector('tspan') ? [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ') : (t.textContent ?? ''))),
          fill: getComputedStyle(svg.querySelector('text')!).fill,
          background: getComputedStyle(document.documentElement).backgroundColor,
        }));
      });
    } finally {
      await page.close();
    }
  }

  const overlap = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
  const inside = (a: Box, outer: Box) => a.x >= outer.x - 0.5 && a.y >= outer.y - 0.5 && a.x + a.width <= outer.x + outer.width + 0.5 && a.y + a.height <= outer.y + outer.height + 0.5;

  it.each([
    ['example', 1280, 'light'],
    ['example', 1280, 'dark'],
    ['example', 390, 'light'],
    ['labels', 1280, 'light'],
    ['labels', 390, 'dark'],
  ] as const)('%s at %i px (%s): no chart label overlaps another or is clipped', async (name, width, scheme) => {
    const charts = await measure(pages[name], width, scheme);
    expect(charts.map((c) => c.chart)).toEqual(['positions', 'themes']);
    for (const c of charts) {
      expect(c.labels.length).toBeGreaterThan(6);
      for (const l of c.labels) {
        expect(l.width, `${c.chart}: "${l.text}" has no size`).toBeGreaterThan(0);
        expect(inside(l, c.svg), `${c.chart}: "${l.text}" is clipped by the chart's edge`).toBe(true);
      }
      for (let i = 0; i < c.labels.length; i++)
        for (let j = i + 1; j < c.labels.length; j++) expect(overlap(c.labels[i], c.labels[j]), `${c.chart}: "${c.labels[i].text}" overlaps "${c.labels[j].text}"`).toBe(false);
      // The text takes the page's colour, so it reads in dark mode too.
      expect(c.fill).toBe(scheme === 'dark' ? 'rgb(230, 237, 243)' : 'rgb(31, 35, 40)');
    }
  }, 30_000);

  it('prints black on white, even for a reader in dark mode, with the charts whole', async () => {
    const charts = await measure(pages.example, 794, 'dark', 'print');
    for (const c of charts) {
      expect(c.fill).toBe('rgb(0, 0, 0)');
      expect(c.background).toBe('rgb(255, 255, 255)');
      for (const l of c.labels) expect(inside(l, c.svg), `${c.chart}: "${l.text}" is clipped in print`).toBe(true);
    }
  }, 30_000);

  it('shows labels in full and as text: an entity code and markup stay as written', async () => {
    const [, themes] = await measure(pages.labels, 1280, 'light');
    const texts = themes.texts;
    expect(texts).toContain('Tema #1; med <script>alert(1)</script>');
    // A long label wraps onto lines, none cut short.
    expect(texts).toContain('Regionindelning, sammanläggning av län och landsting och en Stockholm–Gotlandsregion år 2023');
    expect(readFileSync(pages.labels, 'utf8')).not.toContain('<script>');
  }, 30_000);

  /** Each word of each table cell that the browser set on more than one line. */
  async function brokenWords(file: string, width: number, media: 'screen' | 'print'): Promise<string[]> {
    const page = await context.newPage();
    try {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ media });
      await page.goto(`file://${file}`);
      return await page.evaluate(() => {
        const broken: string[] = [];
        for (const cell of document.querySelectorAll('td, th')) {
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of (node.textContent ?? '').matchAll(/\S+/gu)) {
              const range = document.createRange();
              range.setStart(node, m.index!);
              range.setEnd(node, m.index! + m[0].length);
              const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
              if (tops.size > 1) broken.push(m[0]);
            }
          }
        }
        return broken;
      });
    } finally {
      await page.close();
    }
  }

  it.each([
    ['compilation', 1200, 'screen'],
    ['compilation', 658, 'print'],
    ['example', 1200, 'screen'],
    ['example', 658, 'print'],
  ] as const)('%s at %i px (%s): no table header, date or other word breaks inside itself', async (name, width, media) => {
    expect(await brokenWords(pages[name], width, media)).toEqual([]);
  }, 30_000);

  const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

  it.each([
    ['example', 'light'],
    ['example', 'dark'],
    ['compilation', 'light'],
    ['english', 'dark'],
  ] as const)('%s (%s) passes axe-core with no WCAG 2.1 A or AA violation', async (name, scheme) => {
    const page = await context.newPage();
    try {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`file://${pages[name]}`);
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
        return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
      });
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  // GitHub's own theme and the system's colour scheme (which the SVG's stylesheet sees) may differ.
  it.each([
    ['light', 'light'],
    ['dark', 'dark'],
    ['light', 'dark'],
    ['dark', 'light'],
  ] as const)('the Markdown report’s chart files read in a %s scheme on a %s page: transparent, text in a colour that contrasts', async (scheme, theme) => {
    const page = await context.newPage();
    try {
      await page.emulateMedia({ colorScheme: scheme });
      const svg = `data:image/svg+xml;base64,${readFileSync(join(dir, 'example-positions.svg')).toString('base64')}`;
      // The SVG drawn as an image (as GitHub shows it) onto the page's colour, and its pixels counted.
      const px = await page.evaluate(
        async ([src, background]) => {
          const img = new Image();
          img.src = src;
          await img.decode();
          const canvas = document.createElement('canvas');
          canvas.width = img.naturalWidth;
          canvas.height = img.naturalHeight;
          const g = canvas.getContext('2d')!;
          g.drawImage(img, 0, 0);
          const corner = g.getImageData(0, 0, 1, 1).data[3];
          g.globalCompositeOperation = 'destination-over';
          g.fillStyle = background;
          g.fillRect(0, 0, canvas.width, canvas.height);
          const data = g.getImageData(0, 0, canvas.width, canvas.height).data;
          let light = 0;
          let dark = 0;
          for (let i = 0; i < data.length; i += 4) {
            const y = 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
            if (y > 225) light++;
            if (y < 60) dark++;
          }
          return { corner, light, dark, all: data.length / 4 };
        },
        [svg, theme === 'dark' ? '#0d1117' : '#ffffff'] as const,
      );
      // No card: the page shows through.
      expect(px.corner).toBe(0);
      // The labels' glyphs (or, where the scheme and the page differ, their halos): light on the
      // dark page, dark on the light one (GitHub's colours).
      if (theme === 'dark') expect(px.light).toBeGreaterThan(800);
      else expect(px.dark).toBeGreaterThan(800);
      // And most of it is the page's own colour.
      expect((theme === 'dark' ? px.dark : px.light) / px.all).toBeGreaterThan(0.5);
    } finally {
      await page.close();
    }
  }, 30_000);
});
