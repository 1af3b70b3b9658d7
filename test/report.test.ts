import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dialog, FIXTURES, golden, ROOT, tmp } from './helpers.js';

const REPORTS = join(ROOT, 'reports');
const HOSTILE = join(FIXTURES, 'report', 'hostile');
const TEMPLATES = join(FIXTURES, 'report', 'templates');

/** markdownlint-cli2 with the repository's config, run in this process (its `main`, as its bin calls it). */
async function markdownlint(files: string[]): Promise<{ code: number; output: string }> {
  const { main } = (await import('markdownlint-cli2')) as { main: (params: { directory: string; argv: string[]; logMessage: (m: string) => void; logError: (m: string) => void }) => Promise<number> };
  const output: string[] = [];
  const log = (m: string) => output.push(m);
  const code = await main({ directory: ROOT, argv: ['--config', join(ROOT, '.markdownlint-cli2.jsonc'), ...files], logMessage: log, logError: log });
  return { code, output: output.join('\n') };
}

const CASES = [
  ['sammanfattning', 'sv', 'sammanfattning.md'],
  ['sammanfattning', 'en', 'summary.en.md'],
  ['remissammanstallning', 'sv', 'remissammanstallning.md'],
  ['remissammanstallning', 'en', 'compilation.en.md'],
] as const;

/** The report as printed on stdout: without the chart images, which need files beside the report. */
const withoutCharts = (markdown: string) => markdown.replace(/^!\[[^\n]*\]\([^)\n]*\.svg\)\n\n/gm, '');

describe('dialog report on the example workspace', () => {
  let dir = '';
  beforeAll(() => {
    dir = tmp();
  });
  it.each(CASES)('%s (%s) matches the committed report and its charts', async (template, lang, file) => {
    // The committed reports under reports/ are the golden files.
    const out = join(dir, file);
    const r = await dialog(['report', 'data/example', '-t', template, '--lang', lang, '-o', out]);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toBe(readFileSync(join(REPORTS, file), 'utf8'));
    const images = [...text.matchAll(/^!\[[^\n]*\]\(([^)]+\.svg)\)$/gm)].map((m) => m[1]);
    expect(images.length).toBe(template === 'sammanfattning' ? 2 : 0);
    for (const svg of images) expect(readFileSync(join(dir, svg), 'utf8')).toBe(readFileSync(join(REPORTS, svg), 'utf8'));
  });

  it('the committed reports pass markdownlint', async () => {
    const lint = await markdownlint(CASES.map(([, , file]) => join(REPORTS, file)));
    expect(lint.output).toContain('0 error(s)');
    expect(lint.code).toBe(0);
  });

  it('printed on stdout, a report is the same without its chart images', async () => {
    const printed = await dialog(['report', 'data/example', '--lang', 'en']);
    expect(printed.stdout).toBe(withoutCharts(readFileSync(join(REPORTS, 'summary.en.md'), 'utf8')));
  });

  it('is deterministic', async () => {
    const a = (await dialog(['report', 'data/example'])).stdout;
    const b = (await dialog(['report', 'data/example'])).stdout;
    expect(a).toBe(b);
  });

  it('says where the data is illustrative, and never attributes a statement to nobody', async () => {
    const text = readFileSync(join(REPORTS, 'sammanfattning.md'), 'utf8');
    expect(text).toContain('illustrativa exempel');
    for (const line of text.split('\n').filter((l) => l.startsWith('- ”'))) expect(line).toMatch(/” \([^)]+\)$/);
  });

  it('quotes statements faithfully from the answers', async () => {
    const corpus = join(tmp(), 'c.json');
    (await dialog(['ingest', 'data/example', '-o', corpus]));
    const texts: string = JSON.parse(readFileSync(corpus, 'utf8'))
      .responses.flatMap((r: { answers: { text: string }[] }) => r.answers.map((a) => a.text.replace(/\s+/g, ' ')))
      .join('\n');
    const text = readFileSync(join(REPORTS, 'sammanfattning.md'), 'utf8');
    const quotes = [...text.matchAll(/^- ”(.+)” \(/gm)].map((m) => m[1].replace(/\\(.)/g, '$1'));
    expect(quotes.length).toBeGreaterThan(10);
    for (const q of quotes) expect(texts).toContain(q);
  });

  it('`dialog report` with no arguments uses the example workspace (the quick start)', async () => {
    const r = (await dialog(['report']));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(withoutCharts(readFileSync(join(REPORTS, 'sammanfattning.md'), 'utf8')));
  });
});

