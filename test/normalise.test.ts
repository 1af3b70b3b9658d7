import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RespondentIndex, inferType, type Register } from '../src/core/ingest/respondents.js';
import { normaliseStance } from '../src/core/ingest/stance.js';
import { detectDelimiter, parseDate, splitThemes } from '../src/core/ingest/csv-columns.js';
import { ROOT } from './helpers.js';
import { loadRegister } from '../src/cli/workspace/workspace.js';

const register = loadRegister(join(ROOT, 'data/example/register.yaml'));
const index = new RespondentIndex(register);

describe('respondent names', () => {
  it.each([
    ['Huddinge kommun', '0126'],
    ['Kommunstyrelsen i Huddinge', '0126'],
    ['HUDDINGE', '0126'],
    ['Stockholms stad', '0180'],
    ['Upplands Bro', '0139'],
    ['Upplands-Bro kommun', '0139'],
    ['Region Gotland', '0980'],
    ['Gotlands kommun', '0980'],
    ['Danderyds kommun', '0162'],
    ['Lidingö stad', '0186'],
    ['Österåker', '0117'],
    ['Upplands Väsby', '0114'],
    ['0126', '0126'],
  ])('%s → %s', (name, code) => {
    expect(index.resolve(name).id).toBe(code);
  });

  it('the example register sums to the county population of 2016', () => {
    const inCounty = register.respondents.filter((r) => r.type === 'kommun' && r.county === '01');
    expect(inCounty).toHaveLength(26);
    expect(inCounty.reduce((n, r) => n + (r.population ?? 0), 0)).toBe(2_269_060);
    expect(inCounty.filter((r) => r.category === 'K1').map((r) => r.name)).toEqual(['Stockholms stad']);
  });

  it('infers the type of unknown respondents', () => {
    expect(inferType('Länsstyrelsen i Stockholms län')).toBe('myndighet');
    expect(inferType('Trafikverket')).toBe('myndighet');
    expect(inferType('Sveriges Kommuner och Landsting')).toBe('organisation');
    expect(inferType('Region Uppsala')).toBe('region');
    expect(inferType('Enköpings kommun')).toBe('kommun');
    expect(inferType('Anna Andersson')).toBe('övrig');
    expect(index.resolve('Region Uppsala')).toMatchObject({ id: '03', known: true, type: 'region' });
    expect(index.resolve('Landstinget i Testlän')).toMatchObject({ id: 'landstinget-i-testlan', known: false, type: 'region' });
  });
});

describe('stances', () => {
  it.each([
    ['tillstyrker', 'support'],
    ['Tillstyrker.', 'support'],
    ['support', 'support'],
    ['tillstyrker med förbehåll', 'conditional'],
    ['Tillstyrker delvis', 'conditional'],
    ['avstyrker', 'oppose'],
    ['avstår från att yttra sig', 'no-opinion'],
    ['Har inget att invända', 'no-opinion'],
    ['inga synpunkter', 'no-opinion'],
    ['inget ställningstagande', 'no-opinion'],
  ])('%s → %s', (raw, stance) => expect(normaliseStance(raw)).toBe(stance));

  it('rejects unknown phrasings', () => expect(normaliseStance('kanske')).toBeUndefined());
});

describe('CSV helpers', () => {
  it('detects the delimiter outside quotes', () => {
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('"a;b",c,d')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
  });
  it('parses Swedish dates and rejects impossible ones', () => {
    expect(parseDate('2016-03-14')).toBe('2016-03-14');
    expect(parseDate('14/3/2016')).toBe('2016-03-14');
    expect(parseDate('14.3.2016')).toBe('2016-03-14');
    expect(parseDate('2016-02-29')).toBe('2016-02-29');
    expect(parseDate('2015-02-29')).toBeUndefined();
    expect(parseDate('31/4/2016')).toBeUndefined();
  });
  it('splits theme lists', () => expect(splitThemes(' a; b |c,d ')).toEqual(['a', 'b', 'c', 'd']));
});
