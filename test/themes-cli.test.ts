import { cpSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialog, FIXTURES, golden, tmp, withoutWorkspaceNotice } from './helpers.js';

const SMALL = join(FIXTURES, 'themes', 'small');
const GOLD = join(FIXTURES, 'themes', 'golden');

describe('dialog themes output formats (golden files)', () => {
  it.each([
    ['text', 'summary.txt'],
    ['json', 'summary.json'],
    ['csv', 'summary.csv'],
  ])('--format %s', async (format, file) => {
    const r = (await dialog(['themes', SMALL, '--format', format]));
    expect(r.code).toBe(0);
    golden(join(GOLD, file), r.stdout);
  });

  it('--eval prints the documented JSON shape', async () => {
    const r = (await dialog(['themes', '--eval', SMALL, '--format', 'json']));
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(Object.keys(e)).toEqual(['themes', 'micro', 'macro', 'answers', 'patterns', 'context']);
    expect(Object.keys(e.context)).toEqual(['patterns', 'macroF1Without', 'tp', 'fp']);
    for (const p of e.patterns) expect(Object.keys(p)).toEqual(['theme', 'pattern', 'fired', 'precision', 'uniqueTp', 'uniqueFp']);
    expect(Object.keys(e.themes)).toEqual(['self-government', 'gotland-merger', 'citizen-accountability', 'ksl-role']);
    for (const t of Object.values(e.themes) as Record<string, number>[]) expect(Object.keys(t)).toEqual(['precision', 'recall', 'f1', 'support']);
    expect(e.answers).toBe(6);
    golden(join(GOLD, 'eval.json'), r.stdout);
  });

  it('--eval text lists false positives and negatives; --min-f1 fails CI below the bar', async () => {
    const text = (await dialog(['themes', '--eval', SMALL]));
    golden(join(GOLD, 'eval.txt'), text.stdout);
    expect((await dialog(['themes', '--eval', SMALL, '--min-f1', '0.5'])).code).toBe(0);
    const strict = (await dialog(['themes', '--eval', SMALL, '--min-f1', '1.01']));
    expect(strict.code).toBe(2);
  });

  it('--explain shows matches and why each theme was assigned, vetoed or not', async () => {
    const r = (await dialog(['themes', SMALL, '--explain', 'Täby']));
    expect(r.code).toBe(0);
    golden(join(GOLD, 'explain.txt'), r.stdout);
    expect(r.stdout).toContain('vetoed: every match is excluded');
    expect(r.stdout).toContain('inferred: oppose from "avstyrker"');
  });

  it('--kwic shows keywords in context', async () => {
    const r = (await dialog(['themes', SMALL, '--kwic', 'självstyr*']));
    expect(r.code).toBe(0);
    golden(join(GOLD, 'kwic.txt'), r.stdout);
    expect(JSON.parse((await dialog(['themes', SMALL, '--kwic', 'token:KSL', '--format', 'json'])).stdout)).toHaveLength(2);
  });

  it('--explain of an unknown id is an input error', async () => {
    const r = (await dialog(['themes', SMALL, '--explain', 'nobody']));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no answer, response or respondent');
  });

  it('writes results beside the corpus, and reads the corpus by default', async () => {
    const dir = tmp();
    const corpus = join(dir, 'corpus.json');
    expect((await dialog(['ingest', SMALL, '-o', corpus])).code).toBe(0);
    const r = (await dialog(['themes', '--corpus', corpus, '--format', 'json']));
    expect(r.code).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, 'themes.json'), 'utf8'));
    expect(results.format).toBe('dialog-themes');
    expect(results.answers).toHaveLength(6);
    expect((await dialog(['themes', '--corpus', corpus, '--no-write'])).code).toBe(0);
  });

  it('a missing corpus says how to make one', async () => {
    const r = (await dialog(['themes', '--corpus', join(tmp(), 'nope.json')]));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('run `dialog ingest <files>` first');
  });

  it('usage errors exit 2', async () => {
    expect((await dialog(['themes', SMALL, '--min-f1', '0.5'])).code).toBe(2);
    expect((await dialog(['themes', SMALL, '--eval', '--min-f1', 'x'])).code).toBe(2);
    expect((await dialog(['themes', SMALL, '--kwic', 'a(b'])).code).toBe(2);
  });
});

describe('an invalid codebook is reported like data files', () => {
  const CASES = join(FIXTURES, 'codebook');
  for (const name of readdirSync(CASES).sort()) {
    it(name, async () => {
      // Outside the repository's own workspace, so that the codebook's path is the case folder's.
      const here = join(tmp(), name);
      cpSync(join(CASES, name), here, { recursive: true });
      const r = (await dialog(['themes', SMALL, '--codebook', 'codebook.yaml'], { cwd: here }));
      expect(r.code).toBe(1);
      const stderr = withoutWorkspaceNotice(r.stderr);
      for (const line of stderr.trim().split('\n')) expect(line).toMatch(/^codebook\.yaml:\d+:\d+: /);
      golden(join(CASES, name, 'expected.txt'), stderr);
    });
  }

  it('the shipped codebook has the four default themes', async () => {
    const r = (await dialog(['themes', SMALL, '--format', 'json']));
    expect(JSON.parse(r.stdout).overview.themes.map((t: { id: string }) => t.id)).toEqual(['self-government', 'gotland-merger', 'citizen-accountability', 'ksl-role']);
    expect(existsSync(join(SMALL, 'themes.json'))).toBe(false);
  });
});

describe('the labelled set', () => {
  it('has at least 100 answers and the default codebook scores well on it', async () => {
    const r = (await dialog(['themes', '--eval', join(FIXTURES, 'eval'), '--format', 'json']));
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e.answers).toBeGreaterThanOrEqual(100);
    expect(e.macro.f1).toBeGreaterThanOrEqual(0.85);
  });
});
