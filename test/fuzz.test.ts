import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { dialog, ROOT, tmp } from './helpers.js';
import { para, rawDocx, rawXlsx, row } from './hostile-documents.js';

/**
 * Seeded fuzzing over the readers, the codebook and the config, through the CLI in this process.
 * Each case must end in exit 0 or 1, point inside the file it blames, write no control
 * character, and keep its messages short.
 */

/** A small, fast, seeded generator (mulberry32): the same seed gives the same cases everywhere. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = ['\u0000', '\u001b[2J', '\u001b]52;c;aGVq\u0007', '\u009b', '\u202e', '\r', '\r\n', '\n', '\t', '"', "'", ':', ': ', '- ', '[', ']', '{', '}', '&a ', '*a', '!!binary ', '#', ',', ';', '|', '>', '%', '@', '`', '\\', 'å', 'Ä', '😀', '\ufeff', '   ', 'constructor', '__proto__', 'toString', '=cmd|', '<script>', 'x'.repeat(300)];

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = next();
    if (kind < 0.45) out = out.slice(0, at) + NASTY[Math.floor(next() * NASTY.length)] + out.slice(at);
    else if (kind < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 20));
    else if (kind < 0.85) {
      const len = Math.floor(next() * 40);
      out = out.slice(0, at) + out.slice(at, at + len).repeat(2) + out.slice(at + len);
    } else out = out.slice(0, at) + String.fromCharCode(Math.floor(next() * 0x3000)) + out.slice(at);
  }
  return out;
}

const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** Lines as an editor counts them. */
const linesOf = (text: string) => text.replace(/^\ufeff/u, '').split(/\r\n|\r|\n/u);

function checkRun(r: { code: number; stdout: string; stderr: string }, files: Record<string, string>, label: string) {
  expect([0, 1], `${label}: exit ${r.code}\n${r.stderr.slice(0, 400)}`).toContain(r.code);
  expect(r.stderr, label).not.toMatch(CONTROL);
  expect(r.stdout, label).not.toMatch(CONTROL);
  expect(r.stderr.length, label).toBeLessThan(64_000);
  for (const line of r.stderr.split('\n')) {
    expect(line.length, `${label}: ${line.slice(0, 200)}`).toBeLessThanOrEqual(1200);
    const m = /^([^:\s]+):(\d+):(\d+): /u.exec(line);
    if (!m || !(m[1] in files)) continue;
    const lines = linesOf(files[m[1]]);
    const [row, col] = [Number(m[2]), Number(m[3])];
    expect(row, `${label}: ${line.slice(0, 200)}`).toBeGreaterThanOrEqual(1);
    expect(row, `${label}: ${line.slice(0, 200)}`).toBeLessThanOrEqual(lines.length);
    expect(col, `${label}: ${line.slice(0, 200)}`).toBeLessThanOrEqual(lines[row - 1].length + 1);
  }
}

const YAML_SEED = `respondent: Nacka kommun
date: 2016-02-15
stance: tillstyrker med förbehåll
reference: KFKS 2015/123
answers:
  - question: q1
    text: >-
      Kommunen ser positivt på att landstinget bildar region, men det kommunala
      självstyret får inte inskränkas.
  - question: q2
    text: Vi förväntar oss en tydlig dialog med kommunerna.
reservations:
  - parties: [M, KD]
    text: Regionen får inte bli överordnad kommunerna.
`;

const CSV_SEED = `respondent;datum;ställningstagande;fråga;svar
Nacka kommun;2016-02-15;tillstyrker;q1;"Kommunen ser positivt på regionbildningen; självstyret ska värnas."
Huddinge kommun;15/2/2016;avstyrker;q1;Vi avstyrker förslaget om en regionkommun.
Huddinge kommun;15/2/2016;avstyrker;q2;"Folkomröstning borde hållas, ""anser"" vi."
`;

