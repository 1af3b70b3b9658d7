// Issue 19: no truncated file called written, no output over an input, no hang. Each item runs
// the real bin in a child process at least once, and always where the point is the process: a file
// size limit, a device or a pipe, standard output, or a time limit where the failure was a hang.
// The other calls run the same `main` in-process (`run`), which proves the same messages and files.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, openSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, dialog, ROOT, tmp } from './helpers.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real bin, killed after `timeout` ms (a hang fails the test instead of stopping the suite). */
function bin(args: string[], cwd: string, opts: { timeout?: number; env?: Record<string, string> } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: opts.timeout ?? 30_000, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...opts.env }, maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  if (r.signal) throw new Error(`dialog ${args.join(' ')} was killed by ${r.signal} (a hang?)\n${r.stderr}`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The same CLI in this process: for calls where a child process proves nothing more. */
async function run(args: string[], cwd: string, opts: { env?: Record<string, string> } = {}): Promise<Run> {
  return dialog(args, { cwd, env: opts.env });
}

/** The bin under a file size limit of `kb` KB (bash's ulimit -f counts 1024-byte blocks). */
function binLimited(kb: number, args: string[], cwd: string): Run {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('bash', ['-c', `ulimit -f ${kb}; exec ${quoted}`], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
  if (r.signal) throw new Error(`killed by ${r.signal}: ${r.stderr}`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const answer = (name: string, text = 'Vi tillstyrker förslaget och ser positivt på att regionen bildas.') =>
  `respondent: ${name}\nstance: tillstyrker\nanswers:\n  - text: ${text}\n`;

/** A workspace: dialog.config.yaml reading svar/, with two answers in it. */
function workspace(extra = ''): string {
  const dir = tmp('dialog-surfaces-');
  mkdirSync(join(dir, 'svar'));
  writeFileSync(join(dir, 'svar', 'nacka.yaml'), answer('Nacka kommun'));
  writeFileSync(join(dir, 'svar', 'solna.yaml'), answer('Solna kommun', 'Vi avstyrker förslaget.'));
  writeFileSync(join(dir, 'dialog.config.yaml'), `inputs: [svar]\ncorpus: .dialog/corpus.json\n${extra}`);
  return dir;
}

/**
 * The bin run as an ordinary user (nobody): root reads any file whatever its mode, and CI runs as
 * root. The workspace is opened to that user; the files the test closes stay closed.
 */
function asOrdinaryUser(args: string[], dir: string): Run {
  for (const d of [dir, join(dir, 'svar')]) chmodSync(d, 0o755);
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, uid: 65534, gid: 65534, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1', HOME: dir } });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const noTemporaryFiles = (dir: string) => expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

describe('1. a short write is never called written', () => {
  it('report -o under ulimit -f 16: exit 1, "larger than the system allows", the old file untouched', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'r.html'), 'the old report\n');
    const r = binLimited(16, ['report', '-o', 'r.html'], dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/cannot write r\.html: the file is larger than the system allows/);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toBe('the old report\n');
    noTemporaryFiles(dir);
    // Without the limit the same report is written whole (well past 16 KB).
    expect((await run(['report', '-o', 'r.html'], dir)).code).toBe(0);
    expect(statSync(join(dir, 'r.html')).size).toBeGreaterThan(16 * 1024);
  });

  it('an ingest that merges into the corpus under ulimit -f 16 leaves the old corpus as it was', async () => {
    const dir = workspace();
    expect((await run(['ingest', 'svar/nacka.yaml', '-o', 'c.json'], dir)).code).toBe(0);
    const before = readFileSync(join(dir, 'c.json'));
    const long = 'Vi tillstyrker förslaget om en ny region och ser positivt på samarbetet. '.repeat(40);
    mkdirSync(join(dir, 'many'));
    for (const n of ['Huddinge kommun', 'Botkyrka kommun', 'Haninge kommun', 'Tyresö kommun', 'Lidingö kommun', 'Täby kommun', 'Danderyds kommun'])
      writeFileSync(join(dir, 'many', `${n.split(' ')[0]}.yaml`), answer(n, long));
    const r = binLimited(16, ['ingest', 'many', '-o', 'c.json'], dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/cannot write c\.json: the file is larger than the system allows/);
    expect(readFileSync(join(dir, 'c.json')).equals(before)).toBe(true);
    noTemporaryFiles(dir);
    expect((await run(['themes', '--corpus', 'c.json', '--no-write'], dir)).code).toBe(0);
  });

  it('report -o /dev/full: exit 1 "no space left on the device", and /dev/full stays a device', async () => {
    const dir = workspace();
    const r = bin(['report', '-o', '/dev/full'], dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/cannot write \/dev\/full: no space left on the device/);
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });
});

describe('2. no output replaces a file the run reads', () => {
  it('report refuses the codebook, the template, the config and the corpus, by any spelling or link, naming both roles', async () => {
    const dir = workspace();
    expect((await run(['ingest'], dir)).code).toBe(0);
    // Named as reports are (.md), so that the extension alone does not refuse them.
    writeFileSync(join(dir, 'cb.md'), readFileSync(join(ROOT, 'data', 'codebook.yaml')));
    writeFileSync(join(dir, 'mall.md'), '# {{title}}\n');
    symlinkSync('cb.md', join(dir, 'cb-link.md'));
    const cases: [string[], string, RegExp, number][] = [
      [['--codebook', 'cb.md', '-o', 'cb.md'], 'cb.md', /cannot write cb\.md: it is the codebook this run reads; choose another file for the report/, 1],
      [['--codebook', 'cb.md', '-o', 'svar/../cb.md'], 'cb.md', /it is the codebook this run reads/, 1],
      [['--codebook', 'cb.md', '-o', 'cb-link.md'], 'cb.md', /cannot write cb-link\.md: it is the codebook this run reads \(cb\.md\)/, 1],
      [['-t', 'mall.md', '-o', 'mall.md'], 'mall.md', /it is the template this run reads/, 1],
      // No report is .yaml or .json: a usage error before anything is read or written.
      [['-o', 'dialog.config.yaml'], 'dialog.config.yaml', /reports are \.md/, 2],
      [['-o', '.dialog/corpus.json'], '.dialog/corpus.json', /reports are \.md/, 2],
    ];
    for (const [i, [args, file, message, code]] of cases.entries()) {
      const before = readFileSync(join(dir, file));
      // The first case through the real bin, the others in-process.
      const r = i === 0 ? bin(['report', ...args], dir) : await run(['report', ...args], dir);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(readFileSync(join(dir, file)).equals(before), args.join(' ')).toBe(true);
    }
    expect(lstatSync(join(dir, 'cb-link.md')).isSymbolicLink()).toBe(true);
  });

  it('ingest --replace -o refuses the register, the manifest and a sidecar', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'a.txt'), 'Yttrande\n\nVi tillstyrker förslaget om en ny region.\n');
    writeFileSync(join(dir, 'docs', 'a.txt.yaml'), 'respondent: Nacka kommun\n');
    writeFileSync(join(dir, 'facts.csv'), 'file,respondent\na.txt,Nacka kommun\n');
    writeFileSync(join(dir, 'reg.yaml'), readFileSync(join(ROOT, 'data', 'example', 'register.yaml')));
    for (const [out, role] of [['reg.yaml', 'the register'], ['facts.csv', 'the manifest'], ['docs/a.txt.yaml', 'a sidecar|an input|input folder']] as const) {
      const before = readFileSync(join(dir, out));
      const r = await run(['ingest', 'docs', '--register', 'reg.yaml', '--manifest', 'facts.csv', '--replace', '-o', out], dir);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`cannot write ${out.replace('.', '\\.')}: .*(${role})`));
      expect(readFileSync(join(dir, out)).equals(before)).toBe(true);
    }
    writeFileSync(join(dir, 'docs', 'manifest.csv'), 'file,respondent\na.txt,Nacka kommun\n');
    const inFolder = await run(['ingest', 'docs', '--replace', '-o', 'docs/manifest.csv'], dir);
    expect(inFolder.code).toBe(1);
    expect(inFolder.stderr).toMatch(/cannot write docs\/manifest\.csv: it is a manifest in the input folder docs, which ingest reads/);
    expect(readFileSync(join(dir, 'docs', 'manifest.csv'), 'utf8')).toMatch(/^file,respondent/);
    // A sidecar of a document given by name, even one that does not exist yet, is no place for the corpus.
    const r = await run(['ingest', 'docs/a.txt', '--replace', '-o', 'docs/a.txt.yml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/sidecar of the input docs\/a\.txt/);
    expect(existsSync(join(dir, 'docs', 'a.txt.yml'))).toBe(false);
  });

  it('themes --corpus out/themes.json does not replace the corpus with its results', async () => {
    const dir = workspace();
    expect((await run(['ingest', '-o', 'out/themes.json'], dir)).code).toBe(0);
    const before = readFileSync(join(dir, 'out', 'themes.json'));
    const r = await run(['themes', '--corpus', 'out/themes.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write out\/themes\.json: it is the corpus this run reads; choose another file for the results/);
    expect(readFileSync(join(dir, 'out', 'themes.json')).equals(before)).toBe(true);
    expect((await run(['themes', '--corpus', 'out/themes.json', '--no-write'], dir)).code).toBe(0);
  });
});

describe('3. devices and pipes are written through, never replaced', () => {
  it('report -o pipe.md gives the report to the pipe\'s reader and leaves the pipe a pipe, with no charts beside it', async () => {
    const dir = workspace();
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    const reader = spawn('cat', [join(dir, 'pipe.md')]);
    let got = '';
    reader.stdout.on('data', (d) => (got += d));
    const closed = new Promise((done) => reader.on('close', done));
    const r = bin(['report', '-o', 'pipe.md'], dir, { timeout: 20_000 });
    await closed;
    expect(r.code, r.stderr).toBe(0);
    expect(got).toMatch(/^# Sammanfattning/);
    expect(lstatSync(join(dir, 'pipe.md')).isFIFO()).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.svg'))).toEqual([]);
  });

  it('report -o /dev/stdout writes to standard output and leaves /dev/stdout a link (even as root)', async () => {
    const dir = workspace();
    const r = bin(['report', '-o', '/dev/stdout'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# Sammanfattning/);
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
    expect(readdirSync('/dev').filter((f) => f.startsWith('stdout-'))).toEqual([]);
  });

  it('standard output on /dev/full: exit 1 with a sentence, not a stack trace', async () => {
    const dir = workspace();
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, 'report'], { cwd: dir, encoding: 'utf8', timeout: 30_000, stdio: ['ignore', full, 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/error: cannot write standard output: no space left on the device/);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    } finally {
      closeSync(full);
    }
  });

  it('-o through a link to a regular file replaces the file and keeps the link', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'ut'));
    writeFileSync(join(dir, 'ut', 'r.md'), 'old\n');
    symlinkSync('ut/r.md', join(dir, 'r.md'));
    expect((await run(['report', '-o', 'r.md'], dir)).code).toBe(0);
    expect(lstatSync(join(dir, 'r.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'ut', 'r.md'), 'utf8')).toMatch(/^# Sammanfattning/);
  });
});

describe('4. a report written among the inputs never becomes a respondent', () => {
  it('report -o into an input folder is refused, and the next ingest has no respondent "Sammanfattning"', async () => {
    const dir = workspace();
    const r = bin(['report', '-o', 'svar/sammanfattning.md'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write svar\/sammanfattning\.md: it lies in the input folder svar, so the next ingest would read the report as a response/);
    expect(existsSync(join(dir, 'svar', 'sammanfattning.md'))).toBe(false);
    const ingest = await run(['ingest', '--format', 'json'], dir);
    expect(JSON.parse(ingest.stdout).respondents).toBe(2);
  });

  it('a report the config lists under outputs is never read as a response, wherever it lies', async () => {
    const dir = workspace('outputs:\n  sammanfattning: svar/sammanfattning.md\n');
    writeFileSync(join(dir, 'svar', 'sammanfattning.md'), '# Sammanfattning\n\nVi tillstyrker förslaget om en ny region.\n');
    const r = await run(['ingest', '--format', 'json'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/svar\/sammanfattning\.md: notice: skipped: a report of this workspace \(outputs: sammanfattning in dialog\.config\.yaml\), not a response/);
    expect(JSON.parse(r.stdout).files).toBe(2);
    expect((await run(['themes', '--no-write'], dir)).code).toBe(0);
  });

  it('report --all refuses an output listed in the config inside an input folder, before writing any', async () => {
    const dir = workspace('outputs:\n  sammanfattning: rapporter/s.md\n  remissammanstallning: svar/sammanstallning.docx\n');
    const r = await run(['report', '--all'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/svar\/sammanstallning\.docx: it lies in the input folder svar/);
    expect(existsSync(join(dir, 'rapporter'))).toBe(false);
  });
});

describe('5. links in input folders', () => {
  it('follows a linked folder inside the workspace, skips a link that leads outside with a warning, and does not loop', async () => {
    const dir = workspace();
    const outside = tmp('dialog-outside-');
    writeFileSync(join(outside, 'hemligt.txt'), 'Lösenord: hunter2\n\nDetta är inget remissvar men en hemlig fil.\n');
    mkdirSync(join(dir, 'arkiv', 'inkomna'), { recursive: true });
    writeFileSync(join(dir, 'arkiv', 'inkomna', 'huddinge.yaml'), answer('Huddinge kommun'));
    symlinkSync('../arkiv/inkomna', join(dir, 'svar', 'inkomna'));
    symlinkSync(join(outside, 'hemligt.txt'), join(dir, 'svar', 'pw.txt'));
    symlinkSync('.', join(dir, 'svar', 'igen'));
    symlinkSync('nacka.yaml', join(dir, 'svar', 'nacka-kopia.yaml'));
    const r = bin(['ingest', '--format', 'json'], dir, { timeout: 20_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/svar\/pw\.txt: warning: skipped: a link to .*hemligt\.txt, outside the workspace; it is not read \(give it by name to read it\)/);
    expect(r.stderr).toMatch(/svar\/nacka-kopia\.yaml: notice: skipped: the same file as svar\/nacka\.yaml/);
    const corpus = readFileSync(join(dir, '.dialog', 'corpus.json'), 'utf8');
    expect(corpus).not.toMatch(/hunter2/);
    expect(corpus).toMatch(/svar\/inkomna\/huddinge\.yaml/);
    expect(JSON.parse(r.stdout).respondents).toBe(3);
    // Given by name, it is read: the analyst asked for it.
    const named = await run(['ingest', 'svar/pw.txt', '--dry-run', '--format', 'json'], dir);
    expect(named.stdout).toMatch(/"files": 1/);
  });
});

describe('6. sidecars: .yml, any case, and none that matches nothing', () => {
  const doc = 'Yttrande\n\nVi har tagit del av förslaget om en ny region och har inga synpunkter på indelningen.\n';
  it('reads yttrande1.txt.yml and yttrande2.TXT.yaml, and names a sidecar without its document, with did-you-mean', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'svar', 'yttrande1.txt'), doc);
    writeFileSync(join(dir, 'svar', 'yttrande1.txt.yml'), 'respondent: Huddinge kommun\nposition: avstyrker\n');
    writeFileSync(join(dir, 'svar', 'yttrande2.txt'), doc.replace('indelningen', 'namnet'));
    writeFileSync(join(dir, 'svar', 'yttrande2.TXT.yaml'), 'respondent: Botkyrka kommun\nposition: avstyrker\n');
    const ok = bin(['ingest', '--dry-run', '--format', 'json'], dir);
    expect(ok.code, ok.stderr).toBe(0);
    const docs = JSON.parse(ok.stdout).documents as { file: string; respondent: { value: string; from: string }; position: { value: string; from: string } }[];
    expect(docs.map((d) => [d.file, d.respondent.value, d.position.value, d.position.from])).toEqual([
      ['svar/yttrande1.txt', 'Huddinge kommun', 'oppose', 'sidecar svar/yttrande1.txt.yml'],
      ['svar/yttrande2.txt', 'Botkyrka kommun', 'oppose', 'sidecar svar/yttrande2.TXT.yaml'],
    ]);
    writeFileSync(join(dir, 'svar', 'yttrande3.pdf.yaml'), 'respondent: Haninge kommun\n');
    const orphan = await run(['ingest', '--dry-run'], dir);
    expect(orphan.code).toBe(1);
    expect(orphan.stderr).toMatch(/svar\/yttrande3\.pdf\.yaml: a sidecar for yttrande3\.pdf, which is not in this folder, so its facts would be lost; .*\(did you mean "yttrande1\.txt\.yaml"\?\)/);
  });

  it('a sidecar that could belong to two documents, or two sidecars of one, are errors naming them', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'svar', 'a.txt'), doc);
    writeFileSync(join(dir, 'svar', 'a.txt.yaml'), 'respondent: Huddinge kommun\n');
    writeFileSync(join(dir, 'svar', 'a.txt.yml'), 'respondent: Botkyrka kommun\n');
    writeFileSync(join(dir, 'svar', 'B.txt'), doc.replace('indelningen', 'namnet'));
    writeFileSync(join(dir, 'svar', 'b.txt'), doc.replace('indelningen', 'gränserna'));
    writeFileSync(join(dir, 'svar', 'B.TXT.yaml'), 'respondent: Haninge kommun\n');
    const r = await run(['ingest', '--dry-run'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/svar\/a\.txt: has more than one sidecar: svar\/a\.txt\.yaml, svar\/a\.txt\.yml/);
    expect(r.stderr).toMatch(/svar\/B\.TXT\.yaml: could be the sidecar of (B\.txt or b\.txt|b\.txt or B\.txt)/);
  });

  it('a sidecar added as .yml makes the corpus stale', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'svar', 'yttrande1.txt'), doc);
    expect((await run(['ingest'], dir)).code).toBe(0);
    writeFileSync(join(dir, 'svar', 'yttrande1.txt.yml'), 'respondent: Huddinge kommun\n');
    const r = await run(['themes', '--no-write'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/svar\/yttrande1\.txt\.yml is new/);
  });
});

