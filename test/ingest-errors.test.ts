import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialog, FIXTURES, golden, tmp } from './helpers.js';

const CASES = join(FIXTURES, 'ingest');

describe('dialog ingest rejects bad input with every problem located', () => {
  for (const name of readdirSync(CASES).sort()) {
    it(name, async () => {
      const out = join(tmp(), 'corpus.json');
      const inputs = readdirSync(join(CASES, name)).filter((f) => f !== 'expected.txt').sort();
      const r = await dialog(['ingest', ...inputs, '-o', out], { cwd: join(CASES, name) });
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
      for (const line of r.stderr.trim().split('\n')) expect(line).toMatch(/^[^:]+:\d+:\d+: /);
      golden(join(CASES, name, 'expected.txt'), r.stderr);
    });
  }

  it('reports a file that does not exist, with the others', async () => {
    const r = (await dialog(['ingest', 'nosuch.yaml', join(CASES, 'unknown-stance'), '--dry-run']));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nosuch.yaml: no such file or folder; check the path');
    expect(r.stderr).toContain('unknown stance "kanske"');
    expect(r.stderr).toContain('unknown stance "jaha"');
  });

  it('shows a stack trace only with --verbose', async () => {
    const dir = tmp();
    const r = (await dialog(['ingest', join(CASES, 'wrong-types'), '--verbose', '-o', join(dir, 'c.json')]));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"respondent" must be a text');
  });
});
