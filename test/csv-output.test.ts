import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { dialog, FIXTURES } from './helpers.js';

const CASE = join(FIXTURES, 'csv-injection');
const TRIGGER = /^[=+\-@\t\r]/;

function cells(csv: string, delimiter = ','): string[][] {
  return parse(csv.replace(/^\uFEFF/, ''), { delimiter, relax_column_count: false }) as string[][];
}

describe('CSV output is safe to open in a spreadsheet', () => {
  it('themes --format csv neutralises formula triggers in every text cell', async () => {
    const r = await dialog(['themes', CASE, '--format', 'csv', '--no-write', '-q']);
    expect(r.code).toBe(0);
    const rows = cells(r.stdout);
    expect(rows.length).toBeGreaterThan(4);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(TRIGGER);
    expect(r.stdout).toContain(`"'=HYPERLINK(""http://example.invalid"",""Klicka"")"`);
  });

  it('--kwic and --eval in CSV are neutralised too', async () => {
    const kwic = await dialog(['themes', CASE, '--kwic', 'självstyr*', '--format', 'csv', '-q']);
    expect(kwic.code).toBe(0);
    for (const row of cells(kwic.stdout)) for (const cell of row) expect(cell).not.toMatch(TRIGGER);
    const evalCsv = await dialog(['themes', join(FIXTURES, 'eval', 'part1.yaml'), '--eval', '--format', 'csv', '-q']);
    expect(evalCsv.code).toBe(0);
    expect(cells(evalCsv.stdout)[0]).toEqual(['theme', 'precision', 'recall', 'f1', 'support', 'tp', 'fp', 'fn']);
  });

  it('--excel writes what Swedish Excel opens directly: a UTF-8 BOM and semicolons', async () => {
    const r = await dialog(['themes', CASE, '--format', 'csv', '--excel', '--no-write', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('\uFEFFanswer;response;respondent;')).toBe(true);
    const rows = cells(r.stdout, ';');
    expect(rows[0]).toHaveLength(12);
    for (const row of rows) expect(row).toHaveLength(12);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(TRIGGER);
  });
});
