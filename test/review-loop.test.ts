import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { binCpuSeconds, dialog, dialogBin, FIXTURES, tmp, tenThousandAnswerWorkspace } from './helpers.js';

const WORKSPACE = join(FIXTURES, 'review', 'workspace');

/** The exported workbook's rows, as Excel would show them. */
async function readWorkbook(path: string): Promise<string[][]> {
  const { default: readXlsxFile } = await import('read-excel-file/node');
  const rows = ((await readXlsxFile(path)) as unknown as { data: unknown[][] }[])[0].data;
  return rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
}

/** A filled-in workbook written the way a spreadsheet saves one: every cell a text. */
async function writeWorkbook(path: string, rows: string[][]): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  await writeXlsxFile(rows.map((r) => r.map((value) => ({ value, type: String }))), { sheet: 'Granskning' }).toFile(path);
}

describe('the review loop through the real bin (issue 20)', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('ingest → themes → export → fill in → import → report → an input changes → the orphan fails --check', async () => {
    dir = tmp();
    cpSync(WORKSPACE, dir, { recursive: true });
    // The loop's own steps (export, import, the failing --check) through the real bin; the steps
    // other tests cover (ingest, themes, report) in-process.
    const run = (...args: string[]) => dialogBin(args, { cwd: dir });
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    expect((await dialog(['themes', '-q'], { cwd: dir })).code).toBe(0);

    const exported = run('review', 'export', '-o', 'granskning.xlsx');
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain('wrote granskning.xlsx: 8 answers to review');
    const rows = await readWorkbook(join(dir, 'granskning.xlsx'));
    const header = rows[0];
    expect(header).toEqual(['answer', 'response', 'respondent', 'question', 'text', 'machine_themes', 'evidence', 'uncertain', 'machine_stance', 'reviewed', 'themes', 'stance', 'note', 'reviewer']);
    const col = (name: string) => header.indexOf(name);
    const row = (start: string) => rows.find((r) => r[col('text')].startsWith(start))!;
    // The machine's doubt comes first: a single cue that only just reaches its threshold.
    expect(rows[1][col('uncertain')]).toMatch(/just reaches the threshold 2/u);
    expect(rows.at(-1)![col('text')]).toBe('Timrå kommun har inga synpunkter på förslaget.');
    expect(row('Kommunen har själv finansierat')[col('machine_themes')]).toBe('finansiering');

    // The official's reading: a sports hall is not the plan's financing; new lines are traffic too;
    // school transport costs are a financing matter; Kramfors's tags are right and it opposes;
    // Sollefteå, which stated no position, supports the plan.
    row('Kommunen har själv finansierat')[col('themes')] = '-';
    row('Kommunen har själv finansierat')[col('note')] = 'gäller en idrottshall, inte planen';
    row('Kommunen vill att regionen')[col('themes')] = 'finansiering kollektivtrafik';
    row('Kommunen tillstyrker förslaget. Kostnaderna')[col('themes')] = 'finansiering';
    row('Kramfors kommun avstyrker')[col('themes')] = 'ok';
    row('Kramfors kommun avstyrker')[col('stance')] = 'avstyrker';
    row('Kommunen ser positivt')[col('stance')] = 'tillstyrker';
    await writeWorkbook(join(dir, 'granskning.xlsx'), rows);

    const imported = run('review', 'import', 'granskning.xlsx', '--reviewer', 'Anna Berg', '--date', '2027-03-05');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('merged into review.yaml: 6 new decisions, 0 replaced (4 on themes, 2 on positions; 3 rows left undecided)');
    const review = readFileSync(join(dir, 'review.yaml'), 'utf8');
    expect(review).toContain('    name: Sollefteå kommun\n    text: Kommunen har själv finansierat en ny idrottshall i centralorten.\n    remove: [finansiering]\n    reviewer: Anna Berg\n    date: 2027-03-05\n    note: gäller en idrottshall, inte planen\n');

    const report = await dialog(['report', '--all'], { cwd: dir });
    expect(report.code, report.stderr).toBe(0);
    const summary = readFileSync(join(dir, 'rapporter', 'sammanfattning.md'), 'utf8');
    expect(summary).toContain('Teman har satts med kodboken och granskats: 8 taggningar, varav 5 granskade av en person; 3 ändrade vid granskningen (2 tillagda, 1 borttagen). 2 ställningstaganden har granskats, varav 1 ändrat.');
    expect(summary).toMatch(/\| Finansiering \| 2 \| 40 % \| 2 \|/u);
    const compilation = readFileSync(join(dir, 'rapporter', 'remissammanstallning.md'), 'utf8');
    const section = (name: string) => compilation.slice(compilation.indexOf(`### ${name}`), compilation.indexOf('###', compilation.indexOf(`### ${name}`) + 4));
    expect(section('Sollefteå kommun')).not.toContain('Finansiering');
    // A theme a person added is quoted from the sentence the codebook found most for it.
    expect(section('Härnösands kommun')).toContain('”Kostnaderna för skolskjutsar bör redovisas separat.”');
    expect(section('Sollefteå kommun')).toContain('- Ställningstagande: Tillstyrker\n');

    const json = JSON.parse((await dialog(['themes', '--format', 'json', '-q'], { cwd: dir })).stdout) as { answers: { answer: string; themes: { id: string; origin: string }[]; removed?: { id: string; origin: string }[] }[] };
    const hall = json.answers.find((a) => a.removed)!;
    expect(hall).toMatchObject({ themes: [], removed: [{ id: 'finansiering', origin: 'review' }] });
    expect(json.answers.flatMap((a) => a.themes.filter((t) => t.origin === 'review').map((t) => t.id)).sort()).toEqual(['finansiering', 'finansiering', 'kollektivtrafik', 'kollektivtrafik', 'landsbygd']);
    const explained = await dialog(['themes', '--explain', hall.answer, '-q'], { cwd: dir });
    expect(explained.stdout).toContain('review  removed finansiering (Anna Berg, 2027-03-05: gäller en idrottshall, inte planen); this wins over the codebook');
    expect((await dialog(['report', '--all', '--check', '-q'], { cwd: dir })).code).toBe(0);

    // Sollefteå sends a corrected letter: the decided answer's text changes.
    const inputs = join(dir, 'svar', 'svar.yaml');
    writeFileSync(inputs, readFileSync(inputs, 'utf8').replace('en ny idrottshall i centralorten', 'en ny idrottshall och en simhall i centralorten'));
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    const check = run('report', '--all', '--check', '-q');
    expect(check.code).toBe(1);
    const line = review.split('\n').findIndex((l) => l.includes('Kommunen har själv finansierat')) - 3 + 1;
    expect(check.stderr).toMatch(new RegExp(`^review\\.yaml:${line}:5: warning: answer a-[0-9a-f]{12} \\(Sollefteå kommun: «Kommunen har själv finansierat.*»\\) is no longer in the corpus, so this decision is not applied: its text changed; Sollefteå kommun's nearest answer now is a-[0-9a-f]{12} \\(\\d+ % of the words alike\\)`, 'mu'));
    // Its response's text changed too, so the position set on it is an orphan as well.
    expect(check.stderr).toMatch(/^review\.yaml:\d+:5: warning: response r-[0-9a-f]{10} \(Sollefteå kommun\) is no longer in the corpus, so this decision is not applied: the text of Sollefteå kommun's response changed \(it is now r-[0-9a-f]{10}\)/mu);
    expect(check.stderr).toContain('2 decisions of review.yaml found no answer or response in the corpus (above), so the reports leave them out; --check fails until each is moved to its answer or removed');
    // Never applied to the new text: the hall answer is the machine's again.
    const after = JSON.parse((await dialog(['themes', '--format', 'json', '-q'], { cwd: dir })).stdout) as typeof json;
    expect(after.answers.some((a) => a.removed)).toBe(false);
  });
});

