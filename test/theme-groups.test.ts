import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialog, tmp } from './helpers.js';

/**
 * `dialog themes` counts a theme's respondents by the groups the report uses: the register's
 * category (K1–K3, which the 2016 Stockholm example's register sets) where it gives one, else the
 * respondent's type. A consultation elsewhere has no K columns, and its municipalities are counted
 * as municipalities, not as "other". The letters are invented, from Västerbotten.
 */

const LETTERS: Record<string, string> = {
  'umea.yaml': 'respondent: Umeå kommun\nanswers:\n  - text: Kommunen ser att kostnaderna ökar och att finansieringen är oklar.\n',
  'skelleftea.yaml': 'respondent: Skellefteå kommun\nanswers:\n  - text: Tidplanen är för kort; kostnaderna är inte utredda.\n',
  'region.yaml': 'respondent: Region Västerbotten\nanswers:\n  - text: Regionen har inga synpunkter på förslaget.\n',
};

const CODEBOOK = `themes:
  - id: kostnader
    label: { sv: Kostnader }
    patterns: [{ glob: "kostnad*" }]
`;

function letters(): string {
  const dir = tmp();
  for (const [name, text] of Object.entries(LETTERS)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'codebook.yaml'), CODEBOOK);
  return dir;
}

describe('respondents by group in dialog themes', () => {
  it('counts municipalities of a register without categories as municipalities, with no K columns', async () => {
    const dir = letters();
    const args = ['themes', ...Object.keys(LETTERS), '--codebook', 'codebook.yaml', '--no-write', '-q'];
    const text = await dialog(args, { cwd: dir });
    expect(text.code, text.stderr).toBe(0);
    const table = text.stdout.slice(text.stdout.indexOf('Respondents by group'));
    expect(table.split('\n')[1].trim().split(/\s+/u)).toEqual(['theme', 'kommun', 'region']);
    expect(table).toMatch(/kostnader\s+2\s+0\n/u);
    expect(table).toMatch(/all respondents\s+2\s+1\n/u);
    expect(table).not.toMatch(/K1|other/u);

    const json = await dialog([...args, '--format', 'json'], { cwd: dir });
    const overview = JSON.parse(json.stdout).overview;
    expect(overview.groups).toEqual({ kommun: 2, region: 1 });
    expect(overview.themes[0]).toMatchObject({ id: 'kostnader', byGroup: { kommun: 2, region: 0 } });
  });

  it("uses the register's categories where it gives them (the Stockholm example), in the report's order", async () => {
    const r = await dialog(['themes', '--format', 'json', '--no-write', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const overview = JSON.parse(r.stdout).overview;
    expect(Object.keys(overview.groups)).toEqual(['K1', 'K2', 'K3', 'region', 'organisation']);
    const respondents = Object.values(overview.groups as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(respondents).toBe(overview.respondents);
    for (const t of overview.themes) {
      expect(Object.keys(t.byGroup)).toEqual(Object.keys(overview.groups));
      expect(Object.values(t.byGroup as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(t.respondents.length);
    }
  });
});
