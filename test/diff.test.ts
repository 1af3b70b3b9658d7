import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, dialog, dialogBin, FIXTURES, golden, ROOT, tmp } from './helpers.js';

const FIXTURE = join(FIXTURES, 'diff');
const WORKSPACE = join(FIXTURE, 'workspace');
const CHANGES = join(FIXTURE, 'changes');

interface Json {
  before: string;
  after: string;
  changed: boolean;
  counts: { totals: { key: string; before: number | null; after: number | null }[]; themes: { theme: string; respondents: { before: number; after: number }; answers: { before: number; after: number }; share: { before: number; after: number } }[]; positions: { key: string; before: number; after: number }[] };
  respondents: { added: { id: string; name: string }[]; removed: { id: string; name: string }[] };
  answers: {
    changed: { answer: string; name: string; gained: { theme: string; cause: string; evidence: { match: string; sentence: string }[]; review?: { reviewer: string } }[]; lost: { theme: string; cause: string; evidence: { match: string }[]; review?: { reviewer: string } }[] }[];
    added: { answer: string; name: string; themes: { theme: string }[] }[];
    removed: { answer: string; name: string }[];
  };
  stances: { name: string; before: { stance: string; origin: string }; after: { stance: string; origin: string }; cause: string }[];
}

/** A copy of the tests' workspace (Kalmar län, its own codebook and invented letters). */
function workspace(): string {
  const dir = tmp('dialog-diff-test-');
  cpSync(WORKSPACE, dir, { recursive: true });
  return dir;
}

/** `dialog diff --format json` checked against its schema (schemas/diff.schema.json). */
async function valid(json: string): Promise<Json> {
  const { Ajv } = await import('ajv');
  const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'diff.schema.json'), 'utf8')));
  const data = JSON.parse(json) as Json;
  expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
  expect(validate({ ...data, extra: 1 })).toBe(false);
  return data;
}