describe('escaping hostile text', () => {
  it('keeps Markdown intact and the words as written (golden, and markdownlint)', async () => {
    const r = (await dialog(['report', HOSTILE]));
    expect(r.code).toBe(0);
    golden(join(FIXTURES, 'report', 'golden', 'hostile.md'), r.stdout);
    expect(r.stdout).not.toMatch(/<script>|<b>/);
    expect(r.stdout).toContain('Kommun \\| Pipe');
    expect(r.stdout).toContain('\\# Det kommunala självstyret ska \\*värnas\\*');
    const compilation = (await dialog(['report', HOSTILE, '-t', 'remissammanstallning']));
    golden(join(FIXTURES, 'report', 'golden', 'hostile-compilation.md'), compilation.stdout);
    const dir = tmp();
    writeFileSync(join(dir, 'a.md'), r.stdout);
    writeFileSync(join(dir, 'b.md'), compilation.stdout);
    const lint = await markdownlint([join(dir, 'a.md'), join(dir, 'b.md')]);
    expect(lint.output).toContain('0 error(s)');
  });
});

describe('output, --check and templates', () => {
  it('-o writes atomically; --check is 0 when current and 1 with a diff when stale', async () => {
    const dir = tmp();
    const out = join(dir, 'rapport.md');
    expect((await dialog(['report', 'data/example', '-o', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(REPORTS, 'sammanfattning.md'), 'utf8').replaceAll('](sammanfattning-', '](rapport-'));
    const ok = (await dialog(['report', 'data/example', '--check', '-o', out]));
    expect(ok.code).toBe(0);
    writeFileSync(out, readFileSync(out, 'utf8').replace('Tillstyrker', 'Avstyrker'));
    const stale = (await dialog(['report', 'data/example', '--check', '-o', out]));
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('stale');
    expect(stale.stderr).toMatch(/^-\d+: .*Avstyrker/m);
    expect(stale.stderr).toMatch(/^\+\d+: .*Tillstyrker/m);
  });

  it('--all --check verifies every report listed in dialog.config.yaml', async () => {
    const r = (await dialog(['report', '--all', '--check']));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('reports/summary.en.md: current');
  });

  it('--check without -o is a usage error', async () => {
    expect((await dialog(['report', '--check'])).code).toBe(2);
  });

  it('renders a template file given with --template', async () => {
    const r = (await dialog(['report', 'data/example', '-t', join(TEMPLATES, 'custom.md.hbs')]));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- Kommunalt självstyre: 13');
  });

  it('an unknown template name (exit 2), a missing file, a syntax error and an unknown field are reported', async () => {
    const unknownName = await dialog(['report', 'data/example', '-t', 'nosuch']);
    expect(unknownName.code).toBe(2);
    expect(unknownName.stderr).toContain('no template named "nosuch" (templates: sammanfattning, remissammanstallning');
    const missing = await dialog(['report', 'data/example', '-t', 'mallar/nosuch.md.hbs']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('mallar/nosuch.md.hbs: no such template file; check the path');
    const syntax = (await dialog(['report', 'data/example', '-t', join(TEMPLATES, 'syntax-error.md.hbs')]));
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toMatch(/syntax-error\.md\.hbs:4:\d+: template syntax error: a tag is not closed/);
    const unknown = (await dialog(['report', 'data/example', '-t', join(TEMPLATES, 'unknown-field.md.hbs')]));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown-field\.md\.hbs:3:\d+: the template uses "nonexistent", which is not a report field/);
  });

  it('uses templates named in dialog.config.yaml', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'in'));
    copyFileSync(join(HOSTILE, 'svar.yaml'), join(dir, 'in', 'svar.yaml'));
    copyFileSync(join(TEMPLATES, 'custom.md.hbs'), join(dir, 'egen.md.hbs'));
    writeFileSync(join(dir, 'dialog.config.yaml'), 'inputs: [in]\ntemplates:\n  egen: egen.md.hbs\n');
    const r = (await dialog(['report', '-t', 'egen'], { cwd: dir }));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- Kommunalt självstyre: 1');
  });
});

