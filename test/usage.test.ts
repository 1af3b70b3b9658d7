import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialog, FIXTURES } from './helpers.js';

const SMALL = join(FIXTURES, 'themes', 'small');

describe('usage that helps', () => {
  it('accepts the Swedish spelling and English names of the templates, and suggests a name for a typo (exit 2)', async () => {
    for (const t of ['remissammanställning', 'Remissammanstallning', 'compilation'])
      expect((await dialog(['report', SMALL, '-t', t, '-q'])).stdout).toMatch(/^# (Remissammanställning|Compilation)/);
    const typo = await dialog(['report', SMALL, '-t', 'sammanfatning']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean "sammanfattning"?');
    for (const t of ['constructor', 'toString', '__proto__']) expect((await dialog(['report', SMALL, '-t', t])).code).toBe(2);
  });

  it('takes --lang in any case and refuses other languages as usage errors', async () => {
    expect((await dialog(['report', SMALL, '--lang', 'EN', '-q'])).stdout).toMatch(/^# Summary/);
    expect((await dialog(['report', SMALL, '--lang', 'de'])).code).toBe(2);
  });

  it('refuses option combinations it cannot honour, and honours --explain --format json', async () => {
    for (const args of [['--explain', '0160', '--kwic', 'KSL'], ['--eval', '--kwic', 'KSL'], ['--excel'], ['--explain', '0160', '--format', 'csv']]) {
      const r = await dialog(['themes', SMALL, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
    }
    const r = await dialog(['themes', SMALL, '--explain', '0160', '--format', 'json']);
    expect(r.code).toBe(0);
    const explained = JSON.parse(r.stdout);
    expect(explained[0].themes.find((t: { id: string }) => t.id === 'gotland-merger').assigned).toBe(true);
  });
});
