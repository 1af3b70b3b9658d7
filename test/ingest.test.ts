import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialog, FIXTURES, ROOT, tmp } from './helpers.js';

const OK = join(FIXTURES, 'ingest-ok');
const readCorpus = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

describe('dialog ingest reads the input formats', () => {
  it('reads a Windows-1252 CSV from Swedish Excel with a notice, without mojibake', async () => {
    const out = join(tmp(), 'c.json');
    const r = (await dialog(['ingest', join(OK, 'windows-1252'), '-o', out]));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/svar\.csv:1:1: notice: the file is not UTF-8; read it as Windows-1252/);
    const c = readCorpus(out);
    expect(c.sources[0].encoding).toBe('windows-1252');
    const sodertalje = c.responses.find((x: { respondent: string }) => x.respondent === '0181');
    expect(sodertalje.answers[0].text).toBe('Kommunen värnar det kommunala självstyret; så är det.');
    expect(sodertalje.date).toBe('2016-03-14');
    expect(sodertalje.stance).toBe('conditional');
    expect(sodertalje.stanceText).toBe('Tillstyrker med förbehåll');
    expect(sodertalje.answers[0].themes).toEqual(['self-government']);
    const osteraker = c.responses.find((x: { respondent: string }) => x.respondent === '0117');
    expect(osteraker.stance).toBe('no-opinion');
    expect(osteraker.answers[0].themes).toEqual([]);
    expect(readFileSync(out, 'utf8')).not.toMatch(/Ã|Â/);
  });

  it('detects tabs, joins rows of one respondent whatever the name form, keeps quotes in text', async () => {
    const out = join(tmp(), 'c.json');
    const r = (await dialog(['ingest', join(OK, 'tab-separated'), '-o', out]));
    expect(r.code).toBe(0);
    const c = readCorpus(out);
    expect(c.responses).toHaveLength(1);
    expect(c.responses[0].respondent).toBe('0126');
    expect(c.responses[0].answers.map((a: { question: string }) => a.question)).toEqual(['q1', 'q2']);
    expect(c.responses[0].answers[0].text).toBe('Svar med "citat" i texten.');
  });

  it('accepts a UTF-8 BOM, commas, multi-line quoted text and theme lists split by |', async () => {
    const out = join(tmp(), 'c.json');
    const r = (await dialog(['ingest', join(OK, 'comma-bom-multiline'), '-o', out]));
    expect(r.code).toBe(0);
    // SKL is in the register (as SKR, its name since 2019), not left as an unknown respondent.
    expect(r.stderr).not.toContain('Sveriges Kommuner och Landsting" is not in the register');
    const c = readCorpus(out);
    expect(c.responses.map((x: { respondent: string }) => x.respondent)).toContain('skr');
    const bro = c.responses.find((x: { respondent: string }) => x.respondent === '0139');
    expect(bro.answers[0].text).toBe('Första raden,\nandra raden.');
    expect(bro.answers[0].themes).toEqual(['ksl-role', 'gotland-merger']);
    expect(bro.stance).toBe('support');
  });

  it('reads a consultation file, a single response and a list, with warnings for unknown respondents and questions', async () => {
    const out = join(tmp(), 'c.json');
    const r = (await dialog(['ingest', join(OK, 'yaml-forms'), '-o', out, '--format', 'json']));
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ files: 3, responses: 2, answers: 2, respondents: 2, unknownRespondents: 1, warnings: 2 });
    expect(r.stderr).toMatch(/list\.yml:4:9: warning: question "q9" is not one of the consultation's questions/);
    const c = readCorpus(out);
    expect(c.consultation.id).toBe('test-remiss');
    const gotland = c.responses.find((x: { respondent: string }) => x.respondent === '0980');
    expect(gotland.stance).toBe('conditional');
    expect(gotland.reservations).toEqual([{ parties: ['M'], text: 'Moderaterna reserverar sig.' }]);
    expect(c.respondents.find((p: { id: string }) => p.id === 'trafikverket').type).toBe('myndighet');
  });

  it('--quiet hides warnings and notices but not the summary', async () => {
    const r = (await dialog(['ingest', join(OK, 'windows-1252'), '--dry-run', '-q']));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Validated 1 file');
  });
});

