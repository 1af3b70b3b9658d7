import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialog, dialogBin, FIXTURES, tmp } from './helpers.js';
import { letterPdf, scannedPdf } from './letters.js';

// PDFs are read on worker threads, a few ahead of the one being parsed (src/cli/readers/pdf-pool.ts):
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
