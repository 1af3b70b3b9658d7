import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialog, ROOT, tmp } from './helpers.js';

describe('the benchmark generator', () => {
  it('is deterministic, and its CSV and YAML are valid dialog input with the same answers', async () => {
    const a = tmp();
    const b = tmp();
    for (const dir of [a, b]) execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '1500', dir, '--yaml']);
    expect(readFileSync(join(a, 'svar.csv'), 'utf8')).toBe(readFileSync(join(b, 'svar.csv'), 'utf8'));
    expect(readdirSync(join(a, 'yaml'))).toEqual(readdirSync(join(b, 'yaml')));
    const csv = JSON.parse((await dialog(['ingest', join(a, 'svar.csv'), '--dry-run', '--format', 'json', '-q'])).stdout);
    const yaml = JSON.parse((await dialog(['ingest', join(a, 'yaml'), '--dry-run', '--format', 'json', '-q'])).stdout);
    expect(csv.answers).toBe(1500);
    expect(yaml.answers).toBe(1500);
    expect(yaml.responses).toBe(csv.responses);
  });
});

const REAL = join(ROOT, '..', 'shared', 'real-dev', 'dev.yaml');

describe.skipIf(!existsSync(REAL))('the benchmark generator on real text', () => {
  it('draws 1–3 real passages per answer, deterministically, into valid CSV and YAML', async () => {
    const a = tmp();
    const b = tmp();
    for (const dir of [a, b]) execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '600', dir, '--yaml', '--real', REAL]);
    const csvText = readFileSync(join(a, 'svar.csv'), 'utf8');
    expect(csvText).toBe(readFileSync(join(b, 'svar.csv'), 'utf8'));
    const csv = JSON.parse((await dialog(['ingest', join(a, 'svar.csv'), '--dry-run', '--format', 'json', '-q'])).stdout);
    const yaml = JSON.parse((await dialog(['ingest', join(a, 'yaml'), '--dry-run', '--format', 'json', '-q'])).stdout);
    expect(csv.answers).toBe(600);
    expect(yaml.answers).toBe(600);
    // Real passages are long: far more text per answer than one generated sentence.
    expect(csvText.length / 600).toBeGreaterThan(300);
  });
});