describe('7. a pipe in an input folder never blocks ingest', () => {
  it('named like a response, a spreadsheet, a manifest or a sidecar: skipped or refused, within the time limit', async () => {
    const dir = workspace();
    for (const name of ['c.txt', 'c.csv', 'manifest.csv', 'b.txt.yaml']) execFileSync('mkfifo', [join(dir, 'svar', name)]);
    const r = bin(['ingest'], dir, { timeout: 20_000 });
    expect(r.code, r.stderr).toBe(0);
    for (const name of ['c.txt', 'c.csv', 'manifest.csv']) expect(r.stderr).toContain(`svar/${name}: warning: skipped: a named pipe, not a file; only regular files are read`);
    // Beside its document, a sidecar that is a pipe is skipped with a warning too, not a hang.
    writeFileSync(join(dir, 'svar', 'b.txt'), 'Yttrande\n\nVi tillstyrker förslaget om en ny region i sin helhet.\n');
    const beside = bin(['ingest'], dir, { timeout: 20_000 });
    expect(beside.code, beside.stderr).toBe(0);
    expect(beside.stderr).toMatch(/svar\/b\.txt\.yaml: warning: skipped: not a regular file \(a pipe or device\), so not read as the sidecar of b\.txt/);
    // A register that is a pipe is not opened either.
    execFileSync('mkfifo', [join(dir, 'reg.yaml')]);
    const register = bin(['ingest', 'svar/nacka.yaml', '--register', 'reg.yaml', '--dry-run'], dir, { timeout: 20_000 });
    expect(register.code).toBe(1);
    expect(register.stderr).toMatch(/reg\.yaml: is a folder or a pipe, not a file/);
    // Given by name, a pipe is refused: standard input is `-`.
    const named = bin(['ingest', 'svar/c.txt', '--dry-run'], dir, { timeout: 20_000 });
    expect(named.code).toBe(1);
    expect(named.stderr).toMatch(/svar\/c\.txt: is a named pipe, not a file/);
  });
});

