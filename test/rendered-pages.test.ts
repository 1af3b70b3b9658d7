import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { dialog, dialogBin, ROOT, tmp } from './helpers.js';
import { barColours, colourPixels, overlappingLines, pdfPages, which, type Page } from './pages.js';

/**
 * The reports as pages: the Word report converted by LibreOffice and dialog's own PDF, read back
 * with poppler. Each chart's bars show (pixels in the bars' colours), no two text lines overlap,
 * and no table header or date breaks inside a word. LibreOffice runs once for the whole file.
 * CI installs LibreOffice, poppler and the fonts (.ci/run); where they are absent this file skips.
 */
const SOFFICE = which('soffice') || which('libreoffice');
const POPPLER = !!which('pdftotext') && !!which('pdftoppm');
const REAL = join(ROOT, '..', 'shared', 'real-dev', 'dev.yaml');
if (!POPPLER) console.warn('rendered-page tests skipped: poppler-utils is absent (pdftotext, pdftoppm; `apt-get install -y poppler-utils`)');
if (!SOFFICE) console.warn('LibreOffice page tests skipped: soffice is absent (`apt-get install -y libreoffice-writer-nogui fonts-crosextra-carlito`)');
if (!existsSync(REAL)) console.warn(`real-text page tests skipped: ${REAL} is absent`);

/** The reports: the example's summary and compilation, and a summary of real text (read from ../shared, never copied). */
const REPORTS = [
  { name: 'summary', args: ['data/example'] },
  { name: 'compilation', args: ['data/example', '-t', 'remissammanstallning'] },
  ...(existsSync(REAL) ? [{ name: 'real', args: [REAL] }] : []),
];

const words = (pages: Page[]) => new Set(pages.flatMap((p) => p.words.map((w) => w.text)));
/** A word without the punctuation around it. */
const bare = (w: string) => w.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, '');