function git(dir: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

describe('dialog diff: a codebook change (the JSON and the exit code through the real bin)', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists exactly the answers whose themes changed, with the evidence and the cause', async () => {
    dir = workspace();
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    copyFileSync(join(dir, 'teman.yaml'), join(dir, 'gammal.yaml'));
    copyFileSync(join(CHANGES, 'teman.yaml'), join(dir, 'teman.yaml'));
    const r = dialogBin(['diff', '--codebook', 'gammal.yaml', '--format', 'json', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const d = await valid(r.stdout);
    expect(d.before).toBe('codebook gammal.yaml');
    expect(d.after).toBe('codebook teman.yaml');
    expect(d.changed).toBe(true);
    const changes = d.answers.changed.map((a) => ({ name: a.name, gained: a.gained.map((t) => `${t.theme}:${t.cause}:${t.evidence.map((e) => e.match).join('+')}`), lost: a.lost.map((t) => `${t.theme}:${t.cause}:${t.evidence.map((e) => e.match).join('+')}`) }));
    expect(changes).toEqual([
      { name: 'Borgholms kommun', gained: [], lost: ['trafiksakerhet:codebook:Olyckorna'] },
      { name: 'Nybro kommun', gained: ['trafiksakerhet:codebook:Belysningen+skolvägarna'], lost: [] },
      { name: 'Nybro kommun', gained: ['finansiering:codebook:Kostnaderna+underhåll'], lost: [] },
    ]);
    // Nothing else: the same answers, respondents and positions on both sides.
    expect(d.answers.added).toEqual([]);
    expect(d.answers.removed).toEqual([]);
    expect(d.respondents).toEqual({ added: [], removed: [] });
    expect(d.stances).toEqual([]);
    const theme = (id: string) => d.counts.themes.find((t) => t.theme === id)!;
    expect(theme('trafiksakerhet').respondents).toEqual({ key: 'respondents', before: 1, after: 1 });
    expect(theme('finansiering').respondents).toEqual({ key: 'respondents', before: 2, after: 3 });
    expect(theme('finansiering').share).toEqual({ key: 'share', before: 0.4, after: 0.6 });
    expect(theme('cykelvagar').answers).toEqual({ key: 'answers', before: 2, after: 2 });
    expect(d.counts.totals.find((c) => c.key === 'untagged answers')).toEqual({ key: 'untagged answers', before: 3, after: 1 });

    // The same for people, and as the job summary shows it (in-process: the bin's output is proved above).
    const text = await dialog(['diff', '--codebook', 'gammal.yaml', '-q'], { cwd: dir });
    expect(text.stdout).toContain('Answers whose themes changed (3):');
    expect(text.stdout).toMatch(/^ {4}\+ finansiering \(codebook\): «Kostnaderna för drift och underhåll måste fördelas rättvist mellan kommun och region\.» \[glob:kostnad\* "Kostnaderna", glob:underhåll\* "underhåll"\]$/mu);
    expect(text.stdout).toMatch(/^ {2}finansiering respondents +2 → 3 +\+1$/mu);
    golden(join(FIXTURE, 'expected', 'codebook.json'), r.stdout);
    golden(join(FIXTURE, 'expected', 'codebook.md'), (await dialog(['diff', '--codebook', 'gammal.yaml', '--format', 'md', '-q'], { cwd: dir })).stdout);
    golden(join(FIXTURE, 'expected', 'codebook.txt'), text.stdout);

    // Two codebooks named: the first against the second, either way round.
    const back = JSON.parse((await dialog(['diff', '--codebook', 'teman.yaml', '--codebook', 'gammal.yaml', '--format', 'json', '-q'], { cwd: dir })).stdout) as Json;
    expect(back.answers.changed.map((a) => [a.name, a.gained.map((t) => t.theme), a.lost.map((t) => t.theme)])).toEqual([
      ['Borgholms kommun', ['trafiksakerhet'], []],
      ['Nybro kommun', [], ['trafiksakerhet']],
      ['Nybro kommun', [], ['finansiering']],
    ]);
    // A codebook against itself: no difference, exit 0, and with --exit-code too; a difference with
    // --exit-code is the process's exit status 1 (real bin).
    const same = await dialog(['diff', '--codebook', 'teman.yaml', '--exit-code', '-q'], { cwd: dir });
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toContain('No differences: both give the same published figures and tags (7 answers).');
    expect(dialogBin(['diff', '--codebook', 'gammal.yaml', '--exit-code', '-q'], { cwd: dir }).code).toBe(1);
  });

  it('applies the review on both sides, so that a codebook diff shows what the codebook changed; --no-review leaves it out', async () => {
    dir = workspace();
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    const json = JSON.parse((await dialog(['themes', '--format', 'json', '--no-write', '-q'], { cwd: dir })).stdout) as { answers: { answer: string; respondent: string; themes: { id: string }[] }[] };
    const borgholm = json.answers.find((a) => a.respondent === '0885')!;
    // A person has decided that Borgholm's answer is about traffic safety.
    writeFileSync(join(dir, 'granskning.yaml'), `decisions:\n  - answer: ${borgholm.answer}\n    respondent: "0885"\n    confirm: [cykelvagar, trafiksakerhet]\n    reviewer: Eva Lund\n    date: 2027-04-01\n`);
    copyFileSync(join(dir, 'teman.yaml'), join(dir, 'gammal.yaml'));
    copyFileSync(join(CHANGES, 'teman.yaml'), join(dir, 'teman.yaml'));
    const d = JSON.parse((await dialog(['diff', '--codebook', 'gammal.yaml', '--format', 'json', '-q'], { cwd: dir })).stdout) as Json;
    expect(d.answers.changed.map((a) => a.name)).toEqual(['Nybro kommun', 'Nybro kommun']);
    const raw = JSON.parse((await dialog(['diff', '--codebook', 'gammal.yaml', '--no-review', '--format', 'json', '-q'], { cwd: dir })).stdout) as Json;
    expect(raw.answers.changed.map((a) => a.name)).toEqual(['Borgholms kommun', 'Nybro kommun', 'Nybro kommun']);
  });
});

