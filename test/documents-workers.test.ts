import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialog, dialogBin, FIXTURES, tmp } from './helpers.js';
import { letterDocx, letterPdf, scannedPdf } from './letters.js';
import { MAX_ZIP_ENTRIES } from '../dist/cli/readers/zip.js';
import { poolPlan } from '../dist/cli/readers/document-pool.js';
import { workersFromEnvironment } from '../dist/cli/run/worker-count.js';

// PDFs, Word, OpenDocument and RTF documents are read on worker threads, a few ahead of the one being parsed (src/cli/readers/document-pool.ts):
// the corpus and every message must be those of one thread, in input order, unreadable files too.

describe('documents read on every core', () => {
  it('a folder of letters, a scan, an encrypted and a damaged PDF give the same corpus and messages with workers as on one thread (real bin)', async () => {
    const dir = tmp('dialog-pdf-workers-');
    const svar = join(dir, 'svar');
    mkdirSync(svar);
    const towns = ['Nacka', 'Solna', 'Täby', 'Huddinge', 'Lidingö', 'Tyresö'];
    for (const [i, town] of towns.entries())
      writeFileSync(
        join(svar, `${String(i).padStart(2, '0')}-${town.toLowerCase()}.pdf`),
        await letterPdf({
          letterhead: `${town} kommun`,
          date: '2027-03-0' + (i + 1),
          title: 'Yttrande över remissen',
          sections: [{ heading: 'Synpunkter', paragraphs: [`${town} kommun anser att den kommunala självstyrelsen ska värnas.`, 'Regionens uppgifter bör avgränsas tydligt.'] }],
        }),
      );
    writeFileSync(join(svar, '03b-skannad.pdf'), await scannedPdf(2));
    writeFileSync(join(svar, '04b-trasig.pdf'), Buffer.from('%PDF-1.7\nthis is not a PDF at all\n'));
    copyFileSync(join(FIXTURES, 'documents', 'svar', 'nacka-yttrande.pdf'), join(svar, '05b-nacka.pdf'));
    copyFileSync(join(FIXTURES, 'documents', 'bad', 'losenord.pdf'), join(svar, '02b-losenord.pdf'));
    // One thread in-process; the workers (threads of a real process) through the bin.
    const one = await dialog(['ingest', 'svar', '-o', 'one.json', '--replace'], { cwd: dir, env: { DIALOG_WORKERS: '0' } });
    const many = dialogBin(['ingest', 'svar', '-o', 'many.json', '--replace'], { cwd: dir, env: { DIALOG_WORKERS: '2' } });
    expect(one.code).toBe(0);
    expect(many.code).toBe(one.code);
    expect(many.stderr.replaceAll('many.json', 'X')).toBe(one.stderr.replaceAll('one.json', 'X'));
    const a = readFileSync(join(dir, 'one.json'), 'utf8');
    const b = readFileSync(join(dir, 'many.json'), 'utf8');
    expect(b).toBe(a);
    const corpus = JSON.parse(a) as { sources: { path: string; unreadable?: string }[]; responses: unknown[] };
    expect(corpus.sources.filter((s) => s.unreadable).map((s) => s.unreadable).sort()).toEqual(['damaged', 'encrypted', 'scanned']);
    expect(corpus.responses.length).toBe(towns.length + 1);
  }, 60_000);
});