const CODEBOOK_SEED = `version: 1
language: sv
themes:
  - id: self-government
    label: { sv: Kommunalt självstyre, en: Self-government }
    threshold: 2
    patterns:
      - { glob: "*självstyr*", weight: 2 }
      - { near: ["region*", "kommun*"], within: 4, weight: 1 }
      - { phrase: "kommunal* autonomi*", weight: 2, requires: theme }
  - id: referendum
    label: { sv: Folkomröstning }
    patterns:
      - { word: slå, forms: [slogs, slagits], requires: [{ word: samman }], weight: 1 }
      - { glob: "folkomröstning*", weight: 1 }
`;

const CONFIG_SEED = `inputs: [svar]
corpus: .dialog/corpus.json
lang: sv
outputs:
  sammanfattning: rapporter/sammanfattning.md
`;

const CASES = Number(process.env.DIALOG_FUZZ_CASES ?? 50);
const SEED = Number(process.env.DIALOG_FUZZ_SEED ?? 20161014);

describe(`fuzzing (seed ${SEED}, ${CASES} cases per input kind)`, () => {
  let base: string;
  beforeAll(async () => {
    base = tmp();
    writeFileSync(join(base, 'svar.yaml'), YAML_SEED);
    expect((await dialog(['ingest', 'svar.yaml', '--out', 'c.json'], { cwd: base })).code).toBe(0);
  });

  for (const [what, file, seedText, seed] of [
    ['YAML answer files', 'svar.yaml', YAML_SEED, SEED],
    ['CSV sheets', 'svar.csv', CSV_SEED, SEED + 1],
  ] as const)
    it(what, async () => {
      const next = random(seed);
      for (let i = 0; i < CASES; i++) {
        const dir = tmp();
        const text = mutate(seedText, next);
        writeFileSync(join(dir, file), text);
        const r = await dialog(['ingest', file, '--out', 'c.json'], { cwd: dir });
        checkRun(r, { [file]: text }, `${file} case ${i}`);
      }
    }, 30_000);

  // Documents, workbooks and zips (issue 19): mutated text letters, mutated XML inside a valid zip,
  // and damaged zip bytes. Each run ends in exit 0 or 1, within the test's time.
  const LETTER_SEED = `Nacka kommun\nDatum 2016-02-15\nDnr KFKS 2015/123\n\nYttrande över regionbildningen\n\n# Sammanfattning\n\nKommunen ser positivt på regionbild-\nningen, men **självstyret** får inte _inskränkas_ [se](x).\n\n1. Hälso- och sjukvård\n- EU-\ndirektivet\f2 (3)\n\nMed vänlig hälsning\nPia Karlsson\n`;
  const BODY_SEED = [para('Nacka kommun'), para('Yttrande över regionbildningen'), '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Synpunkter</w:t></w:r></w:p>', para('Kommunen tillstyrker förslaget &amp; ser positivt på det.'), para('Sida 1 av 2')].join('');
  const SHEET_SEED = `<dimension ref="A1:C3"/><sheetData>${row(1, ['respondent', 'fråga', 'svar'])}${row(2, ['Nacka kommun', 'q1', 'Vi tillstyrker.'])}${row(3, ['Solna stad', 'q1', 'Vi avstyrker &amp; undrar.'])}</sheetData>`;
  const damage = (bytes: Buffer, next: () => number) => {
    const out = Buffer.from(bytes);
    const edits = 1 + Math.floor(next() * 6);
    for (let e = 0; e < edits; e++) out[Math.floor(next() * out.length)] = Math.floor(next() * 256);
    return next() < 0.2 ? out.subarray(0, Math.floor(next() * out.length)) : out;
  };
  for (const [what, file, make, seed] of [
    ['text letters', 'svar.txt', async (next: () => number) => mutate(LETTER_SEED, next), SEED + 10],
    ['Markdown letters', 'svar.md', async (next: () => number) => mutate(LETTER_SEED, next), SEED + 11],
    ['Word documents (mutated XML)', 'svar.docx', async (next: () => number) => rawDocx(mutate(BODY_SEED, next), next() < 0.5 ? mutate(BODY_SEED, next) : undefined), SEED + 12],
    ['workbooks (mutated XML)', 'svar.xlsx', async (next: () => number) => rawXlsx(mutate(SHEET_SEED, next)), SEED + 13],
    ['Word documents (damaged zips)', 'svar.docx', async (next: () => number) => damage(await rawDocx(BODY_SEED, BODY_SEED), next), SEED + 14],
    ['workbooks (damaged zips)', 'svar.xlsx', async (next: () => number) => damage(await rawXlsx(SHEET_SEED), next), SEED + 15],
  ] as const)
    it(what, async () => {
      const next = random(seed);
      for (let i = 0; i < CASES; i++) {
        const dir = tmp();
        const content = await make(next);
        writeFileSync(join(dir, file), content);
        const r = await dialog(['ingest', file, '--dry-run'], { cwd: dir });
        checkRun(r, typeof content === 'string' ? { [file]: content } : {}, `${file} case ${i}`);
      }
    }, 60_000);

  it('codebooks', async () => {
    const next = random(SEED + 2);
    for (let i = 0; i < CASES; i++) {
      const text = mutate(CODEBOOK_SEED, next);
      const name = `book${i}.yaml`;
      writeFileSync(join(base, name), text);
      const r = await dialog(['themes', '--corpus', 'c.json', '--codebook', name, '--no-write'], { cwd: base });
      checkRun(r, { [name]: text }, `codebook case ${i}`);
    }
  }, 30_000);

  it('workspace configs', async () => {
    const next = random(SEED + 3);
    for (let i = 0; i < CASES; i++) {
      const dir = tmp();
      mkdirSync(join(dir, 'svar'));
      writeFileSync(join(dir, 'svar', 'a.yaml'), YAML_SEED);
      const text = mutate(CONFIG_SEED, next);
      writeFileSync(join(dir, 'dialog.config.yaml'), text);
      const r = await dialog(['ingest'], { cwd: dir });
      checkRun(r, { 'dialog.config.yaml': text }, `config case ${i}`);
    }
  }, 30_000);
});

