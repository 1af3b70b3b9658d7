import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { buildCharts, darken, integerAxis, mermaidBars, POSITION_COLOURS, wrapLabel } from '../src/core/report/chart-model.js';
import { columnWidths } from '../src/cli/render/docx.js';
import { dialog, dialogBin, FIXTURES, ROOT, tmp } from './helpers.js';

const HOSTILE = join(FIXTURES, 'report', 'hostile');
const LABELS = join(FIXTURES, 'report', 'labels', 'codebook.yaml');
const SPREAD = join(FIXTURES, 'report', 'spread');

const which = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();

async function readDocx(file: string) {
  const images: string[] = [];
  const { value: html } = await mammoth.convertToHtml(
    { path: file },
    {
      styleMap: ["p[style-name='Quote'] => blockquote > p:fresh"],
      convertImage: mammoth.images.imgElement(async (img) => {
        images.push(img.contentType);
        return { src: '' };
      }),
    },
  );
  const headings = [...html.matchAll(/<h([1-6])>(.*?)<\/h\1>/g)].map((m) => ({ level: Number(m[1]), text: m[2] }));
  return { html, images, headings, tables: (html.match(/<table>/g) ?? []).length };
}

describe('chart model', () => {
  it('an integer axis scaled to the data: no fractions of a respondent, max from the largest bar', () => {
    expect(integerAxis(0)).toEqual({ max: 1, step: 1, ticks: [0, 1] });
    expect(integerAxis(1)).toEqual({ max: 1, step: 1, ticks: [0, 1] });
    expect(integerAxis(6).ticks).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(integerAxis(13)).toEqual({ max: 15, step: 5, ticks: [0, 5, 10, 15] });
    expect(integerAxis(115)).toEqual({ max: 120, step: 20, ticks: [0, 20, 40, 60, 80, 100, 120] });
    for (let n = 0; n < 300; n++) {
      const a = integerAxis(n);
      expect(a.max).toBeGreaterThanOrEqual(n);
      expect(a.ticks.every(Number.isInteger)).toBe(true);
      expect(a.ticks.length).toBeLessThanOrEqual(7);
    }
  });

  it('a fixed colour per position (whatever is zero) and per theme (by codebook place, not rank)', () => {
    const positions = (counts: number[]) =>
      (['support', 'conditional', 'oppose', 'no-opinion'] as const).map((key, i) => ({ key, label: key, count: counts[i] }));
    const a = buildCharts({ lang: 'sv', positions: positions([0, 3, 1, 0]), themes: [{ id: 'x', label: 'X', respondents: 5, codebookIndex: 2 }, { id: 'y', label: 'Y', respondents: 1, codebookIndex: 0 }] });
    const b = buildCharts({ lang: 'sv', positions: positions([4, 0, 0, 2]), themes: [{ id: 'y', label: 'Y', respondents: 9, codebookIndex: 0 }, { id: 'x', label: 'X', respondents: 1, codebookIndex: 2 }] });
    for (const chart of [a[0], b[0]]) for (const bar of chart.bars) expect(bar.colour).toBe(POSITION_COLOURS[bar.key as keyof typeof POSITION_COLOURS]);
    const colourOf = (charts: typeof a, id: string) => charts[1].bars.find((x) => x.key === id)!.colour;
    expect(colourOf(a, 'x')).toBe(colourOf(b, 'x'));
    expect(colourOf(a, 'y')).toBe(colourOf(b, 'y'));
    expect(colourOf(a, 'x')).not.toBe(colourOf(a, 'y'));
    expect(new Set(Object.values(POSITION_COLOURS)).size).toBe(5);
    expect(darken('#56B4E9')).toBe('#387597');
    expect(a[1].description).toBe('Antal remissinstanser som tar upp respektive tema: X 5, Y 1.');
  });

  it('wraps long labels between words, keeping every word', () => {
    const label = 'Regionindelning, sammanläggning av län och landsting och en Stockholm–Gotlandsregion år 2023';
    const lines = wrapLabel(label);
    expect(lines.join(' ')).toBe(label);
    expect(lines.every((l) => l.length <= 32)).toBe(true);
    expect(wrapLabel('Kort')).toEqual(['Kort']);
  });

  it('Mermaid source for custom templates: horizontal bars, axis from the data, # kept as text', () => {
    const [, themes] = buildCharts({ lang: 'en', positions: [], themes: [{ id: 'x', label: 'Tema #1; "x"', respondents: 3, codebookIndex: 0 }] });
    expect(mermaidBars(themes)).toBe(['xychart-beta horizontal', '    title "Themes"', "    x-axis [\"Tema #35;1; 'x'\"]", '    y-axis "Number of respondents" 0 --> 3', '    bar [3]'].join('\n'));
  });
});