describe('Word, OpenDocument and RTF documents read on every core', () => {
  const townLetter = (town: string, i: number) => ({
    letterhead: `${town} kommun`,
    date: `2027-04-0${i + 1}`,
    reference: `KS 2027/${10 + i}`,
    title: 'Yttrande över remissen',
    sections: [{ heading: 'Synpunkter', paragraphs: [`${town} kommun anser att regionens uppgifter bör avgränsas tydligt.`, 'Kommunen tillstyrker förslaget i övrigt.'] }],
  });

  it('a folder of Word letters, an .odt, an .rtf, a text file and damaged, protected and unread documents give the same corpus and messages with workers as on one thread', async () => {
    const dir = tmp('dialog-doc-workers-');
    const svar = join(dir, 'svar');
    mkdirSync(svar);
    for (const [i, town] of ['Nacka', 'Solna', 'Täby', 'Huddinge'].entries()) writeFileSync(join(svar, `${i}-${town.toLowerCase()}.docx`), await letterDocx(townLetter(town, i)));
    copyFileSync(join(FIXTURES, 'documents', 'formats', 'vaxholm-yttrande.odt'), join(svar, '1b-vaxholm.odt'));
    copyFileSync(join(FIXTURES, 'documents', 'formats', 'vaxholm-yttrande.rtf'), join(svar, '2b-vaxholm.rtf'));
    copyFileSync(join(FIXTURES, 'documents', 'svar', 'tyreso.md'), join(svar, '2c-tyreso.md'));
    writeFileSync(join(svar, '0b-trasig.docx'), Buffer.from('PK\u0003\u0004 not a zip at all'));
    writeFileSync(join(svar, '3b-trasig.rtf'), 'inte RTF alls');
    writeFileSync(join(svar, '3c-gammalt.doc'), Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512, 0)]));
    const { default: JSZip } = await import('jszip');
    const locked = await JSZip.loadAsync(readFileSync(join(FIXTURES, 'documents', 'formats', 'vaxholm-yttrande.odt')));
    locked.file('META-INF/manifest.xml', '<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>');
    writeFileSync(join(svar, '1c-hemligt.odt'), await locked.generateAsync({ type: 'nodebuffer' }));
    const one = await dialog(['ingest', 'svar', '-o', 'one.json', '--replace'], { cwd: dir, env: { DIALOG_WORKERS: '0' } });
    const many = await dialog(['ingest', 'svar', '-o', 'many.json', '--replace'], { cwd: dir, env: { DIALOG_WORKERS: '2' } });
    expect(one.code, one.stderr).toBe(0);
    expect(many.code).toBe(0);
    expect(many.stderr.replaceAll('many.json', 'X')).toBe(one.stderr.replaceAll('one.json', 'X'));
    const a = readFileSync(join(dir, 'one.json'), 'utf8');
    expect(readFileSync(join(dir, 'many.json'), 'utf8')).toBe(a);
    const corpus = JSON.parse(a) as { sources: { path: string; unreadable?: string }[]; responses: { respondent: string }[] };
    expect(corpus.sources.filter((s) => s.unreadable).map((s) => [s.path, s.unreadable])).toEqual([
      ['svar/0b-trasig.docx', 'damaged'],
      ['svar/1c-hemligt.odt', 'encrypted'],
      ['svar/3b-trasig.rtf', 'damaged'],
      ['svar/3c-gammalt.doc', 'format'],
    ]);
    // Four Word letters, the .odt, the .rtf and the Markdown file.
    expect(corpus.responses.length).toBe(7);
    expect(one.stderr).toContain('svar/0b-trasig.docx: warning: is not a readable Word document (.docx)');
  });

  it('a Word document past the limits stops the run with the same message with workers as on one thread', async () => {
    const dir = tmp('dialog-doc-workers-');
    const svar = join(dir, 'svar');
    mkdirSync(svar);
    for (const [i, town] of ['Nacka', 'Solna'].entries()) writeFileSync(join(svar, `${i}-${town.toLowerCase()}.docx`), await letterDocx(townLetter(town, i)));
    const { default: JSZip } = await import('jszip');
    const crowded = await JSZip.loadAsync(await letterDocx(townLetter('Täby', 2)));
    for (let i = 0; i <= MAX_ZIP_ENTRIES; i++) crowded.file(`customXml/item${i}.xml`, '');
    writeFileSync(join(svar, '0b-full.docx'), await crowded.generateAsync({ type: 'nodebuffer' }));
    const one = await dialog(['ingest', 'svar', '-o', 'one.json'], { cwd: dir, env: { DIALOG_WORKERS: '0' } });
    const many = await dialog(['ingest', 'svar', '-o', 'one.json'], { cwd: dir, env: { DIALOG_WORKERS: '2' } });
    expect(one.code).toBe(1);
    expect(many.code).toBe(1);
    expect(many.stderr).toBe(one.stderr);
    expect(one.stderr).toMatch(/svar\/0b-full\.docx: holds \d+ files, more than the 10000 a Word document may hold/u);
  });
});

describe('which documents go to the workers', () => {
  const named = (n: number, ext: string) => Array.from({ length: n }, (_, i) => `svar/${i}${ext}`);

  it('sends PDFs from two on, and Word, OpenDocument and RTF files only from 256 in a run', () => {
    expect(poolPlan(named(2, '.pdf'), undefined, 2)).toEqual({ workers: 2, all: false });
    expect(poolPlan([...named(1, '.pdf'), ...named(40, '.docx')], undefined, 2)).toBeUndefined();
    expect(poolPlan([...named(3, '.pdf'), ...named(40, '.docx'), ...named(5, '.txt')], undefined, 4)).toEqual({ workers: 3, all: false });
    expect(poolPlan([...named(200, '.docx'), ...named(56, '.odt')], undefined, 2)).toEqual({ workers: 2, all: true });
    expect(poolPlan(named(255, '.rtf'), undefined, 2)).toBeUndefined();
  });

  it('gives DIALOG_WORKERS its number of workers and every document, and none for 0', () => {
    expect(poolPlan(named(4, '.docx'), workersFromEnvironment('2'), 4)).toEqual({ workers: 2, all: true });
    expect(poolPlan(named(4, '.docx'), workersFromEnvironment('0'), 4)).toBeUndefined();
    // An empty or negative DIALOG_WORKERS is no setting: the PDFs go to the cores there are.
    expect(poolPlan([...named(300, '.pdf'), ...named(3, '.docx')], workersFromEnvironment(''), 1)).toEqual({ workers: 1, all: false });
    expect(poolPlan([...named(300, '.pdf'), ...named(3, '.docx')], workersFromEnvironment('-1'), 1)).toEqual({ workers: 1, all: false });
    expect(poolPlan(named(1, '.docx'), workersFromEnvironment('2'), 4)).toBeUndefined();
  });
});