describe('11. damaged corpora and folders where files belong are exit 1, not 3', () => {
  const damage = (dir: string, edit: (lines: string[]) => void) => {
    const path = join(dir, '.dialog', 'corpus.json');
    const lines = readFileSync(path, 'utf8').split('\n');
    edit(lines);
    writeFileSync(path, lines.join('\n'));
  };
  it('a line {} or null, respondents: null: exit 1 at the file and line, with one thread or with workers', async () => {
    const dir = workspace();
    expect((await run(['ingest'], dir)).code).toBe(0);
    const good = readFileSync(join(dir, '.dialog', 'corpus.json'));
    const lines = readFileSync(join(dir, '.dialog', 'corpus.json'), 'utf8').split('\n');
    const first = lines.findIndex((l) => l === '"responses":[') + 1;
    const respondents = lines.findIndex((l) => l.startsWith('"respondents":')) + 1;
    const edits = [
      [(l: string[]) => l.splice(first, 0, '{},'), first + 1, /the response: missing required field/],
      [(l: string[]) => (l[first + 1] = 'null'), first + 2, /the line holds null, not a response/],
      [(l: string[]) => (l[l.findIndex((x) => x.startsWith('"respondents":'))] = '"respondents":null,'), respondents, /"respondents" must be a list, found null/],
    ] as const;
    for (const [edit, line, message] of edits) {
      writeFileSync(join(dir, '.dialog', 'corpus.json'), good);
      damage(dir, edit);
      for (const [workers, command] of [['0', ['themes', '--no-write']], ['2', ['themes', '--no-write']], ['0', ['report']]] as const) {
          // The first damage with workers through the real bin (threads of a real process), the rest in-process,
          // there with one worker: the corpus is one batch, which the first worker takes however many there are.
          const r = workers === '2' && edit === edits[0][0] ? bin(command, dir, { env: { DIALOG_WORKERS: workers } }) : await run(command, dir, { env: { DIALOG_WORKERS: workers === '2' ? '1' : workers } });
          expect(r.code, `${command} ${workers}: ${r.stderr}`).toBe(1);
          expect(r.stderr).toContain(`.dialog/corpus.json:${line}:1: the corpus is damaged`);
          expect(r.stderr).toMatch(message);
          expect(r.stderr).not.toMatch(/internal error|\/tmp\//);
      }
    }
  });

  it('--manifest naming a folder, and a folder named like a sidecar, are exit 1 naming them', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'facts'));
    const manifest = await run(['ingest', '--manifest', 'facts/', '--dry-run'], dir);
    expect(manifest.code).toBe(1);
    expect(manifest.stderr).toMatch(/facts: is a folder \(or a pipe\), not a manifest/);
    writeFileSync(join(dir, 'svar', 'a.txt'), 'Yttrande\n\nVi tillstyrker förslaget om en ny region.\n');
    mkdirSync(join(dir, 'svar', 'a.txt.yaml'));
    const folder = await run(['ingest', '--dry-run'], dir);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/svar\/a\.txt\.yaml: is a folder, not a sidecar/);
  });
});