describe('review commands: usage and input errors', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('import needs a review file in the config (exit 2); a broken sheet changes nothing (exit 1)', async () => {
    dir = tmp();
    cpSync(WORKSPACE, dir, { recursive: true });
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'g.csv'), 'answer;themes;reviewer\na-000000000000;ok;Anna\n');
    const broken = await dialog(['review', 'import', 'g.csv'], { cwd: dir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('g.csv:2:1: no answer a-000000000000 in the corpus');
    expect(existsSync(join(dir, 'review.yaml'))).toBe(false);
    writeFileSync(join(dir, 'dialog.config.yaml'), readFileSync(join(dir, 'dialog.config.yaml'), 'utf8').replace('review: review.yaml\n', ''));
    const none = await dialog(['review', 'import', 'g.csv'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('this workspace keeps no review file: add `review: review.yaml` to dialog.config.yaml');
    expect((await dialog(['review', 'export', '--theme', 'kollektivtrafk'], { cwd: dir })).stderr).toContain('no theme "kollektivtrafk" in the codebook (did you mean "kollektivtrafik"?)');
    expect((await dialog(['review', 'export', '-o', 'g.pdf'], { cwd: dir })).code).toBe(2);
    expect((await dialog(['review', 'import', 'g.csv', '--date', '5 mars'], { cwd: dir })).code).toBe(2);
  });

  it('export narrows and orders the sheet: --respondent, --theme, --sort, --limit', async () => {
    dir = tmp();
    cpSync(WORKSPACE, dir, { recursive: true });
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    const column = async (args: string[], name: string) => {
      const r = await dialog(['review', 'export', '-q', ...args], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stdout.trimEnd().split('\n');
      const at = lines[0].split(',').indexOf(name);
      return lines.slice(1).map((l) => l.split(',')[at]);
    };
    expect(await column(['--respondent', 'Kramfors'], 'respondent')).toEqual(['Kramfors kommun']);
    expect(new Set(await column(['--theme', 'landsbygd'], 'respondent'))).toEqual(new Set(['Härnösands kommun', 'Kramfors kommun']));
    const names = await column(['--sort', 'respondent'], 'respondent');
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'sv')));
    expect(await column(['--limit', '2'], 'answer')).toHaveLength(2);
    const missing = await dialog(['review', 'export', '--respondent', 'Gävle'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no respondent with this id or name in the corpus');
  });

  it('a broken review file stops the report at its line', async () => {
    dir = tmp();
    cpSync(WORKSPACE, dir, { recursive: true });
    writeFileSync(join(dir, 'review.yaml'), 'decisions:\n  - answer: a-0123456789ab\n    add: [trafik]\n    reviewer: Anna\n    date: 2027-03-05\n');
    const r = await dialog(['report', '-q'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('review.yaml:3:11: no theme "trafik" in the codebook');
  });

  it('decisions on the workspace codebook are not applied with another --codebook, and the run says so', async () => {
    dir = tmp();
    cpSync(WORKSPACE, dir, { recursive: true });
    writeFileSync(join(dir, 'review.yaml'), 'decisions:\n  - answer: a-0123456789ab\n    add: [landsbygd]\n    reviewer: Anna\n    date: 2027-03-05\n');
    writeFileSync(join(dir, 'annan.yaml'), 'version: 1\nthemes:\n  - id: skola\n    label: { sv: Skola }\n    patterns: [{ glob: "skol*", weight: 2 }]\n');
    const r = await dialog(['report', '--codebook', 'annan.yaml'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('review.yaml: notice: the decisions in this review file are on the themes of teman.yaml, so they are not applied with --codebook annan.yaml');
    expect(r.stdout).toContain('och har inte granskats av en person');
  });

  it('the sheet keeps a text that looks like a formula as text, in CSV and in XLSX', async () => {
    dir = tmp();
    cpSync(WORKSPACE, dir, { recursive: true });
    writeFileSync(join(dir, 'svar', 'svar.yaml'), 'responses:\n  - respondent: Timrå kommun\n    answers:\n      - text: "=HYPERLINK(\\"http://x.invalid\\";\\"busstrafiken\\")"\n');
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    const csv = await dialog(['review', 'export', '--excel', '-q'], { cwd: dir });
    expect(csv.stdout).toContain(`;"'=HYPERLINK(`);
    expect((await dialog(['review', 'export', '-o', 'g.xlsx', '-q'], { cwd: dir })).code).toBe(0);
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(readFileSync(join(dir, 'g.xlsx')));
    const sheet = await zip.file(/worksheets\/sheet1\.xml$/u)[0].async('string');
    expect(sheet).not.toMatch(/<f>/u);
    expect((await readWorkbook(join(dir, 'g.xlsx')))[1][4]).toBe('=HYPERLINK("http://x.invalid";"busstrafiken")');
  });
});

describe('review export and import at 10 000 answers', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('each take under 5 s through the real bin', async () => {
    dir = await tenThousandAnswerWorkspace();
    const exported = binCpuSeconds(['review', 'export', '-o', 'g.csv', '-q'], dir);
    expect(exported.code, exported.stderr).toBe(0);
    const lines = readFileSync(join(dir, 'g.csv'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(10_001);
    // Every answer decided: the machine's themes confirmed.
    writeFileSync(join(dir, 'g.csv'), [lines[0], ...lines.slice(1).map((l) => l.replace(/,,,,$/u, ',ok,,,Anna'))].join('\n'));
    const imported = binCpuSeconds(['review', 'import', 'g.csv', '--date', '2027-03-05', '-q'], dir);
    expect(imported.code, imported.stderr).toBe(0);
    expect(readFileSync(join(dir, 'review.yaml'), 'utf8').match(/^ {2}- answer: /gmu)).toHaveLength(10_000);
    // The sheet as XLSX, with the 10 000 decisions shown (bench/README.md also times an import into a full file).
    const xlsx = binCpuSeconds(['review', 'export', '--all', '-o', 'g.xlsx', '-q'], dir);
    expect(xlsx.code, xlsx.stderr).toBe(0);
    const figures = { export: exported.seconds, exportXlsx: xlsx.seconds, import: imported.seconds };
    console.log(`review at 10 000 answers, CPU seconds: ${JSON.stringify(figures)}`);
    for (const [what, seconds] of Object.entries(figures)) expect(seconds, what).toBeLessThan(5);
  }, 120_000);
});