describe.skipIf(!POPPLER)('reports as pages (poppler)', () => {
  let dir = '';
  /** Per report: the bar colours of its charts (from the Markdown report's SVG files) and its Markdown. */
  const made: Record<string, { colours: string[]; markdown: string }> = {};
  let converted = false;
  let seconds = 0;

  beforeAll(async () => {
    dir = tmp('dialog-pages-');
    // Each report's inputs ingested once, and its three formats written from that corpus.
    const corpora = new Map<string, string>();
    for (const r of REPORTS) {
      const [inputs, ...options] = r.args;
      if (!corpora.has(inputs)) {
        corpora.set(inputs, join(dir, `corpus-${corpora.size}.json`));
        expect((await dialog(['ingest', inputs, '-o', corpora.get(inputs)!, '-q'])).code).toBe(0);
      }
      const args = ['--corpus', corpora.get(inputs)!, ...options];
      const md = join(dir, `${r.name}.md`);
      expect((await dialog(['report', ...args, '-o', md, '-q'])).code).toBe(0);
      const svgs = ['positions', 'themes'].map((c) => join(dir, `${r.name}-${c}.svg`)).filter(existsSync);
      made[r.name] = { colours: [...new Set(svgs.flatMap((f) => barColours(readFileSync(f, 'utf8'))))], markdown: readFileSync(md, 'utf8') };
      expect((await dialog(['report', ...args, '-o', join(dir, `${r.name}.pdf`), '-q'])).code).toBe(0);
      expect((await dialog(['report', ...args, '-o', join(dir, `${r.name}.docx`), '-q'])).code).toBe(0);
    }
    // The worst case for column widths: a machine with neither Calibri nor Carlito, where the
    // document is set in DejaVu Sans (wider than both, and the font dialog measures with).
    const zip = await JSZip.loadAsync(readFileSync(join(dir, 'compilation.docx')));
    for (const part of ['word/styles.xml', 'word/document.xml']) zip.file(part, (await zip.file(part)!.async('string')).replaceAll('Calibri', 'DejaVu Sans'));
    writeFileSync(join(dir, 'compilation-dejavu.docx'), await zip.generateAsync({ type: 'nodebuffer' }));
    if (SOFFICE) {
      // One LibreOffice for every document, with a profile of its own: parallel runs do not clash.
      const start = performance.now();
      const docx = [...REPORTS.map((r) => join(dir, `${r.name}.docx`)), join(dir, 'compilation-dejavu.docx')];
      const lo = spawnSync(SOFFICE, [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf:writer_pdf_Export', '--outdir', join(dir, 'lo'), ...docx], { encoding: 'utf8', timeout: 180_000 });
      seconds = (performance.now() - start) / 1000;
      expect(lo.status, lo.stderr).toBe(0);
      converted = true;
    }
  }, 240_000);

  const cases = REPORTS.flatMap((r) => [
    { report: r.name, by: 'dialog', file: () => join(dir, `${r.name}.pdf`) },
    { report: r.name, by: 'LibreOffice', file: () => join(dir, 'lo', `${r.name}.pdf`) },
  ]);

  it.each(cases)('$report as a PDF by $by: each chart colour shows, no two text lines overlap', (c, ctx) => {
    if (c.by === 'LibreOffice' && !converted) return ctx.skip('LibreOffice is absent');
    const pages = pdfPages(c.file());
    expect(pages.length).toBeGreaterThan(0);
    expect(overlappingLines(pages)).toEqual([]);
    const { colours } = made[c.report];
    // The compilation draws no chart; the summaries draw two.
    expect(colours.length).toBeGreaterThanOrEqual(c.report === 'compilation' ? 0 : 3);
    const pixels = colourPixels(c.file(), dir, colours);
    // At 40 dpi a bar of one respondent is some 20 pixels: each colour well over that shows a bar.
    for (const [colour, n] of pixels) expect(n, `bars in ${colour} in ${c.report} (${c.by})`).toBeGreaterThan(25);
    if (c.by === 'LibreOffice' && c.report === 'summary') console.info(`LibreOffice converted ${REPORTS.length + 1} Word reports in ${seconds.toFixed(1)} s`);
  }, 60_000);

  it.each([...cases.filter((c) => c.report === 'compilation'), { report: 'compilation', by: 'LibreOffice, in DejaVu Sans for Calibri', file: () => join(dir, 'lo', 'compilation-dejavu.pdf') }])('the compilation by $by: no table header or date breaks inside a word', (c, ctx) => {
    if (c.by.startsWith('LibreOffice') && !converted) return ctx.skip('LibreOffice is absent');
    const pages = pdfPages(c.file());
    const seen = words(pages);
    // The overview's header cells, and every date the Markdown's tables hold.
    for (const header of ['Remissinstans', 'Kategori', 'Datum', 'Dnr', 'Ställningstagande', 'Teman']) expect(seen, header).toContain(header);
    const dates = [...new Set([...made.compilation.markdown.matchAll(/\| (\d{4}-\d{2}-\d{2}) \|/g)].map((m) => m[1]))];
    expect(dates.length).toBeGreaterThan(5);
    for (const d of dates) expect(seen, d).toContain(d);
    // A date cut after its month (a year alone may end a line of running text: "dnr LS 2015-").
    const broken = [...seen].filter((w) => /^\d{4}-\d{2}-?$/.test(w));
    expect(broken).toEqual([]);
    // The Word report, some ten pages long, opens with its table of contents.
    if (c.by.startsWith('LibreOffice')) expect(pages[0].lines.map((l) => l.text)).toContain('Innehåll');
  }, 60_000);

  it.each(REPORTS.map((r) => r.name))('%s: dialog’s PDF holds the words of the report, with its title, language, tags, fonts and page numbers', (name) => {
    const file = join(dir, `${name}.pdf`);
    const pages = pdfPages(file);
    const seen = new Set([...words(pages)].map(bare));
    const expected = new Set(
      made[name].markdown
        .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
        .replace(/^\s*(?:#+|>|-|\d+\.|\|?\s*-{3,}.*)\s/gm, ' ')
        .replace(/[|*`]/g, ' ')
        .split(/\s+/u)
        .map(bare)
        .filter((w) => /\p{L}|\d/u.test(w)),
    );
    const missing = [...expected].filter((w) => !seen.has(w));
    expect(missing).toEqual([]);
    // Page numbers on every page.
    pages.forEach((p, n) => expect(p.lines.map((l) => l.text)).toContain(`Sida ${n + 1} av ${pages.length}`));
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/^Title: +Sammanfattning|^Title: +Remissammanställning/m);
    expect(info).toMatch(/^Tagged: +yes/m);
    const raw = readFileSync(file).toString('latin1');
    expect(raw).toContain('/Lang (sv-SE)');
    expect(raw).toContain('/DisplayDocTitle true');
    // Every font embedded (pdffonts: the "emb" column).
    const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout.split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(1);
    for (const f of fonts) expect(f.split(/\s+/).at(-5), f).toBe('yes');
    // The structure a screen reader walks: headings, lists, tables with header cells, charts as figures.
    const tree = spawnSync('pdfinfo', ['-struct', file], { encoding: 'utf8' }).stdout;
    for (const tag of ['H1', 'H2', 'P', 'L', 'LI', 'Table', 'TR', 'TH', 'TD']) expect(tree, tag).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
    if (made[name].colours.length) expect(tree).toMatch(/^\s*Figure\b/m);
    // Each chart's figure has the chart's numbers as its alternative text (a PDF text string: UTF-16BE).
    const pdfString = (text: string) => Buffer.from(`\ufeff${text}`, 'utf16le').swap16().toString('latin1');
    expect(raw.split('/S /Figure\n/Alt (').length - 1).toBe(made[name].colours.length ? 2 : 0);
    if (name === 'summary') expect(raw).toContain(pdfString('Antal remissinstanser per ställningstagande: Tillstyrker 10, Tillstyrker med förbehåll 12'));
    // The charts are vector graphics: no picture in the file.
    expect(spawnSync('pdfimages', ['-list', file], { encoding: 'utf8' }).stdout.split('\n').slice(2).filter(Boolean)).toEqual([]);
  }, 60_000);

  it('report --all writes a PDF output, byte for byte the same each time, and --check compares it (the real bin)', async () => {
    const ws = tmp('dialog-pdf-all-');
    const at = (p: string) => JSON.stringify(join(ROOT, p));
    writeFileSync(
      join(ws, 'dialog.config.yaml'),
      `inputs: [${at('data/example')}]\nregister: ${at('data/example/register.yaml')}\ncodebook: ${at('data/codebook.yaml')}\noutputs:\n  sammanfattning.pdf: reports/s.pdf\n  sammanfattning.en: reports/s.en.pdf\n`,
    );
    expect(dialogBin(['report', '--all', '-q'], { cwd: ws }).code).toBe(0);
    const out = join(ws, 'reports', 's.pdf');
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(readFileSync(join(ws, 'reports', 's.en.pdf')).toString('latin1')).toContain('/Lang (en-GB)');
    // The rest in-process (a PDF costs seconds in a fresh process): the first run was another
    // process, so the bytes cannot depend on anything of one process.
    expect((await dialog(['report', '--all', '--check'], { cwd: ws })).code).toBe(0);
    expect((await dialog(['report', '--all', '-q'], { cwd: ws })).code).toBe(0);
    expect(readFileSync(out).equals(bytes)).toBe(true);
    // Another PDF in its place: --check says it is stale and exits 1.
    writeFileSync(out, readFileSync(join(dir, 'compilation.pdf')));
    const check = await dialog(['report', '--all', '--check'], { cwd: ws });
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/s\.pdf: stale/);
  }, 60_000);
});
