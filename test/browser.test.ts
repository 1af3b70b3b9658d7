import { existsSync, readFileSync } from 'node:fs';
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
  const dir = tmp();
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    const example = join(dir, 'example.html');
    expect((await dialog(['report', 'data/example', '-o', example, '-q'])).code).toBe(0);
    const hostile = join(dir, 'labels.html');
    const labels = join(FIXTURES, 'report', 'labels', 'codebook.yaml');
    expect((await dialog(['report', join(FIXTURES, 'report', 'spread'), '--codebook', labels, '-o', hostile, '-q'])).code).toBe(0);
    Object.assign(pages, { example, labels: hostile });
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
});