type ReadCsv = typeof import('../src/core/ingest/read-csv.js').readCsv;
type ReadYaml = typeof import('../src/core/ingest/read-yaml.js').readYaml;

describe('reader properties (fast-check)', () => {
  let readCsv: ReadCsv;
  let readYaml: ReadYaml;
  beforeAll(async () => {
    readCsv = ((await import(pathToFileURL(join(ROOT, 'dist/core/ingest/read-csv.js')).href)) as { readCsv: ReadCsv }).readCsv;
    readYaml = ((await import(pathToFileURL(join(ROOT, 'dist/core/ingest/read-yaml.js')).href)) as { readYaml: ReadYaml }).readYaml;
  });
  const bytesOf = (text: string, chunk: number) => () =>
    (async function* () {
      const all = Buffer.from(text);
      for (let i = 0; i < all.length; i += chunk) yield all.subarray(i, i + chunk);
    })();

  const cellText = fc.string({ unit: fc.constantFrom('a', 'ö', ' ', ',', ';', '"', '\n', 'Region', '.', 'é', '😀'), minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');
  const names = fc.constantFrom('Nacka kommun', 'Solna stad', 'Region Gotland', 'Föreningen X');
  const quote = (s: string) => `"${s.replace(/"/gu, '""')}"`;

  it('a CSV written with any line ending and read in any chunking gives back every answer, whole', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(names, cellText), { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'), fc.integer({ min: 1, max: 64 }), async (rows, eol, chunk) => {
        const text = ['respondent,text', ...rows.map(([who, what]) => `${quote(who)},${quote(what)}`)].join(eol) + eol;
        const parsed = await readCsv('p.csv', bytesOf(text, chunk), 'sha');
        expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const texts = parsed.responses.flatMap((r) => r.answers.map((a) => a.text));
        expect(texts.sort()).toEqual(rows.map(([, what]) => what.replace(/\r\n?/gu, '\n')).sort());
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('any text read as CSV or YAML gives diagnostics inside the file, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom('a', ',', ';', '"', '\n', '\r', ':', '-', ' ', '[', '{', '&', '*', 'respondent', 'text', '\u001b'), maxLength: 60 }), async (text) => {
        const lines = linesOf(text).length;
        const csv = await readCsv('p.csv', bytesOf(text, 7), 'sha');
        for (const d of csv.diagnostics) expect(d.line).toBeLessThanOrEqual(lines);
        const yaml = readYaml('p.yaml', text, 'sha');
        for (const d of yaml.diagnostics) expect(d.line).toBeLessThanOrEqual(lines);
        for (const d of [...csv.diagnostics, ...yaml.diagnostics]) expect(d.message).not.toMatch(CONTROL);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('the line joiner decides every hyphen as the whole-text pattern did, reading only the tail', async () => {
    const { joinLines } = (await import(pathToFileURL(join(ROOT, 'dist/core/documents/paragraphs.js')).href)) as typeof import('../src/core/documents/paragraphs.js');
    // The joiner before issue 19 (a pattern over the whole text, which backtracks): the oracle for short texts.
    const SHARED = /^(?:och|eller|samt|respektive|resp\.|som|till|men|liksom)(?![\p{L}])/iu;
    const oracle = (before: string, after: string, vocabulary: Set<string>) => {
      if (/\u00ad$/u.test(before)) return before.slice(0, -1) + after;
      const m = /(\S*?)(\p{L}+)-$/u.exec(before);
      if (!m || !/^\p{L}/u.test(after)) return `${before} ${after}`;
      if (SHARED.test(after)) return `${before} ${after}`;
      const prefix = m[2];
      const rest = /^[\p{L}-]+/u.exec(after)![0];
      if (/^\p{Lu}/u.test(after) || prefix.length === 1 || /^\p{Lu}+$/u.test(prefix) || /\d$/u.test(m[1])) return `${before}${after}`;
      if (vocabulary.has(`${prefix}-${rest}`.toLowerCase()) && !vocabulary.has(`${prefix}${rest}`.toLowerCase())) return `${before}${after}`;
      return `${before.slice(0, -1)}${after}`;
    };
    const text = fc.string({ unit: fc.constantFrom('a', 'ä', 'A', 'Ö', '-', ' ', '1', '.', '\u00ad', 'och ', 'EU', 'e'), maxLength: 24 });
    fc.assert(
      fc.property(text, text, fc.array(fc.constantFrom('a-a', 'aa', 'e-post', 'ä-a', 'aä'), { maxLength: 3 }), (before, after, words) => {
        const vocabulary = new Set(words);
        expect(joinLines(before, after, vocabulary)).toBe(oracle(before, after, vocabulary));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('the word scanner finds exactly what /[\\p{L}\\p{N}]+/gu finds, in any script, with lone surrogates', async () => {
    const { forEachWord } = (await import(pathToFileURL(join(ROOT, 'dist/core/text/words.js')).href)) as typeof import('../src/core/text/words.js');
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('a', 'Å', 'é', '1', '²', '½', 'ª', ' ', '-', ':', '\u0301', '\ud800', '\udc00', '𝐀', '東'), fc.integer({ min: 0, max: 0x2fff }).map((c) => String.fromCharCode(c))), maxLength: 40 }), (text) => {
        const found: string[] = [];
        forEachWord(text, (start, end) => found.push(text.slice(start, end)));
        expect(found).toEqual(text.match(/[\p{L}\p{N}]+/gu) ?? []);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
