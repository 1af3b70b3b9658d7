import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_EXTENSIONS } from '../src/cli/files/fsx.js';
import { validator } from '../src/core/schemas.js';
import { dialog, dialogBin, FIXTURES, ROOT, tmp } from './helpers.js';

/**
 * Issue 18, the analyst's own workspace: where dialog finds it (8), what `dialog init` writes and
 * the codebook that belongs to another consultation (9), labels for letters (10), and small
 * mismatches (16). The letters are invented, from Västerbotten.
 */

const UMEA = `respondent: Umeå kommun
date: 2026-03-02
answers:
  - text: >-
      Kommunen tillstyrker planen men ser att kostnaderna för insamlingen ökar. Tidplanen är för
      kort för att hinna upphandla nya fordon.
`;
const SKELLEFTEA = `respondent: Skellefteå kommun
date: 2026-03-04
answers:
  - text: Kommunen avstyrker förslaget om gemensam taxa. Finansieringen är oklar.
`;

/** `dialog init` (in-process; item 9 runs it through the real bin), with two letters in remissvar/. */
async function workspace(): Promise<string> {
  const ws = join(tmp(), 'ws');
  const init = await dialog(['init', ws]);
  expect(init.code, init.stderr).toBe(0);
  writeFileSync(join(ws, 'remissvar', 'umea.yaml'), UMEA);
  writeFileSync(join(ws, 'remissvar', 'skelleftea.yaml'), SKELLEFTEA);
  return ws;
}

describe('the workspace is found from any folder below it (item 8)', () => {
  it('gives byte-identical corpora from the workspace and from its subfolder, and says which workspace (real bin)', async () => {
    const ws = await workspace();
    const sub = join(ws, 'remissvar');
    // The corpus made in-process at the top, and again from the subfolder through the real bin below.
    expect((await dialog(['ingest', '-q'], { cwd: ws })).code).toBe(0);
    const corpus = readFileSync(join(ws, '.dialog', 'corpus.json'), 'utf8');
    expect(JSON.parse(corpus).sources.map((s: { path: string }) => s.path)).toEqual(['remissvar/skelleftea.yaml', 'remissvar/umea.yaml']);

    for (const args of [['ingest'], ['ingest', '.', '--replace'], ['ingest', '../remissvar', '--replace']]) {
      // The first from the subfolder through the real bin, the others in-process.
      const r = args.length === 1 ? dialogBin(args, { cwd: sub }) : await dialog(args, { cwd: sub });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr.split('\n')[0]).toBe('workspace: ../dialog.config.yaml');
      expect(readFileSync(join(ws, '.dialog', 'corpus.json'), 'utf8')).toBe(corpus);
    }
    expect(existsSync(join(sub, '.dialog'))).toBe(false);
    expect((await dialog(['ingest', '-q'], { cwd: sub })).stderr).toBe('');

    // The workspace's own codebook, not the 2016 one; -o is where the user stands.
    const themes = await dialog(['themes', '--format', 'json'], { cwd: sub });
    expect(themes.code, themes.stderr).toBe(0);
    expect(JSON.parse(themes.stdout).overview.themes.map((t: { id: string }) => t.id)).toEqual(['kostnader', 'tidplan']);
    mkdirSync(join(ws, 'anteckningar'));
    const report = await dialog(['report', '-o', 'utkast.md', '-q'], { cwd: join(ws, 'anteckningar') });
    expect(report.code, report.stderr).toBe(0);
    expect(readFileSync(join(ws, 'anteckningar', 'utkast.md'), 'utf8')).toContain('Skellefteå');
    writeFileSync(join(ws, 'anteckningar', 'utkast.md'), 'ändrad\n');
    const check = await dialog(['report', '--check', '-o', 'utkast.md'], { cwd: join(ws, 'anteckningar') });
    expect(check.code).toBe(1);
    // Shown from the workspace root; the command to run, as typed where the user stands.
    expect(check.stderr).toContain('anteckningar/utkast.md: stale; run `dialog report -o utkast.md` to update it');
    expect((await dialog(['report', '-o', 'utkast.md', '-q'], { cwd: join(ws, 'anteckningar') })).code).toBe(0);
    expect(readdirSync(ws).sort()).toEqual(['.dialog', 'anteckningar', 'codebook.yaml', 'dialog.config.yaml', 'register.yaml', 'remiss.yaml', 'remissvar']);
  });

  it('a path option given in a subfolder is read where the user stands', async () => {
    const ws = await workspace();
    writeFileSync(join(ws, 'remissvar', 'egen.yaml'), 'themes:\n  - id: egen\n    label: { sv: Egen }\n    patterns: [{ word: taxa }]\n');
    const r = await dialog(['themes', 'umea.yaml', 'skelleftea.yaml', '--codebook', 'egen.yaml', '--format', 'json'], { cwd: join(ws, 'remissvar') });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).overview.themes).toMatchObject([{ id: 'egen', respondents: ['2482'] }]);
  });

  it('says so outside any workspace, unless -q', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'umea.yaml'), UMEA);
    const r = await dialog(['themes', 'umea.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('notice: no dialog.config.yaml in this folder or above it: not in a workspace');
    expect(r.stderr).toContain('`dialog init` starts a workspace of your own');
    expect((await dialog(['themes', 'umea.yaml', '-q'], { cwd: dir })).stderr).toBe('');
  });
});

