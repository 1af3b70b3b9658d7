import { cpSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { binCpuSeconds, dialog, dialogBin, FIXTURES, tmp, tenThousandAnswerWorkspace } from './helpers.js';

const WORKSPACE = join(FIXTURES, 'review', 'workspace');

/** What a careful reader of the tests' letters says each answer is about. */
function reading(text: string): string {
  const themes = [];
  if (/busstrafik|turtäthet|linjer|anropsstyrd/iu.test(text)) themes.push('kollektivtrafik');
  if (/finansier(?!at en ny idrottshall)|kostnad/iu.test(text)) themes.push('finansiering');
  if (/landsbygd|glesbygd/iu.test(text)) themes.push('landsbygd');
  return themes.join(' ') || '-';
}

/** Fills the themes column of an audit CSV by `say`. */
function fill(path: string, say: (text: string) => string): void {
  const [header, ...rows] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const cols = header.split(',');
  const text = cols.indexOf('text');
  const themes = cols.indexOf('themes');
  const cells = (line: string) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/gu)!.map((c) => c.replace(/,$/u, ''));
  const filled = rows.map((line) => {
    const c = cells(line).slice(0, cols.length);
    c[themes] = say(c[text].replace(/^"|"$/gu, '').replace(/""/gu, '"'));
    return c.join(',');
  });
  writeFileSync(path, [header, ...filled].join('\n') + '\n');
}

describe('the audit loop through the real bin (issue 21)', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('audit sample → fill in → audit score → the report shows intervals; a codebook change takes them away', async () => {
    dir = tmp();
    cpSync(WORKSPACE, dir, { recursive: true });
    appendFileSync(join(dir, 'dialog.config.yaml'), 'audit: audit.yaml\n');
    // The loop's own commands (sample, score) through the real bin; ingest and report in-process.
    const run = (...args: string[]) => dialogBin(args, { cwd: dir });
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    const sampled = run('audit', 'sample', '--size', '8', '--seed', '3', '-o', 'kontroll.csv');
    expect(sampled.code, sampled.stderr).toBe(0);
    expect(sampled.stderr).toContain("wrote kontroll.csv: 8 answers drawn from 4 strata (seed 3), without the machine's themes");
    const sheet = readFileSync(join(dir, 'kontroll.csv'), 'utf8');
    expect(sheet.split('\n')[0]).toBe('answer,respondent,question,text,themes,note');
    // Blind: no column holds the machine's themes.
    expect(sheet.trimEnd().split('\n')).toHaveLength(9);
    fill(join(dir, 'kontroll.csv'), reading);

    const scored = run('audit', 'score', 'kontroll.csv', '--date', '2027-03-10');
    expect(scored.code, scored.stderr).toBe(0);
    expect(scored.stdout).toMatch(/^Audit of the codebook: 8 checked answers in 4 strata \(95 % intervals\)/u);
    expect(scored.stdout).toMatch(/^finansiering\s+25 %\s+2\+6\s+0\.50 \(0\.\d\d–0\.\d\d\)/mu);
    expect(scored.stderr).toContain("wrote audit.yaml: reports give each theme's share with an interval from it");
    const audit = readFileSync(join(dir, 'audit.yaml'), 'utf8');
    expect(audit).toContain('format: dialog-audit');
    expect(audit).toContain('date: 2027-03-10');

    expect((await dialog(['report', '--all'], { cwd: dir })).code).toBe(0);
    const summary = readFileSync(join(dir, 'rapporter', 'sammanfattning.md'), 'utf8');
    expect(summary).toContain('| Tema | Remissinstanser | Andel | Med felmarginal (95 % KI) | Svar |');
    expect(summary).toMatch(/\| Finansiering \| 2 \| 40 % \| \d+ % \(\d+–\d+ %\) \| 2 \|/u);
    expect(summary).toMatch(/2 remissinstanser \(40 %\) tar upp temat Finansiering\. Med kodbokens uppmätta fel är andelen \d+ % \(95 % KI \d+–\d+ %\)\./u);
    expect(summary).toContain('8 slumpvis utvalda svar (4 strata efter kodbokens teman) har kontrollerats för hand (10 mars 2027)');
    const compilation = readFileSync(join(dir, 'rapporter', 'remissammanstallning.md'), 'utf8');
    expect(compilation).toContain('Kodboken har kontrollerats för hand mot 8 slumpvis utvalda svar (10 mars 2027).');

    // The codebook changes: the audit no longer measures it, and the report says so instead of using it.
    appendFileSync(join(dir, 'teman.yaml'), '      - { glob: "skolskjuts*", weight: 2 }\n');
    const after = await dialog(['report', '--all'], { cwd: dir });
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).toContain('audit.yaml: warning: the audit measured teman.yaml as it was on 2027-03-10, and teman.yaml has changed since: the report gives no intervals until the codebook is audited again');
    expect(readFileSync(join(dir, 'rapporter', 'sammanfattning.md'), 'utf8')).not.toContain('felmarginal');
  });

  it('two coders: their agreement and disagreements; bad sheets are errors at row and column', async () => {
    dir = tmp();
    cpSync(WORKSPACE, dir, { recursive: true });
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    expect((await dialog(['audit', 'sample', '--size', '8', '-o', 'a.csv', '-q'], { cwd: dir })).code).toBe(0);
    cpSync(join(dir, 'a.csv'), join(dir, 'b.csv'));
    fill(join(dir, 'a.csv'), reading);
    fill(join(dir, 'b.csv'), (t) => (/Glesbygdens/u.test(t) ? 'kollektivtrafik' : reading(t)));
    const r = await dialog(['audit', 'score', 'a.csv', 'b.csv', '--no-write', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.agreement.both).toBe(8);
    expect(json.agreement.disagreements).toEqual([expect.objectContaining({ theme: 'landsbygd', first: true, second: false })]);
    const text = await dialog(['audit', 'score', 'a.csv', 'b.csv', '--no-write'], { cwd: dir });
    expect(text.stdout).toContain("Agreement of the two coders on 8 answers: Krippendorff's α");
    expect(text.stdout).toContain('1 disagreement:');

    writeFileSync(join(dir, 'bad.csv'), 'answer,themes\na-000000000000,trafik\n');
    const bad = await dialog(['audit', 'score', 'bad.csv'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.csv:2:1: no answer a-000000000000 in the corpus');
    expect((await dialog(['audit', 'score'], { cwd: dir })).code).toBe(2);
    expect((await dialog(['audit', 'sample', '--size', 'many'], { cwd: dir })).code).toBe(2);
  });
});

describe('audit at 10 000 answers', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sample and score each take under 5 s of CPU through the real bin', async () => {
    dir = await tenThousandAnswerWorkspace();
    const sampled = binCpuSeconds(['audit', 'sample', '--size', '400', '-o', 'k.csv', '-q'], dir);
    expect(sampled.code, sampled.stderr).toBe(0);
    fill(join(dir, 'k.csv'), reading);
    const scored = binCpuSeconds(['audit', 'score', 'k.csv', '--no-write', '-q'], dir);
    expect(scored.code, scored.stderr).toBe(0);
    console.log(`audit at 10 000 answers, CPU seconds: sample ${sampled.seconds}, score ${scored.seconds}`);
    expect(sampled.seconds).toBeLessThan(5);
    expect(scored.seconds).toBeLessThan(5);
  }, 120_000);
});
