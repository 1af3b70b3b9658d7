import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, dialog, tmp } from './helpers.js';

const answer = (name: string, text = 'Vi ser positivt på att regionen bildas.') =>
  `respondent: ${name}\nstance: tillstyrker\nanswers:\n  - text: ${text}\n`;

/** No control character but newline may reach a terminal from dialog. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

function runBin(args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code: code ?? -1, stderr }));
  });
}

describe('concurrent runs lose nothing', () => {
  it('two ingests into one corpus at once both keep their answers (a lock, not a race)', async () => {
    const dir = tmp();
    for (let i = 0; i < 8; i++) writeFileSync(join(dir, `a${i}.yaml`), answer(['Nacka kommun', 'Huddinge kommun', 'Solna kommun', 'Täby kommun', 'Botkyrka kommun', 'Haninge kommun', 'Sollentuna kommun', 'Lidingö kommun'][i]));
    const runs = await Promise.all([0, 1, 2, 3].map((i) => runBin(['ingest', `a${2 * i}.yaml`, `a${2 * i + 1}.yaml`, '--out', 'c.json'], dir)));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const corpus = JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8'));
    expect(corpus.responses).toHaveLength(8);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual(['.c.json.stamp']);
  }, 20000);

  it('takes over the lock of a killed run and removes its temporary files', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), answer('Nacka kommun'));
    // A pid far above pid_max is never alive.
    writeFileSync(join(dir, '.c.json.lock'), '999999999\n');
    writeFileSync(join(dir, '.c.json.999999999.0badf00d.tmp'), '{"half":');
    const r = await dialog(['ingest', 'a.yaml', '--out', 'c.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['.c.json.stamp', 'a.yaml', 'c.json']);
  });

  it('refuses, after waiting, while a live run holds the lock', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), answer('Nacka kommun'));
    writeFileSync(join(dir, '.c.json.lock'), `${process.pid}\n`);
    const r = await dialog(['ingest', 'a.yaml', '--out', 'c.json'], { cwd: dir, env: { DIALOG_LOCK_WAIT_MS: '200' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/another dialog run \(process \d+\) is writing it/);
    expect(existsSync(join(dir, 'c.json'))).toBe(false);
  });
});

describe('writes that fail are input problems, not bugs', () => {
  it('an output that is a folder, or under a file, is exit 1 "cannot write PATH: reason"', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), answer('Nacka kommun'));
    mkdirSync(join(dir, 'folder'));
    const intoFolder = await dialog(['ingest', 'a.yaml', '--out', 'folder'], { cwd: dir });
    expect(intoFolder.code).toBe(1);
    expect(intoFolder.stderr).toMatch(/cannot write folder: /);
    const underFile = await dialog(['ingest', 'a.yaml', '--out', 'a.yaml/c.json'], { cwd: dir });
    expect(underFile.code).toBe(1);
    expect(underFile.stderr).toMatch(/cannot write a\.yaml\/c\.json: /);
    expect(underFile.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  });

  it('refuses an output that would replace an input of the same run', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), answer('Nacka kommun'));
    const before = readFileSync(join(dir, 'a.yaml'), 'utf8');
    const r = await dialog(['ingest', 'a.yaml', '--out', './a.yaml', '--replace'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/a\.yaml/);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(before);
  });

  it('keeps the corpus mode on rewrite and --replace leaves no temporary file', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), answer('Nacka kommun'));
    expect((await dialog(['ingest', 'a.yaml', '--out', 'c.json'], { cwd: dir })).code).toBe(0);
    chmodSync(join(dir, 'c.json'), 0o600);
    const r = await dialog(['ingest', 'a.yaml', '--out', 'c.json', '--replace'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/EBADF/);
    expect(statSync(join(dir, 'c.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('prototype words are words', () => {
  it('stance "constructor" is an unknown stance, not a lookup into Object.prototype', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), answer('Nacka kommun').replace('tillstyrker', 'constructor'));
    const r = await dialog(['ingest', 'a.yaml', '--out', 'c.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/a\.yaml:2:9: unknown stance "constructor"/);
  });

  it('a theme called constructor or __proto__ is a theme like any other', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), answer('Nacka kommun', 'Kommunen värnar det kommunala självstyret och toString.'));
    writeFileSync(
      join(dir, 'book.yaml'),
      'version: 1\nthemes:\n  - id: constructor\n    label: { sv: Byggare }\n    patterns: [{ glob: "självstyr*" }]\n  - id: tostring\n    label: { sv: toString }\n    patterns: [{ glob: "tostring" }]\n',
    );
    expect((await dialog(['ingest', 'a.yaml', '--out', 'c.json'], { cwd: dir })).code).toBe(0);
    const themes = await dialog(['themes', '--corpus', 'c.json', '--codebook', 'book.yaml', '--format', 'json'], { cwd: dir });
    expect(themes.code, themes.stderr).toBe(0);
    expect(JSON.parse(themes.stdout).answers[0].themes.map((t: { id: string }) => t.id)).toEqual(['constructor', 'tostring']);
    const report = await dialog(['report', '--corpus', 'c.json', '--codebook', 'book.yaml'], { cwd: dir });
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain('Byggare');
    expect(report.stdout).not.toMatch(/native code|\[object Object\]/);
  });

  it('a codebook version other than 1 is exit 1 with its position', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), answer('Nacka kommun'));
    writeFileSync(join(dir, 'book.yaml'), 'version: 2\nthemes: []\n');
    expect((await dialog(['ingest', 'a.yaml', '--out', 'c.json'], { cwd: dir })).code).toBe(0);
    const r = await dialog(['themes', '--corpus', 'c.json', '--codebook', 'book.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^book\.yaml:1:\d+: /m);
  });
});

describe('hostile and huge input is exit 1 with a position', () => {
  it('YAML nested thousands deep', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'deep.yaml'), `respondent: ${'['.repeat(3000)}${']'.repeat(3000)}\n`);
    const r = await dialog(['ingest', 'deep.yaml', '--out', 'c.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^deep\.yaml:1:\d+: .*nest/m);
    expect(existsSync(join(dir, 'c.json'))).toBe(false);
  });

  it('aliases that expand past the byte budget, even when few', async () => {
    const dir = tmp();
    const big = 'x'.repeat(400_000);
    writeFileSync(join(dir, 'bomb.yaml'), `respondent: Nacka kommun\nanswers:\n  - text: &a ${big}\n${Array.from({ length: 8 }, () => '  - text: *a\n').join('')}`);
    const r = await dialog(['ingest', 'bomb.yaml', '--out', 'c.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bomb\.yaml:\d+:\d+: YAML aliases expand to more than/m);
  });

  it('counts an alias as the anchor it names at its place: a name anchored again names the later node', async () => {
    const dir = tmp();
    const big = 'x'.repeat(400_000);
    const aliases = Array.from({ length: 8 }, () => '  - text: *a\n').join('');
    // The large text is anchored first, then the name is given to a short one: the aliases are short.
    writeFileSync(join(dir, 'shadowed.yaml'), `respondent: Nacka kommun\nanswers:\n  - text: &a ${big}\n  - text: &a Kort svar.\n${aliases}`);
    const shadowed = await dialog(['ingest', 'shadowed.yaml', '--dry-run', '--format', 'json'], { cwd: dir });
    expect(shadowed.code, shadowed.stderr).toBe(0);
    // The other way round they repeat the large one, past the budget.
    writeFileSync(join(dir, 'later.yaml'), `respondent: Nacka kommun\nanswers:\n  - text: &a Kort svar.\n  - text: &a ${big}\n${aliases}`);
    const later = await dialog(['ingest', 'later.yaml', '--dry-run'], { cwd: dir });
    expect(later.code).toBe(1);
    expect(later.stderr).toMatch(/^later\.yaml:\d+:\d+: YAML aliases expand to more than/m);
  });

  it('150 000 answers to unknown questions: quick, and the warnings summed up', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'q.yaml'), 'consultation:\n  id: t\n  title: T\n  questions:\n    - id: q1\n      text: Fråga?\n');
    const rows = ['respondent,question,text'];
    for (let i = 0; i < 150_000; i++) rows.push(`Nacka kommun,x${i},Vi tycker till.`);
    writeFileSync(join(dir, 'svar.csv'), rows.join('\n') + '\n');
    const started = Date.now();
    const r = await dialog(['ingest', 'q.yaml', 'svar.csv', '--out', 'c.json'], { cwd: dir });
    expect(r.code, r.stderr.slice(0, 500)).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.stderr.length).toBeLessThan(10_000);
    expect(r.stderr).toMatch(/and 149980 more answers to questions that are not the consultation's \(150000 in all\)/);
  }, 30000);
});

describe('messages are safe for a terminal', () => {
  it('escape sequences in names and text are shown escaped, values cut, one line each', async () => {
    const dir = tmp();
    const name = `Nacka\u001b]52;c;aGVq\u0007 kommun\u001b[2J${'å'.repeat(5000)}\nrad två`;
    writeFileSync(join(dir, 'svar.csv'), `respondent,text,stance\n"${name}","Vi \u001b]8;;http://x\u0007tycker\u001b[0m om regionen.",konstig\u009b\n`);
    const r = await dialog(['ingest', 'svar.csv', '--out', 'c.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(CONTROL);
    for (const line of r.stderr.trim().split('\n')) expect(line.length).toBeLessThan(1000);
    expect(r.stderr).toContain('konstig\\x9b');
  });

  it('--kwic and --explain show input text with its control characters escaped', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'svar.csv'), 'respondent,text\nNacka kommun,"Vi \u001b[2J\u001b]52;c;aGVq\u0007 värnar det kommunala självstyret."\n');
    expect((await dialog(['ingest', 'svar.csv', '--out', 'c.json'], { cwd: dir })).code).toBe(0);
    const kwic = await dialog(['themes', '--corpus', 'c.json', '--kwic', 'självstyr*'], { cwd: dir });
    expect(kwic.stdout).toContain('\\x1b[2J');
    expect(kwic.stdout + kwic.stderr).not.toMatch(CONTROL);
    const corpus = JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8'));
    const explain = await dialog(['themes', '--corpus', 'c.json', '--explain', corpus.responses[0].answers[0].id], { cwd: dir });
    expect(explain.code, explain.stderr).toBe(0);
    expect(explain.stdout + explain.stderr).not.toMatch(CONTROL);
  });
});

describe('positions count lines as an editor does', () => {
  const rows = ['respondent,text,stance', 'Nacka kommun,Vi tycker.,tillstyrker', 'Solna kommun,Vi tycker.,tillstyrker', 'Täby kommun,Vi tycker.,konstig'];
  const cases: [string, string][] = [
    ['LF', rows.join('\n') + '\n'],
    ['CRLF', rows.join('\r\n') + '\r\n'],
    ['LF header, CRLF rows', rows[0] + '\n' + rows.slice(1).join('\r\n') + '\r\n'],
    ['lone CR', rows.join('\r') + '\r'],
    ['mixed', `${rows[0]}\r${rows[1]}\n${rows[2]}\r\n${rows[3]}`],
  ];
  for (const [name, text] of cases)
    it(`CSV, ${name}`, async () => {
      const dir = tmp();
      writeFileSync(join(dir, 'svar.csv'), text);
      const r = await dialog(['ingest', 'svar.csv', '--out', 'c.json'], { cwd: dir });
      expect(r.stderr).toMatch(/^svar\.csv:4:24: unknown stance "konstig"/m);
    });

  const yaml = ['respondent: Nacka kommun', 'answers:', '  - text: Vi tycker.', 'stance: konstig'];
  for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n'], ['lone CR', '\r']] as const)
    it(`YAML, ${name}`, async () => {
      const dir = tmp();
      writeFileSync(join(dir, 'svar.yaml'), yaml.join(eol) + eol);
      const r = await dialog(['ingest', 'svar.yaml', '--out', 'c.json'], { cwd: dir });
      expect(r.stderr).toMatch(/^svar\.yaml:4:9: unknown stance "konstig"/m);
    });
});

describe('large sheets keep their texts on disk while they are read', () => {
  it('gives the same corpus and the same themes (with or without workers), and leaves no file behind', async () => {
    const dir = tmp();
    const rows = ['respondent;fråga;svar'];
    for (let i = 0; i < 300; i++) rows.push(`${['Nacka kommun', 'Solna stad', 'Föreningen Å'][i % 3]};q${i};"Svar ${i}: det kommunala självstyret – ”citat” och 😀 å ä ö."`);
    writeFileSync(join(dir, 'svar.csv'), rows.join('\n') + '\n');
    const inMemory = await dialog(['ingest', 'svar.csv', '--out', 'a.json'], { cwd: dir, env: { DIALOG_SPILL_BYTES: '1000000000' } });
    const spilled = await dialog(['ingest', 'svar.csv', '--out', 'b.json'], { cwd: dir, env: { DIALOG_SPILL_BYTES: '0' } });
    expect([inMemory.code, spilled.code]).toEqual([0, 0]);
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(readFileSync(join(dir, 'a.json'), 'utf8'));
    const themesA = await dialog(['themes', 'svar.csv', '--format', 'json'], { cwd: dir, env: { DIALOG_SPILL_BYTES: '1000000000' } });
    const themesB = await dialog(['themes', 'svar.csv', '--format', 'json'], { cwd: dir, env: { DIALOG_SPILL_BYTES: '0' } });
    expect(themesB.stdout).toBe(themesA.stdout);
    const themesWorkers = await dialog(['themes', 'svar.csv', '--format', 'json'], { cwd: dir, env: { DIALOG_SPILL_BYTES: '0', DIALOG_WORKERS: '2' } });
    expect(themesWorkers.stdout).toBe(themesA.stdout);
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith(`dialog-texts-${process.pid}-`))).toEqual([]);
  });
});