describe('dialog diff --rev: the workspace at a git revision against now', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the added respondent, the review decision and the count changes, and leaves no temporary folder (real bin)', async () => {
    dir = workspace();
    const temp = join(dir, '.tmp');
    cpSync(WORKSPACE, join(dir, 'ws'), { recursive: true });
    for (const f of readdirSync(dir)) if (f !== 'ws') rmSync(join(dir, f), { recursive: true, force: true });
    const ws = join(dir, 'ws');
    spawnSync('mkdir', [temp]);
    // The workspace lies in a folder of the repository: its paths are found from the top.
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'Remissvar som kommit in');
    const before = JSON.parse((await dialog(['themes', '--format', 'json', '--no-write', '-q'], { cwd: ws })).stdout) as { answers: { answer: string; respondent: string; question?: string }[] };
    const kalmarQ1 = before.answers.find((a) => a.respondent === '0880' && a.question === 'q1')!.answer;
    const nybro = (JSON.parse((await dialog(['themes', '--format', 'json', '--no-write', '-q'], { cwd: ws })).stdout) as { answers: { response: string; respondent: string }[] }).answers.find((a) => a.respondent === '0881')!.response;
    // A data commit: Mönsterås's letter comes in, and a person removes a tag and sets a position.
    copyFileSync(join(CHANGES, 'monsteras.yaml'), join(ws, 'svar', 'monsteras.yaml'));
    writeFileSync(
      join(ws, 'granskning.yaml'),
      `decisions:\n  - answer: ${kalmarQ1}\n    respondent: "0880"\n    remove: [cykelvagar]\n    reviewer: Eva Lund\n    date: 2027-04-01\n    note: gäller en befintlig väg\n  - response: ${nybro}\n    stance: conditional\n    reviewer: Eva Lund\n    date: 2027-04-01\n`,
    );
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'Mönsterås svar och granskning');

    const r = dialogBin(['diff', '--rev', 'HEAD~1', '--format', 'json', '-q'], { cwd: ws, env: { TMPDIR: temp } });
    expect(r.code, r.stderr).toBe(0);
    const d = await valid(r.stdout);
    expect(d.before).toMatch(/^HEAD~1 \([0-9a-f]{7}\)$/u);
    expect(d.after).toBe('the working tree');
    expect(d.respondents).toEqual({ added: [{ id: '0861', name: 'Mönsterås kommun' }], removed: [] });
    expect(d.answers.added.map((a) => [a.name, a.themes.map((t) => t.theme)])).toEqual([['Mönsterås kommun', ['cykelvagar']]]);
    expect(d.answers.removed).toEqual([]);
    expect(d.answers.changed).toEqual([
      expect.objectContaining({ answer: kalmarQ1, name: 'Kalmar kommun', gained: [], lost: [expect.objectContaining({ theme: 'cykelvagar', cause: 'review', review: expect.objectContaining({ reviewer: 'Eva Lund', note: 'gäller en befintlig väg' }) })] }),
    ]);
    expect(d.stances).toEqual([expect.objectContaining({ name: 'Nybro kommun', before: { stance: 'support', origin: 'inferred' }, after: { stance: 'conditional', origin: 'review' }, cause: 'review' })]);
    const total = (key: string) => d.counts.totals.find((c) => c.key === key);
    expect(total('respondents')).toEqual({ key: 'respondents', before: 5, after: 6 });
    expect(total('answers')).toEqual({ key: 'answers', before: 7, after: 8 });
    // The reports' review sentence: one tag taken away and one position set by a person.
    expect([total('tags removed by review'), total('positions reviewed')]).toEqual([
      { key: 'tags removed by review', before: 0, after: 1 },
      { key: 'positions reviewed', before: 0, after: 1 },
    ]);
    const positions = Object.fromEntries(d.counts.positions.map((p) => [p.key, [p.before, p.after]]));
    expect(positions).toMatchObject({ support: [3, 2], conditional: [1, 2], oppose: [0, 1] });
    // cykelvagar: Kalmar loses it by review, Mönsterås brings it: 2 respondents of 5, then of 6.
    expect(d.counts.themes.find((t) => t.theme === 'cykelvagar')).toMatchObject({ respondents: { before: 2, after: 2 }, share: { before: 0.4, after: 2 / 6 } });
    expect(readdirSync(temp)).toEqual([]);

    // The job summary: the counts as a table, then what changed (in-process, as the runs below).
    const md = await dialog(['diff', '--rev', 'HEAD~1', '--format', 'md', '-q'], { cwd: ws, env: { TMPDIR: temp } });
    expect(md.stdout).toContain('| Respondents | 5 | 6 | +1 |');
    expect(md.stdout).toContain('| Cykelvägar | 2 | 2 | 40 % → **33 %** |');
    expect(md.stdout).toContain('### Respondents added (1)\n\n- Mönsterås kommun (0861)');
    expect(md.stdout).toContain('− **Cykelvägar** (review: Eva Lund, 2027-04-01, gäller en befintlig väg)');

    // An edit not yet committed is part of the working tree; two revisions compare with each other.
    writeFileSync(join(ws, 'svar', 'monsteras.yaml'), readFileSync(join(ws, 'svar', 'monsteras.yaml'), 'utf8').replace('stance: oppose', 'stance: support'));
    const uncommitted = JSON.parse((await dialog(['diff', '--rev', 'HEAD', '--format', 'json', '-q'], { cwd: ws, env: { TMPDIR: temp } })).stdout) as Json;
    expect(uncommitted.stances.map((s) => [s.name, s.before.stance, s.after.stance, s.cause])).toEqual([['Mönsterås kommun', 'oppose', 'support', 'response']]);
    const commits = JSON.parse((await dialog(['diff', '--rev', 'HEAD~1', '--rev', 'HEAD', '--format', 'json', '-q'], { cwd: ws, env: { TMPDIR: temp } })).stdout) as Json;
    expect(commits.after).toMatch(/^HEAD \([0-9a-f]{7}\)$/u);
    expect(commits.respondents.added.map((p) => p.name)).toEqual(['Mönsterås kommun']);
    expect(commits.stances.map((s) => s.name)).toEqual(['Nybro kommun']);
    expect(readdirSync(temp)).toEqual([]);
    // Nothing of git's changed: no worktree registered, the index untouched.
    expect(git(dir, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
    expect(git(dir, 'status', '--porcelain').trim()).toBe('M ws/svar/monsteras.yaml');
  });

  it('a workspace that did not exist yet at the revision is an empty side', async () => {
    dir = tmp('dialog-diff-test-');
    git(dir, 'init', '-q');
    writeFileSync(join(dir, 'README'), 'x\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'first');
    cpSync(WORKSPACE, dir, { recursive: true });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'the workspace');
    const r = await dialog(['diff', '--rev', 'HEAD~1', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('notice: HEAD~1');
    const d = JSON.parse(r.stdout) as Json;
    expect(d.respondents.added).toHaveLength(5);
    expect(d.answers.added).toHaveLength(7);
  });
});