describe('worker threads', () => {
  it('give the same reports and results as one thread', async () => {
    const dir = tmp();
    const corpus = join(dir, 'corpus.json');
    expect((await dialog(['ingest', 'data/example', '-o', corpus])).code).toBe(0);
    const one = (await dialog(['report', '--corpus', corpus, '-t', 'remissammanstallning'], { env: { DIALOG_WORKERS: '0' } }));
    const two = (await dialog(['report', '--corpus', corpus, '-t', 'remissammanstallning'], { env: { DIALOG_WORKERS: '2' } }));
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const csvOne = (await dialog(['themes', '--corpus', corpus, '--format', 'csv'], { env: { DIALOG_WORKERS: '0' } }));
    const resultsOne = readFileSync(join(dir, 'themes.json'), 'utf8');
    const csvTwo = (await dialog(['themes', '--corpus', corpus, '--format', 'csv'], { env: { DIALOG_WORKERS: '3' } }));
    expect(csvTwo.stdout).toBe(csvOne.stdout);
    expect(readFileSync(join(dir, 'themes.json'), 'utf8')).toBe(resultsOne);
  });

  it('read a corpus file as bytes: lines across read chunks, CRLF line ends, the same results', async () => {
    const dir = tmp();
    const long = join(dir, 'lang.yaml');
    // An answer of 2.1 MB, past 2 MiB: its line in the corpus spans three of the reader's 1 MiB chunks.
    // One sentence with a theme's cue, then a run of 'å' (two bytes each, so a chunk boundary may
    // fall inside a letter): the same bytes across chunks as 33 000 sentences, at a fraction of
    // the classifier's work (the sentences made this the suite's slowest test).
    const text = `Det kommunala självstyret måste värnas när regionen bildas. ${'å'.repeat(1_100_000)}`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * (1 << 20));
    writeFileSync(long, `respondent: Nacka kommun\nanswers:\n  - question: q1\n    text: "${text}"\n`);
    const corpus = join(dir, 'corpus.json');
    expect((await dialog(['ingest', 'data/example', long, '-o', corpus])).code).toBe(0);
    const crlf = join(dir, 'crlf', 'corpus.json');
    mkdirSync(join(dir, 'crlf'));
    writeFileSync(crlf, readFileSync(corpus, 'utf8').replace(/\n/g, '\r\n'));
    copyFileSync(join(dir, '.corpus.json.stamp'), join(dir, 'crlf', '.corpus.json.stamp'));
    const runs = [];
    // One worker: the 29 responses are one batch, which goes to the first worker however many there
    // are, so a second would only start and wait (pools of two and three: the test above).
    for (const file of [corpus, crlf])
      for (const workers of ['0', '1']) {
        const env = { DIALOG_WORKERS: workers };
        runs.push([(await dialog(['report', '--corpus', file], { env })).stdout, (await dialog(['themes', '--corpus', file, '--format', 'json'], { env })).stdout]);
      }
    expect(runs[0][0]).toContain('Nacka');
    for (const run of runs.slice(1)) expect(run).toEqual(runs[0]);
  });
});