describe('Mermaid for custom templates', () => {
  it('the pie gives each position its fixed colour whatever slices are missing; the bars are horizontal', async () => {
    const template = join(tmp(), 'mermaid.md.hbs');
    writeFileSync(template, '{{{charts.positionsPie}}}\n\n{{{charts.themesBar}}}\n');
    const r = await dialog(['report', SPREAD, '-t', template]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"pie1":"#009E73","pie2":"#D55E00"');
    expect(r.stdout).toContain('pie showData title Ställningstaganden\n    "Tillstyrker" : 3\n    "Avstyrker" : 1\n');
    expect(r.stdout).toContain('xychart-beta horizontal');
    expect(r.stdout).toContain('y-axis "Antal remissinstanser" 0 --> 4');
  });
});

describe('dialog report -o x.docx', () => {
  it('has heading styles, page numbers, tables, quotes and the two charts as PNG pictures', async () => {
    const dir = tmp();
    const file = join(dir, 'sammanfattning.docx');
    const r = await dialog(['report', 'data/example', '-o', file]);
    expect(r.code).toBe(0);
    const doc = await readDocx(file);
    expect(doc.images).toEqual(['image/png', 'image/png']);
    expect(doc.headings[0]).toEqual({ level: 1, text: 'Sammanfattning av remissvaren: Regionbildning i Stockholms län' });
    const markdown = (await dialog(['report', 'data/example'])).stdout;
    expect(doc.headings.length).toBe(markdown.split('\n').filter((l) => /^#{1,6} /.test(l)).length);
    expect(doc.headings.filter((h) => h.level === 3).map((h) => h.text)).toContain('Kommunalt självstyre');
    expect(doc.tables).toBe(2);
    expect(doc.html).toContain('<blockquote><p><strong>Observera:</strong>');
    expect(doc.html).toContain('”Kommunen vill dock framhålla att den kommunala självstyrelsen inte får inskränkas');
    const zip = await JSZip.loadAsync(readFileSync(file));
    const footer = await zip.file('word/footer1.xml')!.async('string');
    expect(footer).toContain('Sida ');
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    const document = await zip.file('word/document.xml')!.async('string');
    expect(document).toContain('<w:tblHeader/>');
    expect(document).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(document).toContain('descr="Antal remissinstanser per ställningstagande: Tillstyrker 10');
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2016-02-29T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2016-02-29T00:00:00Z</dcterms:modified>');
  }, 30_000);

  it('has alt text on every picture, heading styles for the outline, and a table of contents only when it is long', async () => {
    const dir = tmp();
    const xmlOf = async (file: string) => (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')!.async('string');
    const summary = join(dir, 's.docx');
    const compilation = join(dir, 'c.docx');
    expect((await dialog(['report', 'data/example', '-o', summary, '-q'])).code).toBe(0);
    expect((await dialog(['report', 'data/example', '-t', 'remissammanstallning', '-o', compilation, '-q'])).code).toBe(0);
    const short = await xmlOf(summary);
    const pictures = [...short.matchAll(/<wp:docPr [^>]*>/g)].map((m) => m[0]);
    expect(pictures.length).toBe(2);
    for (const p of pictures) expect(p).toMatch(/descr="Antal remissinstanser[^"]+\d[^"]*"/);
    for (const level of [1, 2, 3]) expect(short).toContain(`<w:pStyle w:val="Heading${level}"/>`);
    // Four or so pages: no table of contents.
    expect(short).not.toContain('TOC \\o');
    // The compilation (some ten pages) opens with one: a TOC field whose entries link to the headings' bookmarks.
    const long = await xmlOf(compilation);
    expect(long).toContain('<w:instrText xml:space="preserve"> TOC \\o "2-3" \\h \\z \\u </w:instrText>');
    const entries = [...long.matchAll(/<w:hyperlink w:anchor="(_Toc\d+)"[^>]*><w:r><w:t xml:space="preserve">([^<]*)<\/w:t>/g)];
    expect(entries.map((e) => e[2]).slice(0, 4)).toEqual(['Tillfrågade remissinstanser', 'Översikt', 'Remissinstanserna', 'Botkyrka kommun']);
    expect(entries.length).toBe(31);
    for (const [, anchor] of entries) expect(long).toMatch(new RegExp(`<w:bookmarkStart w:name="${anchor}" w:id="\\d+"/>`));
    // The contents come after the title, before the first section.
    expect(long.indexOf('Innehåll')).toBeGreaterThan(long.indexOf('Heading1'));
    expect(long.indexOf('Innehåll')).toBeLessThan(long.indexOf('Heading2'));
  }, 30_000);

  it('is byte-identical run after run (in one process too), and --check compares the bytes', async () => {
    const dir = tmp();
    const a = join(dir, 'a.docx');
    const b = join(dir, 'b.docx');
    expect((await dialog(['report', 'data/example', '-o', a])).code).toBe(0);
    expect((await dialog(['report', 'data/example', '-o', b], { env: { TZ: 'America/New_York' } })).code).toBe(0);
    expect(readFileSync(b).equals(readFileSync(a))).toBe(true);
    expect((await dialog(['report', 'data/example', '--check', '-o', a])).code).toBe(0);
    const edited = await JSZip.loadAsync(readFileSync(a));
    edited.file('word/document.xml', (await edited.file('word/document.xml')!.async('string')).replace('Tillstyrker', 'Avstyrker'));
    writeFileSync(a, await edited.generateAsync({ type: 'nodebuffer' }));
    const stale = await dialog(['report', 'data/example', '--check', '-o', a]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('a.docx: stale');
  }, 30_000);

  it('the compilation in English: a heading per respondent, no charts, and English page numbers', async () => {
    const file = join(tmp(), 'compilation.docx');
    expect((await dialog(['report', 'data/example', '-t', 'remissammanstallning', '--lang', 'en', '--format', 'docx', '-o', file])).code).toBe(0);
    const doc = await readDocx(file);
    expect(doc.images).toEqual([]);
    expect(doc.headings.filter((h) => h.level === 3).length).toBe(28);
    const footer = await (await JSZip.loadAsync(readFileSync(file))).file('word/footer1.xml')!.async('string');
    expect(footer).toContain('Page ');
  }, 30_000);

  it('pandoc reads it and finds the two pictures (where pandoc is installed)', async (ctx) => {
    if (!which('pandoc')) return ctx.skip('pandoc is not installed');
    const file = join(tmp(), 's.docx');
    expect((await dialog(['report', 'data/example', '-o', file, '-q'])).code).toBe(0);
    const r = spawnSync('pandoc', ['-f', 'docx', '-t', 'json', file], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect((r.stdout.match(/"t":"Image"/g) ?? []).length).toBe(2);
  }, 30_000);

  it('LibreOffice converts it to PDF (where LibreOffice is installed)', async (ctx) => {
    const soffice = which('soffice') || which('libreoffice');
    if (!soffice) return ctx.skip('LibreOffice is not installed');
    const dir = tmp();
    const file = join(dir, 's.docx');
    expect((await dialog(['report', 'data/example', '-o', file, '-q'])).code).toBe(0);
    const r = spawnSync(soffice, [`-env:UserInstallation=file://${join(dir, 'lo')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 's.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  }, 150_000);

  it('keeps hostile text as text: markup, pipes and heading marks are words, not structure', async () => {
    const file = join(tmp(), 'hostile.docx');
    expect((await dialog(['report', HOSTILE, '-t', 'remissammanstallning', '-o', file, '-q'])).code).toBe(0);
    const doc = await readDocx(file);
    expect(doc.headings.map((h) => h.text)).toEqual(['Remissammanställning: Test | med *stjärnor* och _understreck_', 'Översikt', 'Remissinstanserna', '- Listan', 'Kommun | Pipe']);
    expect(doc.html).toContain('&lt;b&gt;fetstil&lt;/b&gt;');
    expect(doc.html).toContain('<td><p>Kommun | Pipe</p></td>');
  }, 30_000);

  it('sizes table columns so that no header breaks inside a word', () => {
    const rows = [
      ['Remissinstans', 'Kategori', 'Datum', 'Dnr', 'Ställningstagande', 'Teman'],
      ['Upplands Väsby', 'K2', '2016-02-19', 'KS/2015:412', 'Tillstyrker med förbehåll', 'Kommunalt självstyre, Demokrati och ansvarsutkrävande'],
    ];
    const widths = columnWidths(rows, 6, 9638);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(9638);
    // 'Ställningstagande' is 17 letters: its column holds them on one line.
    expect(widths[4]).toBeGreaterThanOrEqual(17 * 105);
    expect(widths[5]).toBeGreaterThan(widths[1]);
  });
});

describe('dialog report -o x.html', () => {
  it('is one self-contained file: inline CSS and two SVG charts, nothing fetched, light, dark and print', async () => {
    const file = join(tmp(), 'sammanfattning.html');
    const r = await dialog(['report', 'data/example', '-o', file]);
    expect(r.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="sv">')).toBe(true);
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
    expect((html.match(/class="marks dialog-chart"/g) ?? []).length).toBe(2);
    expect(html).not.toMatch(/\s(src|href|xlink:href)\s*=\s*"(?!#)/i);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).toContain('@media (prefers-color-scheme: dark)');
    expect(html).toContain('@media print');
    expect(html).toContain('<title>Sammanfattning av remissvaren: Regionbildning i Stockholms län</title>');
    expect(html).toContain('<h3>Kommunalt självstyre</h3>');
  });

  it('escapes every piece of input text, in the page and in the charts', async () => {
    const r = await dialog(['report', HOSTILE, '--format', 'html']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/<script>|<b>|<\/b>/);
    expect(r.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Landsting');
    expect(r.stdout).toContain('&lt;b&gt;fetstil&lt;/b&gt;');
    const labels = await dialog(['report', SPREAD, '--codebook', LABELS, '--format', 'html']);
    expect(labels.stdout).not.toContain('<script>');
    expect(labels.stdout).toContain('>Tema #1; med &lt;script&gt;alert(1)&lt;/script&gt;<');
  });

  it('is the same bytes run after run', async () => {
    const a = (await dialog(['report', 'data/example', '--format', 'html'])).stdout;
    const b = (await dialog(['report', 'data/example', '--format', 'html'])).stdout;
    expect(b).toBe(a);
  });
});

describe('Markdown charts', () => {
  it('-o writes the charts as SVG files beside the report, referenced by relative path', async () => {
    const dir = tmp();
    const out = join(dir, 'rapport.md');
    const r = await dialog(['report', 'data/example', '-o', out, '--lang', 'en']);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('](rapport-positions.svg)');
    expect(text).toContain('](rapport-themes.svg)');
    const svg = readFileSync(join(dir, 'rapport-themes.svg'), 'utf8');
    expect(svg).toMatch(/^<svg role="img" aria-label="Number of respondents raising each theme: Municipal self-government 13/);
    // A label longer than a line wraps onto two, every word kept.
    expect(svg).toContain('<tspan>Regional division and the</tspan><tspan x="0" dy="16">Gotland merger</tspan>');
    // The axis runs 0, 5, 10, 15: whole numbers, up to just above the largest bar (13), not to 28 respondents.
    const ticks = [...svg.matchAll(/font-size="12px"[^>]*>(\d+(?:\.\d+)?)<\/text>/g)].map((m) => m[1]);
    expect(ticks).toEqual(['0', '5', '10', '15']);
    expect(r.stderr).toMatch(/wrote .*rapport-themes\.svg/);
  });

  it('a template without charts writes no chart files', async () => {
    const dir = tmp();
    expect((await dialog(['report', 'data/example', '-t', 'remissammanstallning', '-o', join(dir, 'c.md')])).code).toBe(0);
    expect(existsSync(join(dir, 'c-themes.svg'))).toBe(false);
  });
});

describe('--format and the extension', () => {
  it.each([
    [['--format', 'docx'], 'a Word document is binary: give -o <file>.docx'],
    [['--format', 'docx', '-o', 'x.html'], '--format docx does not match the extension of x.html (html)'],
    [['--format', 'md', '-o', 'x.docx'], '--format md does not match the extension of x.docx (docx)'],
    [['--all', '--format', 'html'], '--all takes each format from the extension'],
    [['--format', 'pdf'], 'a PDF is binary: give -o <file>.pdf'],
    [['--format', 'pdf', '-o', 'x.docx'], '--format pdf does not match the extension of x.docx (docx)'],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const r = await dialog(['report', 'data/example', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('an output of another extension is a usage error naming the formats, and writes nothing (real bin)', async () => {
    const dir = tmp();
    for (const name of ['rapport.txt', 'Rapport.TXT', 'rapport.odt']) {
      // The first through the real bin (its exit code), the others in-process.
      const args = ['report', 'data/example', '-o', join(dir, name)];
      const r = name === 'rapport.txt' ? dialogBin(args) : await dialog(args);
      expect(r.code, name).toBe(2);
      expect(r.stderr).toContain('reports are .md (Markdown), .html (one page), .docx (Word) or .pdf');
      expect(existsSync(join(dir, name))).toBe(false);
    }
    expect((await dialog(['report', 'data/example', '-o', join(dir, 'x.pdf'), '--format', 'md'])).code).toBe(2);
    // A PDF is a PDF, whatever the case of its extension.
    expect((await dialog(['report', 'data/example', '-o', join(dir, 'Rapport.PDF'), '-q'])).code).toBe(0);
    expect(readFileSync(join(dir, 'Rapport.PDF')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    rmSync(join(dir, 'Rapport.PDF'));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--format html can print to stdout, and an extension in capitals counts', async () => {
    const dir = tmp();
    const html = await dialog(['report', 'data/example', '--format', 'html', '-o', join(dir, 'r.HTML')]);
    expect(html.code).toBe(0);
    expect(readFileSync(join(dir, 'r.HTML'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });
});

describe('font metrics', () => {
  it('reads advance widths from the TrueType font: narrow i, wide W, Swedish letters, and a wide guess for a missing glyph', async () => {
    const { createRequire } = await import('node:module');
    const { dirname } = await import('node:path');
    const { readFontMetrics } = await import('../src/cli/render/font-metrics.js');
    const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    const font = readFontMetrics(join(dir, 'DejaVuSans.ttf'));
    // DejaVu Sans: 2048 units per em; i advances 569, W 2025, å and a alike 1255.
    expect(font.width('i', 2048)).toBe(569);
    expect(font.width('W', 2048)).toBe(2025);
    expect(font.width('å', 2048)).toBe(font.width('a', 2048));
    expect(font.width('Tillstyrker', 12)).toBeLessThan(0.8 * 11 * 12);
    expect(font.width('\u{1F600}', 10)).toBe(10);
    const bold = readFontMetrics(join(dir, 'DejaVuSans-Bold.ttf'));
    expect(bold.width('Teman', 16)).toBeGreaterThan(font.width('Teman', 16));
  });
});

describe('start-up', () => {
  it('no module imports a rendering library statically: they load when a chart or document is made', () => {
    const heavy = ['vega', 'vega-lite', '@resvg/resvg-js', 'markdown-it', 'docx', 'jszip', 'dejavu-fonts-ttf', 'pdfkit', 'svg-to-pdfkit'];
    const files = readdirSync(join(ROOT, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const code = readFileSync(join(ROOT, 'dist', f), 'utf8');
      for (const m of code.matchAll(/^import\s[^;]*?from\s+['"]([^'"]+)['"]/gm)) expect(heavy, `${f} imports ${m[1]} at start-up`).not.toContain(m[1]);
    }
  });
});