describe('dialog diff of two corpora', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('compares two corpus files, and one against the workspace corpus', async () => {
    dir = workspace();
    expect((await dialog(['ingest', '-q', '-o', 'gammal.json'], { cwd: dir })).code).toBe(0);
    const letters = join(dir, 'svar', 'svar.yaml');
    // Västervik rewrites its letter; Region Kalmar län withdraws its answer.
    writeFileSync(letters, readFileSync(letters, 'utf8').replace('Västerviks kommun har inga synpunkter på förslaget.', 'Västerviks kommun anser att trafiksäkerheten vid skolorna ska gå först.').replace(/ {2}- respondent: Region Kalmar län[\s\S]*$/u, ''));
    expect((await dialog(['ingest', '-q', '--replace'], { cwd: dir })).code).toBe(0);
    const r = await dialog(['diff', 'gammal.json', '.dialog/corpus.json', '--format', 'json', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const d = await valid(r.stdout);
    expect(d.before).toBe('corpus gammal.json');
    expect(d.after).toBe('corpus .dialog/corpus.json');
    expect(d.respondents).toEqual({ added: [], removed: [{ id: '08', name: 'Region Kalmar län' }] });
    // A changed text is another answer: the old one removed, the new one added.
    expect(d.answers.removed.map((a) => a.name)).toEqual(['Region Kalmar län', 'Västerviks kommun']);
    expect(d.answers.added.map((a) => [a.name, a.themes.map((t) => t.theme)])).toEqual([['Västerviks kommun', ['trafiksakerhet']]]);
    // Its position was inferred from the old text (no opinion) and is not any more.
    expect(d.stances.map((s) => [s.name, s.before.stance, s.after.stance])).toEqual([['Västerviks kommun', 'no-opinion', 'unknown']]);
    const one = await dialog(['diff', 'gammal.json', '--format', 'json', '-q'], { cwd: dir });
    expect(JSON.parse(one.stdout)).toEqual(d);
  });
});

describe('dialog diff: errors', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says what is wrong and exits 1 for bad input, 2 for bad usage', async () => {
    dir = workspace();
    const run = (...args: string[]) => dialog(['diff', ...args], { cwd: dir });
    const notGit = await run('--rev', 'HEAD~1');
    expect(notGit.code).toBe(2);
    expect(notGit.stderr).toMatch(/--rev compares the workspace with itself at a git revision, but .* is not in a git repository/u);
    git(dir, 'init', '-q');
    const empty = await run('--rev', 'HEAD');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--rev HEAD: no such commit');
    expect(empty.stderr).toContain('(the repository has no commits yet)');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'x');
    const unknown = await run('--rev', 'nosuchbranch');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('error: --rev nosuchbranch: no such commit in');
    expect((await run('--rev', '--output=x')).code).toBe(2);
    const missing = await run('gammal.json', 'ny.json');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('gammal.json: no corpus here');
    writeFileSync(join(dir, 'trasig.yaml'), 'themes:\n  - id: x\n    label: { sv: X }\n    patterns: [{ glob: 3 }]\n');
    const broken = await run('--codebook', 'trasig.yaml');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^trasig\.yaml:4:\d+: /mu);
    writeFileSync(join(dir, 'skadad.json'), '{"format":"dialog-corpus","version":1,\n"sources":[],\n"respondents":[],\n"responses":[\n{}\n]}\n');
    const damaged = await run('skadad.json', '--format', 'json');
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/^skadad\.json:5:1: the corpus is damaged/mu);
    expect((await run()).stderr).toContain('say what to compare: --codebook old.yaml');
    expect((await run()).code).toBe(2);
    expect((await run('a.json', '--rev', 'HEAD')).code).toBe(2);
    expect((await run('--rev', 'HEAD', '--rev', 'HEAD', '--rev', 'HEAD')).code).toBe(2);
    expect((await run('--corpus', 'x.json', '--rev', 'HEAD')).code).toBe(2);
    expect((await run('--codebook', 'teman.yaml', '--limit', '0')).code).toBe(2);
    expect((await run('--codebook', 'teman.yaml', '--format', 'xml')).code).toBe(2);
  });

  it('--rev outside a workspace, and in one that lists no inputs, is a usage error', async () => {
    dir = tmp('dialog-diff-test-');
    expect((await dialog(['diff', '--rev', 'HEAD'], { cwd: dir })).stderr).toContain('--rev compares a workspace with itself at a git revision: run it in a workspace');
    writeFileSync(join(dir, 'dialog.config.yaml'), 'corpus: c.json\n');
    const r = await dialog(['diff', '--rev', 'HEAD'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--rev reads the inputs listed in dialog.config.yaml at each revision, and this workspace lists none');
  });
});

