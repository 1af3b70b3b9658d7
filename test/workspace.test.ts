import { cpSync, existsSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialog, ROOT, tmp } from './helpers.js';

/** A copy of the example workspace (config, inputs, register, codebook) in a fresh folder. */
function exampleWorkspace(): string {
  const dir = tmp();
  cpSync(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
  cpSync(join(ROOT, 'dialog.config.yaml'), join(dir, 'dialog.config.yaml'));
  return dir;
}

describe('a corpus that follows its inputs', () => {
  it('is byte-identical for the same workspace in two places', async () => {
    const a = exampleWorkspace();
    const b = join(exampleWorkspace(), 'deeper', 'still');
    cpSync(a, b, { recursive: true });
    for (const dir of [a, b]) expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    const corpus = readFileSync(join(a, '.dialog', 'corpus.json'), 'utf8');
    expect(readFileSync(join(b, '.dialog', 'corpus.json'), 'utf8')).toBe(corpus);
    expect(corpus).not.toContain(a);
  });

  it('counts the same content once, whether copied or reached through another path', async () => {
    const dir = exampleWorkspace();
    cpSync(join(dir, 'data/example/svar/nacka.yaml'), join(dir, 'data/example/svar/nacka-kopia.yaml'));
    const r = await dialog(['ingest', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/nacka(-kopia)?\.yaml: notice: the same content as data\/example\/svar\/nacka(-kopia)?\.yaml: counted once/);
    expect(JSON.parse(r.stdout).corpus.responses).toBe(28);
    // The same file again through an absolute path and from another folder: still once.
    const again = await dialog(['ingest', join(dir, 'data/example/svar/nacka.yaml'), '-o', join(dir, '.dialog/corpus.json'), '--format', 'json'], { cwd: join(dir, 'data') });
    expect(again.code).toBe(0);
    const c = JSON.parse(readFileSync(join(dir, '.dialog/corpus.json'), 'utf8'));
    expect(c.responses).toHaveLength(28);
    expect(new Set(c.responses.map((x: { id: string }) => x.id)).size).toBe(28);
  });

  it('mirrors the config inputs: a deleted or moved input leaves the corpus, named in a notice', async () => {
    const dir = exampleWorkspace();
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    rmSync(join(dir, 'data/example/svar/solna.yaml'));
    renameSync(join(dir, 'data/example/svar/nacka.yaml'), join(dir, 'nacka.yaml'));
    const r = await dialog(['ingest', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('notice: 2 files no longer under the inputs left the corpus: data/example/svar/nacka.yaml, data/example/svar/solna.yaml');
    expect(JSON.parse(r.stdout).corpus.responses).toBe(26);
  });

  it('stops themes and report on a stale corpus, saying what to run; --all --check fails', async () => {
    const dir = exampleWorkspace();
    // The Markdown reports only: staleness is the same for every format, and HTML, Word and PDF
    // cost seconds to write and to check (report.test.ts checks those with --all --check).
    const config = join(dir, 'dialog.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^ {2}\S+: reports\/\S+\.(?:html|docx|pdf)\n/gmu, ''));
    expect(readFileSync(config, 'utf8')).not.toMatch(/\.(?:html|docx|pdf)$/mu);
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    expect((await dialog(['report', '--all', '-q'], { cwd: dir })).code).toBe(0);
    expect((await dialog(['report', '--all', '--check'], { cwd: dir })).code).toBe(0);
    const nacka = join(dir, 'data/example/svar/nacka.yaml');
    writeFileSync(nacka, readFileSync(nacka, 'utf8').replace('Nacka kommun', 'Nacka stad'));
    for (const args of [['report'], ['themes'], ['report', '--all', '--check']]) {
      const r = await dialog(args, { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('.dialog/corpus.json: the corpus is out of date: data/example/svar/nacka.yaml was changed. Run `dialog ingest` to update it');
    }
    writeFileSync(join(dir, 'data/example/svar/ny.yaml'), 'respondent: Salems kommun\nanswers:\n  - text: Kommunen har inga synpunkter.\n');
    expect((await dialog(['report'], { cwd: dir })).stderr).toContain('data/example/svar/ny.yaml is new');
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    expect((await dialog(['report', '-q'], { cwd: dir })).code).toBe(0);
    expect((await dialog(['report', '--all', '--check'], { cwd: dir })).code).toBe(1); // the reports themselves are now stale
  });

  it('notices an edit with the same size, and not a touch that changed nothing', async () => {
    const dir = exampleWorkspace();
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    const solna = join(dir, 'data/example/svar/solna.yaml');
    const later = new Date(Date.now() + 60_000);
    utimesSync(solna, later, later);
    expect((await dialog(['report', '-q'], { cwd: dir })).code).toBe(0);
    const text = readFileSync(solna, 'utf8');
    writeFileSync(solna, text.replace('Solna', 'Salna'));
    expect((await dialog(['report', '-q'], { cwd: dir })).stderr).toContain('solna.yaml was changed');
  });

  it('names files of other types that a folder holds, and reads `-` as standard input', async () => {
    const dir = exampleWorkspace();
    writeFileSync(join(dir, 'data/example/svar/notes.docx.bak'), 'x');
    const r = await dialog(['ingest', 'data/example', '--dry-run'], { cwd: dir });
    expect(r.stderr).toContain('data/example/svar/notes.docx.bak: notice: skipped: not a response file');
    const csv = await dialog(['ingest', '-', '--dry-run', '--format', 'json'], { cwd: dir, stdin: 'Remissinstans;Svar\nNacka kommun;Kommunen tillstyrker.\n' });
    expect(csv.code).toBe(0);
    expect(JSON.parse(csv.stdout).answers).toBe(1);
    const yaml = await dialog(['themes', '-', '--format', 'json'], { cwd: dir, stdin: 'respondent: Täby kommun\nanswers:\n  - text: Det kommunala självstyret får inte inskränkas.\n' });
    expect(yaml.code).toBe(0);
    expect(JSON.parse(yaml.stdout).answers[0].themes[0].id).toBe('self-government');
  });
});

describe('dialog init', () => {
  it('writes a workspace that ingests and reports once it holds a response, and refuses to overwrite one', async () => {
    const dir = join(tmp(), 'mitt-arbete');
    expect((await dialog(['init', dir])).code).toBe(0);
    expect(existsSync(join(dir, 'dialog.config.yaml'))).toBe(true);
    writeFileSync(join(dir, 'remissvar', 'bergby.yaml'), 'respondent: Bergby kommun\nanswers:\n  - text: Kommunen tillstyrker, men kostnaderna måste utredas.\n');
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    expect((await dialog(['report', '--all', '-q'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'rapporter', 'sammanfattning.md'), 'utf8')).toContain('Bergby');
    const again = await dialog(['init', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('a workspace is already here; nothing was written');
  });
});
