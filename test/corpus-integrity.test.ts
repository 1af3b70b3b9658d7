import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { dialog, dialogBin, tmp } from './helpers.js';
import { letterText, REGISTER, SKELLEFTEA, UMEA } from './invented-letters.js';

const EXAMPLE = `consultation:
  id: min-remiss
  title: Min remiss
  issuer: Min myndighet
  illustrative: true
  questions:
    - id: q1
      text: Vad anser ni om förslaget?
responses:
  - respondent: Vindeln
    date: 2026-01-15
    stance: tillstyrker
    answers:
      - question: q1
        text: Kommunen tillstyrker förslaget.
`;

const CONSULTATION = `id: avfallsplan-2024
title: Regional avfallsplan för Västerbottens län
issuer: Region Västerbotten
sent: 2024-01-15
deadline: 2024-04-15
questions:
  - id: q1
    text: Vad anser ni om förslaget till avfallsplan?
`;

function workspace(config: string, files: Record<string, string> = {}): string {
  const dir = tmp();
  writeFileSync(join(dir, 'dialog.config.yaml'), config);
  writeFileSync(join(dir, 'register.yaml'), REGISTER);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const docxText = (file: string) => strFromU8(unzipSync(readFileSync(file))['word/document.xml']);
const corpusOf = (dir: string) => JSON.parse(readFileSync(join(dir, '.dialog', 'corpus.json'), 'utf8'));

describe('the consultation follows its file (issue 18, item 1)', () => {
  it('leaves the corpus, and every report, when the example file that held it is removed (real bin)', async () => {
    const dir = workspace('inputs: [remissvar]\nregister: register.yaml\n', { 'remissvar/exempel.yaml': EXAMPLE });
    expect((await dialog(['ingest'], { cwd: dir })).code).toBe(0);
    expect(corpusOf(dir).consultation.title).toBe('Min remiss');
    rmSync(join(dir, 'remissvar', 'exempel.yaml'));
    writeFileSync(join(dir, 'remissvar', 'umea.txt'), letterText(UMEA));
    writeFileSync(join(dir, 'remissvar', 'skelleftea.txt'), letterText(SKELLEFTEA));
    const r = dialogBin(['ingest'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('remissvar/exempel.yaml');
    expect(r.stderr).toContain('the consultation "min-remiss" ("Min remiss") left the corpus');
    const corpus = corpusOf(dir);
    expect(corpus.consultation).toBeUndefined();
    expect(corpus.settings.consultation).toBeUndefined();
    for (const out of ['r.md', 'r.html']) expect((await dialog(['report', '-o', out], { cwd: dir })).code).toBe(0);
    expect((await dialog(['report', '-o', 'r.docx'], { cwd: dir })).code).toBe(0);
    for (const text of [readFileSync(join(dir, 'r.md'), 'utf8'), readFileSync(join(dir, 'r.html'), 'utf8'), docxText(join(dir, 'r.docx'))]) {
      expect(text).toContain('Umeå');
      for (const gone of ['Min remiss', 'Min myndighet', 'Vad anser ni om förslaget', 'illustrativa']) expect(text).not.toContain(gone);
    }
  });

  it('leaves a merged corpus when the file it came from is ingested again without it', async () => {
    const dir = workspace('register: register.yaml\n', { 'svar/exempel.yaml': EXAMPLE, 'svar/umea.txt': letterText(UMEA) });
    expect((await dialog(['ingest', 'svar/exempel.yaml', 'svar/umea.txt'], { cwd: dir })).code).toBe(0);
    expect(corpusOf(dir).settings.consultation).toMatchObject({ path: 'svar/exempel.yaml', input: true });
    // Another file merged in: the consultation stays, its file is still there.
    writeFileSync(join(dir, 'svar', 'skelleftea.txt'), letterText(SKELLEFTEA));
    expect((await dialog(['ingest', 'svar/skelleftea.txt'], { cwd: dir })).code).toBe(0);
    expect(corpusOf(dir).consultation.id).toBe('min-remiss');
    writeFileSync(join(dir, 'svar', 'exempel.yaml'), EXAMPLE.slice(EXAMPLE.indexOf('responses:')));
    expect((await dialog(['ingest', 'svar/exempel.yaml'], { cwd: dir })).code).toBe(0);
    expect(corpusOf(dir).consultation).toBeUndefined();
    expect(corpusOf(dir).responses).toHaveLength(3);
  });

  it('reads the consultation file the config names, records it with its hash, and is stale when it changes', async () => {
    const dir = workspace('inputs: [remissvar]\nregister: register.yaml\nconsultation: remiss.yaml\n', { 'remiss.yaml': CONSULTATION, 'remissvar/umea.txt': letterText(UMEA) });
    const r = await dialog(['ingest'], { cwd: dir });
    expect(r.code).toBe(0);
    const corpus = corpusOf(dir);
    expect(corpus.consultation).toMatchObject({ id: 'avfallsplan-2024', title: 'Regional avfallsplan för Västerbottens län' });
    expect(corpus.settings.consultation).toEqual({ path: 'remiss.yaml', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await dialog(['report'], { cwd: dir })).stdout).toContain('Regional avfallsplan för Västerbottens län');
    writeFileSync(join(dir, 'remiss.yaml'), CONSULTATION.replace('Regional avfallsplan', 'Länets avfallsplan'));
    const stale = await dialog(['report'], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('the consultation file remiss.yaml was changed');
    expect(stale.stderr).toContain('dialog ingest');
    expect((await dialog(['ingest'], { cwd: dir })).code).toBe(0);
    expect((await dialog(['report'], { cwd: dir })).stdout).toContain('Länets avfallsplan');
    // Removing the key: the consultation leaves with it.
    writeFileSync(join(dir, 'dialog.config.yaml'), 'inputs: [remissvar]\nregister: register.yaml\n');
    expect((await dialog(['report'], { cwd: dir })).stderr).toContain('dialog.config.yaml no longer names the consultation file remiss.yaml');
    expect((await dialog(['ingest'], { cwd: dir })).code).toBe(0);
    expect(corpusOf(dir).consultation).toBeUndefined();
  });

  it('places errors in the consultation file at path:line:col, and refuses a second consultation in an input', async () => {
    const bad = workspace('inputs: [remissvar]\nregister: register.yaml\nconsultation: remiss.yaml\n', {
      'remiss.yaml': CONSULTATION.replace('sent: 2024-01-15', 'sent: 15 januari').replace('title:', 'titel:'),
      'remissvar/umea.txt': letterText(UMEA),
    });
    const r = await dialog(['ingest'], { cwd: bad });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/remiss\.yaml:2:1: .*titel/);
    expect(r.stderr).toMatch(/remiss\.yaml:4:7: /);
    const two = workspace('inputs: [remissvar]\nregister: register.yaml\nconsultation: remiss.yaml\n', { 'remiss.yaml': CONSULTATION, 'remissvar/exempel.yaml': EXAMPLE });
    const t = await dialog(['ingest'], { cwd: two });
    expect(t.code).toBe(1);
    expect(t.stderr).toContain('remissvar/exempel.yaml:2:1: a second consultation "min-remiss" (dialog.config.yaml names remiss.yaml); a corpus holds one consultation');
  });

  it('does not read the consultation file as an input, even inside the inputs folder', async () => {
    const dir = workspace('inputs: [remissvar]\nregister: register.yaml\nconsultation: remissvar/remiss.yaml\n', { 'remissvar/remiss.yaml': CONSULTATION, 'remissvar/umea.txt': letterText(UMEA) });
    expect((await dialog(['ingest'], { cwd: dir })).code).toBe(0);
    expect(corpusOf(dir).sources.map((s: { path: string }) => s.path)).toEqual(['remissvar/umea.txt']);
    expect((await dialog(['report'], { cwd: dir })).code).toBe(0);
  });
});

describe('manifest rows must name a document (issue 18, item 6)', () => {
  const MANIFEST = 'fil;remissinstans;ställningstagande\numea.txt;Umeå kommun;tillstyrker\nskeleftea.txt;Skellefteå kommun;avstyrker\n';

  it('refuses a row that names no file, with the file it probably means, at manifest:line:col (real bin)', async () => {
    const dir = workspace('inputs: [svar]\nregister: register.yaml\n', { 'svar/umea.txt': letterText(UMEA), 'svar/skelleftea.txt': letterText(SKELLEFTEA), 'svar/manifest.csv': MANIFEST });
    const r = dialogBin(['ingest'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('svar/manifest.csv:3:1: "skeleftea.txt" names no document (did you mean "skelleftea.txt"?)');
    expect(r.stderr).toContain('fix the file name');
    const fixed = MANIFEST.replace('skeleftea', 'skelleftea');
    writeFileSync(join(dir, 'svar', 'manifest.csv'), fixed);
    expect((await dialog(['ingest'], { cwd: dir })).code).toBe(0);
  });

  it('refuses a row naming a file twice, and places YAML rows at their file key', async () => {
    const dir = workspace('inputs: [svar]\nregister: register.yaml\n', {
      'svar/umea.txt': letterText(UMEA),
      'svar/manifest.csv': 'position;file\ntillstyrker;umea.txt\navstyrker;./umea.txt\n',
    });
    const r = await dialog(['ingest'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('svar/manifest.csv:3:11: "umea.txt" is listed twice (first on line 2)');
    rmSync(join(dir, 'svar', 'manifest.csv'));
    writeFileSync(join(dir, 'svar', 'manifest.yaml'), 'documents:\n  - position: tillstyrker\n    file: umea.txt\n  - file: lycksele.pdf\n    position: avstyrker\n');
    const y = await dialog(['ingest'], { cwd: dir });
    expect(y.code).toBe(1);
    expect(y.stderr).toContain('svar/manifest.yaml:4:11: "lycksele.pdf" names no document');
  });

  it('leaves a row alone that names a document which exists but was not given this time', async () => {
    const dir = workspace('register: register.yaml\n', { 'svar/umea.txt': letterText(UMEA), 'svar/skelleftea.txt': letterText(SKELLEFTEA), 'svar/manifest.csv': MANIFEST.replace('skeleftea', 'skelleftea') });
    const r = await dialog(['ingest', 'svar/umea.txt'], { cwd: dir });
    expect(r.stderr).not.toMatch(/error|warning/);
    expect(r.code).toBe(0);
  });
});

describe('everything a fact depends on makes the corpus stale (issue 18, item 7)', () => {
  const files = { 'svar/umea.txt': letterText(UMEA), 'svar/skelleftea.txt': letterText(SKELLEFTEA) };

  it('a changed register, or another register: line, stops report and report --check (real bin)', async () => {
    const dir = workspace('inputs: [svar]\nregister: register.yaml\noutputs:\n  sammanfattning: rapport.md\n', files);
    expect((await dialog(['ingest'], { cwd: dir })).code).toBe(0);
    expect(corpusOf(dir).settings.register).toEqual([
      { path: 'dialog:data/sverige.json', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { path: 'register.yaml', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect((await dialog(['report', '--all'], { cwd: dir })).code).toBe(0);
    expect((await dialog(['report', '--all', '--check'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'register.yaml'), REGISTER.replace('name: Umeå', 'name: Umeå stad'));
    for (const args of [['report'], ['report', '--all', '--check'], ['themes']]) {
      // The check in CI runs the real bin.
      const r = args.includes('--check') ? dialogBin(args, { cwd: dir }) : await dialog(args, { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('the register register.yaml was changed');
      expect(r.stderr).toContain('Run `dialog ingest`');
    }
    writeFileSync(join(dir, 'register.yaml'), REGISTER);
    expect((await dialog(['report', '--all', '--check'], { cwd: dir })).code).toBe(0);
    cpSync(join(dir, 'register.yaml'), join(dir, 'register2.yaml'));
    writeFileSync(join(dir, 'dialog.config.yaml'), 'inputs: [svar]\nregister: register2.yaml\noutputs:\n  sammanfattning: rapport.md\n');
    const moved = await dialog(['report', '--all', '--check'], { cwd: dir });
    expect(moved.code).toBe(1);
    expect(moved.stderr).toContain('the register is now dialog:data/sverige.json + register2.yaml (the corpus was built with dialog:data/sverige.json + register.yaml)');
  });

  it('records the register shipped with dialog by its place in the package, and is stale when another is given', async () => {
    const dir = workspace('inputs: [svar]\n', files);
    expect((await dialog(['ingest'], { cwd: dir })).code).toBe(0);
    expect(corpusOf(dir).settings.register).toEqual([{ path: 'dialog:data/sverige.json', sha256: expect.any(String) }]);
    expect((await dialog(['report'], { cwd: dir })).code).toBe(0);
    const r = await dialog(['report', '--register', 'register.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the register is now dialog:data/sverige.json + register.yaml (the corpus was built with dialog:data/sverige.json)');
  });

  it('an edited, deleted or new manifest makes the corpus stale, even one that gave no document facts', async () => {
    const dir = workspace('inputs: [svar]\nregister: register.yaml\n', { ...files, 'svar/manifest.csv': 'fil;ställningstagande\numea.txt;avstyrker\n' });
    expect((await dialog(['ingest'], { cwd: dir })).code).toBe(0);
    expect(corpusOf(dir).settings.manifests).toEqual([{ path: 'svar/manifest.csv', sha256: expect.any(String) }]);
    // A new row for a document that had none: the facts of that document change.
    writeFileSync(join(dir, 'svar', 'manifest.csv'), 'fil;ställningstagande\numea.txt;avstyrker\nskelleftea.txt;tillstyrker\n');
    let r = await dialog(['report'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the manifest svar/manifest.csv was changed');
    expect((await dialog(['ingest'], { cwd: dir })).code).toBe(0);
    rmSync(join(dir, 'svar', 'manifest.csv'));
    r = await dialog(['report'], { cwd: dir });
    expect(r.stderr).toContain('the manifest svar/manifest.csv was deleted');
    expect((await dialog(['ingest'], { cwd: dir })).code).toBe(0);
    expect(corpusOf(dir).settings.manifests).toBeUndefined();
    writeFileSync(join(dir, 'manifest.yaml'), 'documents:\n  - file: svar/umea.txt\n    position: avstyrker\n');
    r = await dialog(['report'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the manifest manifest.yaml is new');
  });

  it('a corpus made before settings were recorded is stale', async () => {
    const dir = workspace('inputs: [svar]\nregister: register.yaml\n', files);
    expect((await dialog(['ingest'], { cwd: dir })).code).toBe(0);
    const path = join(dir, '.dialog', 'corpus.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^"settings":.*\n/m, ''));
    const r = await dialog(['report'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('does not record the register');
  });

  it('a changed codebook changes the report at once: report --check fails, nothing classified is kept from before', async () => {
    const dir = workspace('inputs: [svar]\nregister: register.yaml\noutputs:\n  sammanfattning: rapport.md\n', files);
    cpSync(join(process.cwd(), 'data', 'codebook.yaml'), join(dir, 'codebook.yaml'));
    writeFileSync(join(dir, 'dialog.config.yaml'), readFileSync(join(dir, 'dialog.config.yaml'), 'utf8') + 'codebook: codebook.yaml\n');
    expect((await dialog(['ingest'], { cwd: dir })).code).toBe(0);
    expect((await dialog(['themes'], { cwd: dir })).code).toBe(0);
    expect((await dialog(['report', '--all'], { cwd: dir })).code).toBe(0);
    const book = readFileSync(join(dir, 'codebook.yaml'), 'utf8');
    const label = /^\s+label: (.+)$/m.exec(book)![1];
    writeFileSync(join(dir, 'codebook.yaml'), book.replace(`label: ${label}`, 'label: Ett nytt namn på temat'));
    const r = await dialog(['report', '--all', '--check'], { cwd: dir });
    expect(r.code).toBe(1);
  });

  it('gives byte-identical corpora wherever the workspace lies, with settings recorded by relative paths', async () => {
    const config = 'inputs: [svar]\nregister: register.yaml\nconsultation: remiss.yaml\n';
    const one = workspace(config, { ...files, 'remiss.yaml': CONSULTATION, 'svar/manifest.csv': 'fil;ställningstagande\numea.txt;avstyrker\n' });
    const two = join(tmp(), 'annan', 'plats');
    cpSync(one, two, { recursive: true });
    expect((await dialog(['ingest'], { cwd: one })).code).toBe(0);
    expect((await dialog(['ingest'], { cwd: two })).code).toBe(0);
    const a = readFileSync(join(one, '.dialog', 'corpus.json'), 'utf8');
    expect(readFileSync(join(two, '.dialog', 'corpus.json'), 'utf8')).toBe(a);
    expect(a).not.toContain(one);
    expect(a).not.toContain('/tmp');
  });
});
