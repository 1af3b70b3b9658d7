import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RespondentIndex, respondentId, type Register } from '../src/core/ingest/respondents.js';
import { dialog, FIXTURES, ROOT, tmp } from './helpers.js';
import { loadRegister } from '../src/cli/workspace/workspace.js';
import { writeFileSync } from 'node:fs';

const register = loadRegister(join(ROOT, 'data', 'example', 'register.yaml'));
const index = new RespondentIndex(register);
const table = parse(readFileSync(join(FIXTURES, 'respondents', 'names.yaml'), 'utf8')) as { name: string; id: string; type: string; organ?: string }[];

describe('respondent resolution', () => {
  it('has a table of at least 60 real-world name forms', () => {
    expect(table.length).toBeGreaterThanOrEqual(60);
  });

  it.each(table.map((t) => [t.name, t]))('%s', (_name, t) => {
    const r = index.resolveName(t.name);
    expect({ id: r.respondent.id, type: r.respondent.type, organ: r.organ }).toEqual({ id: t.id, type: t.type, organ: t.organ });
  });

  it('warns, naming both, when a name could be either of two respondents, and keeps it apart', () => {
    const r = index.resolveName('Nacka kommun, Värmdö kommun');
    expect(r.respondent.known).toBe(false);
    expect(r.ambiguous).toEqual(['Nacka kommun', 'Värmdö kommun']);
  });

  it('gives names without Latin letters ids that never collide', () => {
    const ids = ['Ассоциация муниципалитетов', 'Σύλλογος Δήμων', 'Союз городов', '東京都'].map(respondentId);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
    expect(respondentId('Trafikverket')).toBe('trafikverket');
  });
});

describe('rows of different respondents never merge', () => {
  it('keeps Region Stockholm apart from Stockholms stad, and one municipality once whatever its organ', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'svar.csv'),
      [
        'Remissinstans;Ställningstagande;Svar',
        'Region Stockholm;tillstyrker;Regionen ser positivt på förslaget.',
        'Stadsledningskontoret, Stockholms stad;avstyrker;Staden avstyrker förslaget.',
        'Kommunstyrelsen, Nacka kommun;tillstyrker med förbehåll;Nacka vill se en tydligare ansvarsfördelning.',
        'Nacka kommun;;Kommunen vill också nämna kollektivtrafiken.',
        'Ассоциация муниципалитетов;tillstyrker;Первый ответ.',
        'Σύλλογος Δήμων;avstyrker;Δεύτερη απάντηση.',
      ].join('\n') + '\n',
    );
    const out = join(dir, 'corpus.json');
    const r = await dialog(['ingest', 'svar.csv', '-o', out, '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('the first is kept');
    const c = JSON.parse(readFileSync(out, 'utf8'));
    const by = (id: string) => c.responses.filter((x: { respondent: string }) => x.respondent === id);
    expect(by('01')).toHaveLength(1);
    expect(by('01')[0].stance).toBe('support');
    expect(by('0180')).toHaveLength(1);
    expect(by('0180')[0].stance).toBe('oppose');
    expect(by('0180')[0].organ).toBe('Stadsledningskontoret');
    expect(by('0182')).toHaveLength(1);
    expect(by('0182')[0].answers).toHaveLength(2);
    expect(c.respondents).toHaveLength(5);
    const report = await dialog(['report', '--corpus', out, '-q'], { cwd: dir });
    expect(report.code).toBe(0);
    // No consultation names a county: the report counts by type and says nothing of "länets".
    expect(report.stdout).toMatch(/Remissinstanserna är 2 kommuner \(Nacka kommun och Stockholms stad\), 1 region \(Region Stockholm\)/);
    expect(report.stdout).not.toMatch(/länets/);
  });
});
