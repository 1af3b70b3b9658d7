import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialogBin, ROOT, tmp } from './helpers.js';

// The few checks that need a real process: the bin itself, its exit status and its streams.
describe('the dialog executable', () => {
  it('answers --version without loading the CLI', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const r = dialogBin(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('runs ingest → report end to end with exit status 0 and the report on stdout', () => {
    const corpus = join(tmp(), 'corpus.json');
    const ingest = dialogBin(['ingest', 'data/example', '-o', corpus]);
    expect(ingest.code).toBe(0);
    const report = dialogBin(['report', '--corpus', corpus]);
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/^# /);
  });

  it('exits 1 on bad input and 2 on bad usage, without a stack trace', () => {
    const bad = dialogBin(['ingest', 'test/fixtures/ingest/malformed-yaml', '--dry-run']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(dialogBin(['frobnicate']).code).toBe(2);
  });
});