describe('dialog init and the codebook of another consultation (item 9)', () => {
  it('writes the consultation, a starter codebook and an empty register, each valid, and no example response (real bin)', async () => {
    const ws = join(tmp(), 'ws');
    const r = dialogBin(['init', ws]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('describe your consultation in');
    const config = readFileSync(join(ws, 'dialog.config.yaml'), 'utf8');
    for (const ext of INPUT_EXTENSIONS) expect(config).toContain(ext);
    const cfg = parse(config);
    expect(cfg).toMatchObject({ inputs: ['remissvar'], consultation: 'remiss.yaml', codebook: 'codebook.yaml', register: 'register.yaml' });
    expect(validator('config')(cfg)).toBe(true);
    // The consultation object itself, at the top level.
    const consultation = parse(readFileSync(join(ws, 'remiss.yaml'), 'utf8'));
    expect(consultation.consultation).toBeUndefined();
    expect(validator('consultation')(consultation)).toBe(true);
    const codebook = parse(readFileSync(join(ws, 'codebook.yaml'), 'utf8'));
    expect(validator('codebook')(codebook)).toBe(true);
    expect(readFileSync(join(ws, 'codebook.yaml'), 'utf8')).toContain('EXAMPLE: replace with a theme of your own');
    const register = parse(readFileSync(join(ws, 'register.yaml'), 'utf8'));
    expect(register.respondents).toEqual([]);
    expect(validator('register')(register)).toBe(true);
    expect(readdirSync(join(ws, 'remissvar'))).toEqual([]);

    const none = await dialog(['ingest'], { cwd: ws });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no response files found here');
    const again = await dialog(['init', ws]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('a workspace is already here; nothing was written');
  });

  it('warns once when the codebook was written for another consultation, naming both and what to do', async () => {
    const ws = await workspace();
    const config = join(ws, 'dialog.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^codebook: .*\n/mu, ''));
    writeFileSync(join(ws, 'remiss.yaml'), 'id: avfallsplan-2026\ntitle: Regional avfallsplan för Västerbotten\n');
    expect((await dialog(['ingest', '-q'], { cwd: ws })).code).toBe(0);
    const warning = 'warning: dialog\'s default codebook was written for the consultation "regionbildning-2016", but this consultation is "avfallsplan-2026"';
    const themes = await dialog(['themes'], { cwd: ws });
    expect(themes.code).toBe(0);
    expect(themes.stderr).toContain(warning);
    expect(themes.stderr).toContain('Start your own with `dialog codebook init`');
    const report = await dialog(['report', '--all'], { cwd: ws });
    expect(report.code, report.stderr).toBe(0);
    expect(report.stderr.split(warning).length - 1).toBe(1);
    expect((await dialog(['themes', '-q'], { cwd: ws })).stderr).toBe('');
    // Its own consultation: no warning.
    expect((await dialog(['report'], { cwd: ROOT })).stderr).not.toContain('was written for the consultation');
  });

  it('dialog codebook init writes a starter for an existing workspace, names it in the config, and never overwrites', async () => {
    const ws = await workspace();
    const config = join(ws, 'dialog.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^codebook: .*\n/mu, ''));
    const taken = await dialog(['codebook', 'init'], { cwd: join(ws, 'remissvar') });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('codebook.yaml: already exists; nothing was written');
    writeFileSync(join(ws, 'codebook.yaml'), '');
    const mine = readFileSync(join(ws, 'codebook.yaml'));
    expect((await dialog(['codebook', 'init'], { cwd: ws })).code).toBe(1);
    expect(readFileSync(join(ws, 'codebook.yaml'))).toEqual(mine);

    mkdirSync(join(ws, 'teman'));
    const r = await dialog(['codebook', 'init', 'teman.yaml'], { cwd: join(ws, 'teman') });
    expect(r.code, r.stderr).toBe(0);
    expect(validator('codebook')(parse(readFileSync(join(ws, 'teman', 'teman.yaml'), 'utf8')))).toBe(true);
    const text = readFileSync(config, 'utf8');
    expect(parse(text).codebook).toBe('teman/teman.yaml');
    expect(text.startsWith('# A dialog workspace')).toBe(true); // its comments stay
    const themes = await dialog(['themes', '--format', 'json'], { cwd: ws });
    expect(JSON.parse(themes.stdout).overview.themes.map((t: { id: string }) => t.id)).toEqual(['kostnader', 'tidplan']);
  });
});

describe('labels for answers in letters (item 10)', () => {
  /** A workspace of a PDF and a Word letter, read with dialog's example codebook and register. */
  async function letters(): Promise<string> {
    const ws = await workspace();
    for (const f of ['umea.yaml', 'skelleftea.yaml']) rmSync(join(ws, 'remissvar', f));
    for (const f of ['nacka-yttrande.pdf', 'vaxholm-yttrande.docx']) cpSync(join(FIXTURES, 'documents', 'svar', f), join(ws, 'remissvar', f));
    const config = join(ws, 'dialog.config.yaml');
    writeFileSync(
      config,
      readFileSync(config, 'utf8')
        .replace(/^codebook: .*$/mu, `codebook: ${join(ROOT, 'data', 'codebook.yaml')}`)
        .replace(/^register: .*$/mu, `register: ${join(ROOT, 'data', 'example', 'register.yaml')}`),
    );
    const r = await dialog(['ingest', '-q'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    return ws;
  }

  it('a template to fill, read by --eval from --labels or the config; without labels, the advice names them (real bin)', async () => {
    const ws = await letters();
    const corpus = JSON.parse(readFileSync(join(ws, '.dialog', 'corpus.json'), 'utf8'));
    const ids: string[] = corpus.responses.flatMap((r: { answers: { id: string }[] }) => r.answers.map((a) => a.id));
    const none = await dialog(['themes', '--eval'], { cwd: ws });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no labelled answers: give a labels file (--labels labels.csv');

    const template = dialogBin(['labels', 'template'], { cwd: join(ws, 'remissvar') });
    expect(template.code, template.stderr).toBe(0);
    const rows = template.stdout.trim().split('\n');
    expect(rows[0]).toBe('answer,respondent,question,themes,text');
    expect(rows.slice(1).map((row) => row.split(',')[0])).toEqual(ids);
    // Two answers labelled (one of them "no theme"); the rest left empty, so not labelled.
    const filled = [rows[0], ...rows.slice(1).map((row, i) => (i === 0 ? row.replace(/^([^,]+,[^,]*,[^,]*,)/u, '$1self-government') : i === 1 ? row.replace(/^([^,]+,[^,]*,[^,]*,)/u, '$1-') : row))];
    writeFileSync(join(ws, 'labels.csv'), filled.join('\n') + '\n');
    const evaluated = await dialog(['themes', '--eval', '--labels', '../labels.csv', '--format', 'json'], { cwd: join(ws, 'remissvar') });
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(JSON.parse(evaluated.stdout).answers).toBe(2);
    const config = join(ws, 'dialog.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8') + 'labels: labels.csv\n');
    expect((await dialog(['themes', '--eval', '--format', 'json'], { cwd: ws })).stdout).toBe(evaluated.stdout);
    expect((await dialog(['themes', '--labels', 'labels.csv'], { cwd: ws })).code).toBe(2);
    // codebook suggest mines the same labels.
    expect((await dialog(['codebook', 'suggest', '--format', 'json'], { cwd: ws })).code).toBe(0);
    expect((await dialog(['codebook', 'suggest', '--labels', 'nosuch.csv'], { cwd: ws })).stderr).toContain('nosuch.csv: no such labels file');
  });

  it('reads the Excel variant of the template, and the CSV of dialog themes as labels', async () => {
    const ws = await letters();
    const excel = await dialog(['labels', 'template', '--excel'], { cwd: ws });
    expect(excel.stdout.startsWith('\uFEFFanswer;respondent;question;themes;text\n')).toBe(true);
    const rows = excel.stdout.trim().split('\n');
    writeFileSync(join(ws, 'etiketter.csv'), [rows[0], rows[1].replace(/^([^;]+;[^;]*;[^;]*;)/u, '$1ksl-role, self-government')].join('\r\n'));
    const one = await dialog(['themes', '--eval', '--labels', 'etiketter.csv', '--format', 'json'], { cwd: ws });
    expect(one.code, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ answers: 1, themes: { 'ksl-role': { support: 1 }, 'self-government': { support: 1 } } });
    // dialog's own themes as labels: every theme it gave is right, by construction.
    writeFileSync(join(ws, 'teman.csv'), (await dialog(['themes', '--format', 'csv', '--no-write'], { cwd: ws })).stdout);
    const own = await dialog(['themes', '--eval', '--labels', 'teman.csv', '--format', 'json'], { cwd: ws });
    expect(own.code, own.stderr).toBe(0);
    expect(JSON.parse(own.stdout).micro).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('unknown answers and themes are errors at their line, with the nearest id, all at once', async () => {
    const ws = await letters();
    const corpus = JSON.parse(readFileSync(join(ws, '.dialog', 'corpus.json'), 'utf8'));
    const first: string = corpus.responses[0].answers[0].id;
    const second: string = corpus.responses[0].answers[1].id;
    const typo = first.slice(0, 2) + (first[2] === 'a' ? 'b' : 'a') + first.slice(3);
    writeFileSync(join(ws, 'labels.csv'), `answer;themes\n${first};self-govenment ksl-role\n${typo};-\na-000000000000;ksl-role\nr-12;ksl-role\n`);
    const r = await dialog(['themes', '--eval', '--labels', 'labels.csv'], { cwd: ws });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('labels.csv:2:');
    expect(r.stderr).toContain('no theme "self-govenment" in the codebook (did you mean "self-government"?)');
    expect(r.stderr).toContain(`labels.csv:3:1: no answer ${typo} in the corpus (did you mean "${first}"?)`);
    expect(r.stderr).toMatch(/labels\.csv:4:1: no answer a-000000000000 in the corpus[;(]/u);
    expect(r.stderr).toContain('labels.csv:5:1: "r-12" is not an answer id');

    writeFileSync(join(ws, 'labels.yaml'), `labels:\n  - answer: ${first}\n    themes: [ksl-role]\n  - answer: ${first}\n    themes: [self-governmnt]\n`);
    const y = await dialog(['themes', '--eval', '--labels', 'labels.yaml'], { cwd: ws });
    expect(y.code).toBe(1);
    expect(y.stderr).toContain(`labels.yaml:4:13: answer ${first} is labelled twice (first on line 2)`);
    expect(y.stderr).toContain('labels.yaml:5:14: no theme "self-governmnt" in the codebook (did you mean "self-government"?)');
    writeFileSync(join(ws, 'labels.yaml'), `labels:\n  - answer: ${first}\n    themes: [ksl-role]\n  - answer: ${second}\n    themes: []\n`);
    const ok = await dialog(['themes', '--eval', '--labels', 'labels.yaml', '--format', 'json'], { cwd: ws });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).answers).toBe(2);
  });
});

describe('small mismatches (item 16)', () => {
  it('counts positions inferred from the text per respondent, as the table does (real bin)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'umea.yaml'), 'responses:\n  - respondent: Umeå kommun\n    answers: [{ text: Kommunen tillstyrker planen. }]\n  - respondent: Umeå kommun\n    answers: [{ text: Kommunen tillstyrker även tillägget. }]\n');
    writeFileSync(join(dir, 'skelleftea.yaml'), SKELLEFTEA);
    writeFileSync(join(dir, 'lycksele.yaml'), 'respondent: Lycksele kommun\nanswers: [{ text: Kommunen har inga synpunkter. }]\n');
    const r = dialogBin(['themes', '.', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('from 3 respondents');
    expect(r.stdout).toContain('(3 inferred from the text)');
  });

  it('--explain takes a part of a name that names one respondent, and lists the candidates of an ambiguous one', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'svar.yaml'),
      ['Region Halland', 'Upplands Väsby kommun', 'Upplands-Bro kommun'].map((n) => `  - respondent: ${n}\n    answers: [{ text: Det kommunala självstyret ska värnas. }]\n`).join('').replace(/^/u, 'responses:\n'),
    );
    const one = await dialog(['themes', 'svar.yaml', '--explain', 'Halland', '--format', 'json', '-q'], { cwd: dir });
    expect(one.code, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout).map((e: { respondent_name: string }) => e.respondent_name)).toEqual(['Region Halland']);
    const two = await dialog(['themes', 'svar.yaml', '--explain', 'upplands', '-q'], { cwd: dir });
    expect(two.code).toBe(1);
    expect(two.stderr).toContain('upplands: names 2 respondents: Upplands Väsby kommun; Upplands-Bro kommun; give more of the name, or an id');
    expect((await dialog(['themes', 'svar.yaml', '--explain', 'Småland', '-q'], { cwd: dir })).code).toBe(1);
  });
});

describe('install from a clone (item 15)', () => {
  it('builds under npm install -g: TypeScript is a dependency, and docx takes nanoid 5 (Node 20)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    // prepare builds: tsc, then the validators compiled ahead from schemas/.
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(pkg.scripts.build).toMatch(/^tsc\b.*&& node dist\/build\/compile-schemas\.js$/u);
    expect(pkg.dependencies.typescript).toBeDefined();
    expect(pkg.devDependencies.typescript).toBeUndefined();
    expect(pkg.overrides.docx.nanoid).toMatch(/^\^5\./u);
  });
});