/**
 * The real bin run under bash's `time`: the CPU seconds it used (user + system), which a busy
 * machine does not inflate the way it does the wall clock (as in test/review-loop.test.ts).
 */
function cpuSeconds(args: string[], cwd: string): { code: number; stdout: string; stderr: string; seconds: number } {
  const quoted = args.map((a) => `'${a.replace(/'/gu, "'\\''")}'`).join(' ');
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='cpu %U %S'; time '${process.execPath}' '${BIN}' ${quoted}`], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000, maxBuffer: 256 << 20 });
  const m = /cpu (\d+\.\d+) (\d+\.\d+)\s*$/u.exec(r.stderr);
  if (!m) throw new Error(`no timing from bash: ${r.stderr}`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, seconds: Number(m[1]) + Number(m[2]) };
}

describe('dialog diff at 10 000 answers', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes under 5 s of CPU through the real bin, and the job summary stays short', async () => {
    dir = workspace();
    const words = ['cykelvägen', 'belysningen', 'skolvägen', 'kostnaderna', 'underhållet', 'olyckorna', 'finansieringen', 'cykelleden', 'parkeringen', 'planen'];
    let csv = 'respondent;text\n';
    for (let i = 0; i < 10_000; i++) csv += `Förening ${i % 250};Svar ${i}: vi anser att ${words[i % 10]} och ${words[(i * 7) % 10]} behöver ses över i planen för år ${2027 + (i % 13)}.\n`;
    writeFileSync(join(dir, 'svar', 'foreningar.csv'), csv);
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'x');
    copyFileSync(join(dir, 'teman.yaml'), join(dir, 'gammal.yaml'));
    copyFileSync(join(CHANGES, 'teman.yaml'), join(dir, 'teman.yaml'));
    const codebook = cpuSeconds(['diff', '--codebook', 'gammal.yaml', '--format', 'md', '-q'], dir);
    expect(codebook.code, codebook.stderr).toBe(0);
    // Thousands of answers changed; the summary lists 50 and counts the rest.
    const changed = /### Answers whose themes changed \((\d+)\)/u.exec(codebook.stdout);
    expect(Number(changed?.[1])).toBeGreaterThan(1000);
    expect(codebook.stdout).toContain(`- and ${Number(changed![1]) - 50} more`);
    expect(codebook.stdout.length).toBeLessThan(50_000);
    const revision = cpuSeconds(['diff', '--rev', 'HEAD', '--format', 'json', '-q'], dir);
    expect(revision.code, revision.stderr).toBe(0);
    expect((JSON.parse(revision.stdout) as Json).answers.changed.length).toBe(Number(changed![1]));
    const figures = { codebook: codebook.seconds, revision: revision.seconds };
    console.log(`diff at 10 000 answers, CPU seconds: ${JSON.stringify(figures)}`);
    for (const [what, seconds] of Object.entries(figures)) expect(seconds, what).toBeLessThan(5);
  }, 120_000);
});

describe('the reports workflow writes dialog diff into the job summary', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The workflow's own step scripts, run in a repository of the tests' workspace with `npx dialog` being this build. */
  it('a data commit shows what it changed (push), and a pull request what it changes against its base', async () => {
    const { parse } = await import('yaml');
    const wf = parse(readFileSync(join(ROOT, '.github', 'workflows', 'reports.yml'), 'utf8')) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown>; run?: string; env?: Record<string, string> }[] }> };
    const step = (job: string) => wf.jobs[job].steps.find((s) => s.run?.includes('dialog diff'))!;
    for (const job of ['check', 'regenerate']) expect(wf.jobs[job].steps.find((s) => s.uses?.startsWith('actions/checkout@'))!.with?.['fetch-depth']).toBe(0);
    dir = tmp('dialog-diff-test-');
    const ws = join(dir, 'repo');
    cpSync(WORKSPACE, ws, { recursive: true });
    git(ws, 'init', '-q');
    git(ws, 'add', '-A');
    git(ws, 'commit', '-qm', 'base');
    const base = git(ws, 'rev-parse', 'HEAD').trim();
    copyFileSync(join(CHANGES, 'monsteras.yaml'), join(ws, 'svar', 'monsteras.yaml'));
    git(ws, 'add', '-A');
    git(ws, 'commit', '-qm', 'Mönsterås svar');
    const shim = join(dir, 'bin');
    spawnSync('mkdir', [shim]);
    writeFileSync(join(shim, 'npx'), `#!/bin/sh\n[ "$1" = dialog ] && shift\nexec '${process.execPath}' '${BIN}' "$@"\n`, { mode: 0o755 });
    const run = (job: string, env: Record<string, string>) => {
      const summary = join(dir, `${job}.md`);
      writeFileSync(summary, '');
      const s = step(job);
      // GitHub's expressions are given to the script as environment variables, as the step does.
      const r = spawnSync('bash', ['-e', '-c', s.run!], { cwd: ws, encoding: 'utf8', env: { ...process.env, ...env, PATH: `${shim}:${process.env.PATH}`, GITHUB_STEP_SUMMARY: summary, NO_COLOR: '1' } });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(summary, 'utf8');
    };
    expect(Object.values(step('regenerate').env!)).toEqual(['${{ github.event.before }}']);
    expect(Object.values(step('check').env!)).toEqual(['${{ github.event.pull_request.base.sha }}']);
    for (const summary of [run('regenerate', { BEFORE: base }), run('check', { BASE: base })]) {
      expect(summary).toContain('## What changed in the published figures');
      expect(summary).toContain('| Respondents | 5 | 6 | +1 |');
      expect(summary).toContain('### Respondents added (1)\n\n- Mönsterås kommun (0861)');
    }
    // The first push of a branch has no commit before it (github.event.before is zeros).
    expect(run('regenerate', { BEFORE: '0000000000000000000000000000000000000000' })).toBe('No earlier commit to compare with (before: 0000000000000000000000000000000000000000).\n');
  });
});
