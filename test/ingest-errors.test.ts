import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialog, FIXTURES, golden, tmp, withoutWorkspaceNotice } from './helpers.js';

const CASES = join(FIXTURES, 'ingest');

describe('dialog ingest rejects bad input with every problem located', () => {
  for (const name of readdirSync(CASES).sort()) {
    it(name, async () => {
      const out = join(tmp(), 'corpus.json');
      // Outside the repository's own workspace, so that paths are the case folder's.
      const here = join(tmp(), name);
      cpSync(join(CASES, name), here, { recursive: true });
      const inputs = readdirSync(here).filter((f) => f !== 'expected.txt').sort();
      const r = await dialog(['ingest', ...inputs, '-o', out], { cwd: here });
      expect(r.code).toBe(1);
      const stderr = withoutWorkspaceNotice(r.stderr);
      expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
      for (const line of stderr.trim().split('\n')) expect(line).toMatch(/^[^:]+:\d+:\d+: /);
      golden(join(CASES, name, 'expected.txt'), stderr);
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