describe('13. messages', () => {
  it('a damaged workspace corpus: relative path, and `dialog ingest` rebuilds it; merging files into it says --replace', async () => {
    const dir = workspace();
    expect((await run(['ingest'], dir)).code).toBe(0);
    const lines = readFileSync(join(dir, '.dialog', 'corpus.json'), 'utf8').split('\n');
    const at = lines.findIndex((l) => l === '"responses":[') + 1;
    lines[at] = '{"id":1},';
    writeFileSync(join(dir, '.dialog', 'corpus.json'), lines.join('\n'));
    const themes = bin(['themes'], dir);
    expect(themes.code).toBe(1);
    expect(themes.stderr).toMatch(new RegExp(`^\\.dialog/corpus\\.json:${at + 1}:1: the corpus is damaged: .*rebuild it with \`dialog ingest\``, 'm'));
    const merge = await run(['ingest', 'svar/nacka.yaml'], dir);
    expect(merge.code).toBe(1);
    expect(merge.stderr).toMatch(/--replace/);
    const rebuild = await run(['ingest'], dir);
    expect(rebuild.code, rebuild.stderr).toBe(0);
    expect(rebuild.stderr).toMatch(/notice: the corpus is damaged: .*; rebuilding it from the inputs in dialog\.config\.yaml/);
    expect((await run(['themes'], dir)).code).toBe(0);
  });

  it('a missing corpus is named relative to the workspace', async () => {
    const dir = workspace();
    const r = await run(['themes', '--corpus', 'nowhere/c.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^nowhere\/c\.json: no corpus here/m);
  });

  it('sentences, not errnos (ELOOP, ENOTDIR), and every unreadable input listed at once', async () => {
    const dir = workspace();
    symlinkSync('loop-b.yaml', join(dir, 'loop-a.yaml'));
    symlinkSync('loop-a.yaml', join(dir, 'loop-b.yaml'));
    const loops = await run(['ingest', 'loop-a.yaml', 'loop-b.yaml', 'svar', '--dry-run'], dir);
    expect(loops.code).toBe(1);
    expect(loops.stderr).toMatch(/loop-a\.yaml: cannot read: the path goes round in a loop of links/);
    expect(loops.stderr).toMatch(/loop-b\.yaml: cannot read: the path goes round in a loop of links/);
    expect(loops.stderr).not.toMatch(/ELOOP/);
    const notDir = await run(['report', '--register', 'svar/nacka.yaml/register.yaml'], dir);
    expect(notDir.code).toBe(1);
    expect(notDir.stderr).not.toMatch(/ENOTDIR|internal error/);
  });

  it('files that cannot be read are all listed, each with its reason, in one run', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'svar', 'a.txt'), 'Yttrande\n\nVi tillstyrker.\n');
    chmodSync(join(dir, 'svar', 'a.txt'), 0);
    chmodSync(join(dir, 'svar', 'solna.yaml'), 0);
    const r = process.getuid?.() === 0 ? asOrdinaryUser(['ingest', '--dry-run'], dir) : await run(['ingest', '--dry-run'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/svar\/a\.txt: cannot read this file: permission denied/);
    expect(r.stderr).toMatch(/svar\/solna\.yaml: cannot read this file: permission denied/);
  });
});