describe('the corpus', () => {
  it('is deterministic: the same inputs give byte-identical corpora', async () => {
    const a = join(tmp(), 'a.json');
    const b = join(tmp(), 'b.json');
    expect((await dialog(['ingest', 'data/example', '-o', a])).code).toBe(0);
    expect((await dialog(['ingest', 'data/example', '-o', b])).code).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    const c = readCorpus(a);
    expect(c.responses.length).toBeGreaterThanOrEqual(20);
    expect(c.consultation.illustrative).toBe(true);
  });

  it('is idempotent: ingesting the same file twice duplicates nothing; a changed file replaces its earlier version', async () => {
    const dir = tmp();
    const out = join(dir, 'c.json');
    const file = join(dir, 'svar.yaml');
    writeFileSync(file, 'respondent: Nacka kommun\nanswers:\n  - text: Första versionen.\n');
    expect((await dialog(['ingest', file, '-o', out])).code).toBe(0);
    const first = readFileSync(out, 'utf8');
    expect((await dialog(['ingest', file, '-o', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(first);
    writeFileSync(file, 'respondent: Nacka kommun\nanswers:\n  - text: Andra versionen.\n');
    expect((await dialog(['ingest', file, '-o', out])).code).toBe(0);
    const c = readCorpus(out);
    expect(c.responses).toHaveLength(1);
    expect(c.responses[0].answers[0].text).toBe('Andra versionen.');
    expect(c.sources).toHaveLength(1);
  });

  it('keeps other files when one is re-ingested, and --replace starts afresh', async () => {
    const dir = tmp();
    const out = join(dir, 'c.json');
    writeFileSync(join(dir, 'a.yaml'), 'respondent: Nacka\nanswers:\n  - text: A.\n');
    writeFileSync(join(dir, 'b.yaml'), 'respondent: Täby\nanswers:\n  - text: B.\n');
    (await dialog(['ingest', join(dir, 'a.yaml'), '-o', out]));
    (await dialog(['ingest', join(dir, 'b.yaml'), '-o', out]));
    expect(readCorpus(out).responses).toHaveLength(2);
    (await dialog(['ingest', join(dir, 'b.yaml'), '-o', out, '--replace']));
    expect(readCorpus(out).responses).toHaveLength(1);
  });

  it('is left untouched, and no temporary file remains, when an input is bad', async () => {
    const dir = tmp();
    const out = join(dir, 'c.json');
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'respondent: Nacka\nanswers:\n  - text: Bra.\n');
    expect((await dialog(['ingest', good, '-o', out])).code).toBe(0);
    const before = readFileSync(out, 'utf8');
    writeFileSync(join(dir, 'bad.yaml'), 'respondent: Nacka\nanswers: []\n');
    const r = (await dialog(['ingest', dir, '-o', out]));
    expect(r.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--dry-run validates and writes nothing', async () => {
    const out = join(tmp(), 'c.json');
    const r = (await dialog(['ingest', 'data/example', '--dry-run', '-o', out]));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Dry run: nothing written.');
    expect(existsSync(out)).toBe(false);
  });

  it('takes inputs, corpus and register from dialog.config.yaml', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'x.yaml'), 'respondent: Storstad\nanswers:\n  - text: Hej.\n');
    writeFileSync(
      join(dir, 'register.yaml'),
      'respondents:\n  - code: "9999"\n    name: Storstad\n    type: kommun\n    category: K1\n',
    );
    writeFileSync(join(dir, 'dialog.config.yaml'), 'inputs: [in]\nregister: register.yaml\ncorpus: out/corpus.json\n');
    const r = (await dialog(['ingest'], { cwd: dir }));
    expect(r.code).toBe(0);
    const c = readCorpus(join(dir, 'out', 'corpus.json'));
    expect(c.respondents[0]).toMatchObject({ id: '9999', category: 'K1', known: true });
  });

  it('reports a bad dialog.config.yaml with its position', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'dialog.config.yaml'), 'inputs: [in]\ncodebok: x.yaml\n');
    const r = (await dialog(['ingest'], { cwd: dir }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('dialog.config.yaml:2:1: unknown field "codebok" (did you mean "codebook"?)');
  });

  it('needs inputs: a usage error otherwise', async () => {
    const r = (await dialog(['ingest'], { cwd: tmp() }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no inputs');
  });
});

describe('the command line', () => {
  it('prints --version and --help, with examples for every command', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect((await dialog(['--version'])).stdout.trim()).toBe(pkg.version);
    expect((await dialog(['--help'])).stdout).toContain('Exit codes');
    for (const cmd of ['ingest', 'themes', 'report']) {
      const r = (await dialog([cmd, '--help']));
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Examples:');
    }
  });

  it('exits 2 on an unknown command or option', async () => {
    expect((await dialog(['frobnicate'])).code).toBe(2);
    expect((await dialog(['ingest', '--nope'])).code).toBe(2);
    expect((await dialog(['ingest', 'data/example', '--format', 'xml'])).code).toBe(2);
  });
});

