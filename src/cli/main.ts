import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { InputError, UsageError } from '../core/diagnostics.js';
import { safeMessage } from '../core/text/safe-text.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** `dialog … | head` closes the pipe early; that is not an error. */
let pipeGuarded = false;
function quietOnBrokenPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      // `dialog report > /dev/full`: a sentence and exit 1, not a stack trace.
      const reason = err.code === 'ENOSPC' ? 'no space left on the device' : err.code === 'EFBIG' ? 'the file is larger than the system allows' : err.message;
      if (stream === process.stdout) process.stderr.write(`error: cannot write standard output: ${reason}\n`);
      process.exit(1);
    });
}

export const EXIT = { ok: 0, input: 1, usage: 2, internal: 3 } as const;

function parseLang(value: string): 'sv' | 'en' {
  const lang = value.trim().toLowerCase();
  if (lang === 'sv' || lang === 'en') return lang;
  throw new InvalidArgumentError('use sv (Swedish) or en (English).');
}

/** Options that name files: given relative to where the user stands. */
const PATH_OPTIONS = ['out', 'register', 'manifest', 'corpus', 'codebook', 'labels'] as const;

/**
 * Paths on the command line made absolute against the folder the user stands in, before a
 * command moves to its workspace root (workspace.ts enterWorkspace). A template is a path when it
 * looks like one or names a file here; else it is a template's name.
 */
function fromHere<O extends Record<string, unknown>>(inputs: string[], opts: O): [string[], O] {
  const abs = (p: string) => (p === '-' ? p : resolve(p));
  const o: Record<string, unknown> = { ...opts };
  for (const k of PATH_OPTIONS) if (typeof o[k] === 'string') o[k] = abs(o[k] as string);
  const t = o.template;
  if (typeof t === 'string' && (/[\\/]|\.hbs$/u.test(t) || (existsSync(t) && statSync(t).isFile()))) o.template = abs(t);
  return [inputs.map(abs), o as O];
}

const formatOption = (formats: string[]) =>
  new Option('--format <format>', 'output format').choices(formats).default(formats[0]);

function build(): Command {
  const program = new Command('dialog')
    .description('Turn consultation responses (remissvar) into an analysis an official can publish.')
    .version(pkg.version, '-V, --version')
    .option('--verbose', 'show stack traces and details of internal errors')
    .option('-q, --quiet', 'no progress and no warnings on stderr (errors still show)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  $ dialog init my-remiss                 start a workspace of your own
  $ dialog ingest data/example            read remissvar into .dialog/corpus.json
  $ dialog themes                         themes per respondent and answer
  $ dialog report -o reports/sammanfattning.md

Exit codes: 0 success, 1 invalid input or failed check, 2 usage error, 3 internal error.`,
    );

  program
    .command('ingest')
    .description('read remissvar (YAML, CSV, Excel, PDF, Word, OpenDocument, RTF, text), validate them and store a normalised corpus')
    .argument('[inputs...]', 'files or folders (default: inputs in dialog.config.yaml)')
    .option('-o, --out <file>', 'corpus to write (default .dialog/corpus.json)')
    .option('--register <file>', 'respondent register (YAML, schemas/register.schema.json)')
    .option('--dry-run', 'validate only; write nothing')
    .option('--replace', 'start a new corpus instead of merging into the existing one')
    .option('--sheet <name>', 'the sheet of .xlsx and .ods workbooks to read (default: the first)')
    .option('--manifest <file>', 'facts about documents (CSV or YAML: file, respondent, date, reference, position)')
    .option('--strict', 'a document that cannot be read (scanned, encrypted, damaged, .doc) is an error, as in CI; without it, it is recorded as unreadable and named in reports')
    .addOption(formatOption(['text', 'json']))
    .addHelpText(
      'after',
      `
Examples:
  $ dialog ingest data/example                 a folder of .yaml/.csv/.xlsx/.ods/.pdf/.docx/.odt/.rtf/.txt/.md files
  $ dialog ingest remissvar/ --dry-run --format json   per document: what was found and removed
  $ dialog ingest svar.xlsx --sheet Kommuner   one sheet of a workbook
  $ dialog ingest svar.csv --dry-run           validate a spreadsheet, write nothing
  $ dialog ingest formular.xlsx                a web form's export: one row per respondent, a column per question
  $ dialog ingest svar/ -o work/corpus.json --format json`,
    )
    .action(async (inputs: string[], opts) => (await import('./commands/ingest.js')).ingest(...fromHere(inputs, { ...program.opts(), ...opts })));

  program
    .command('themes')
    .description('tag every answer with themes from a keyword codebook, with evidence')
    .argument('[inputs...]', 'files or folders to classify directly (default: the corpus)')
    .option('--corpus <file>', 'corpus to read (default .dialog/corpus.json)')
    .option('--codebook <file>', 'codebook (YAML, schemas/codebook.schema.json)')
    .option('--register <file>', 'respondent register, when reading inputs directly')
    .option('--explain <id>', 'show why an answer or respondent got (or did not get) each theme')
    .option('--kwic <pattern>', 'keyword in context for a codebook pattern (e.g. "självstyr*")')
    .option('--width <n>', 'context width for --kwic, in characters', '40')
    .option('--eval', 'compare with human theme labels: precision, recall, F1')
    .option('--labels <file>', 'with --eval: theme labels per answer id (CSV or YAML, schemas/labels.schema.json; default: labels in dialog.config.yaml)')
    .option('--min-f1 <x>', 'with --eval: exit 1 when macro F1 is below x')
    .option('--no-write', 'do not write the results beside the corpus')
    .addOption(formatOption(['text', 'json', 'csv']))
    .option('--excel', "with --format csv: the variant Swedish Excel opens directly (';' and a UTF-8 BOM)")
    .addHelpText(
      'after',
      `
Examples:
  $ dialog themes                              summary table for the corpus
  $ dialog themes --explain 0126               why Huddinge's answers got their themes
  $ dialog themes --kwic "självstyr*"          keyword in context
  $ dialog themes --eval test/fixtures/eval --min-f1 0.8
  $ dialog themes --eval --labels labels.csv    labels for letters, from dialog labels template
  $ dialog themes --format csv > teman.csv`,
    )
    .action(async (inputs: string[], opts) => (await import('./commands/themes.js')).themes(...fromHere(inputs, { ...program.opts(), ...opts })));

  program
    .command('report')
    .description('render a summary (sammanfattning) or compilation (remissammanställning) as Markdown, HTML, Word or PDF')
    .argument('[inputs...]', 'files or folders to report on directly (default: the corpus, else the config inputs)')
    .option('-t, --template <name|file>', 'sammanfattning, remissammanstallning, or a Handlebars file', 'sammanfattning')
    .addOption(new Option('--lang <lang>', 'language of the report: sv or en (any case)').argParser(parseLang))
    .option('-o, --out <file>', 'write to a file (atomically) instead of stdout; .md, .html, .docx or .pdf sets the format')
    .addOption(new Option('--format <format>', 'md, html, docx or pdf (default: from the extension of -o, else md)').choices(['md', 'html', 'docx', 'pdf']))
    .option('--check', 'with -o: exit 1 and show a diff when the file is not current')
    .option('--all', 'write every report listed under outputs in dialog.config.yaml')
    .option('--corpus <file>', 'corpus to read (default .dialog/corpus.json)')
    .option('--codebook <file>', 'codebook (YAML)')
    .option('--register <file>', 'respondent register, when reading inputs directly')
    .addHelpText(
      'after',
      `
Examples:
  $ dialog report                                  sammanfattning of the example workspace
  $ dialog report -t remissammanstallning --lang en
  $ dialog report -o reports/sammanfattning.md    Markdown, charts as SVG files beside it
  $ dialog report -o sammanfattning.html          one self-contained page
  $ dialog report -o sammanfattning.docx          Word, charts as pictures
  $ dialog report -o sammanfattning.pdf           tagged PDF, charts as vector graphics
  $ dialog report --check -o reports/sammanfattning.md   (CI: fail when stale)
  $ dialog report --all --check                    every report in dialog.config.yaml`,
    )
    .action(async (inputs: string[], opts) => (await import('./commands/report.js')).report(...fromHere(inputs, { ...program.opts(), ...opts })));

  const codebook = program.command('codebook').description('work on the codebook: a starter for your own, suggestions mined from labelled answers');
  codebook
    .command('suggest')
    .description('candidate patterns from labelled answers the codebook misses, with the figures --eval gives with each added; writes nothing')
    .argument('[inputs...]', 'labelled files or folders (default: the corpus)')
    .option('--corpus <file>', 'corpus to read (default .dialog/corpus.json)')
    .option('--codebook <file>', 'codebook (YAML)')
    .option('--register <file>', 'respondent register, when reading inputs directly')
    .option('--labels <file>', 'theme labels per answer id (CSV or YAML; default: labels in dialog.config.yaml)')
    .option('--theme <id>', 'only this theme')
    .option('--top <n>', 'candidates per theme', '10')
    .addOption(formatOption(['text', 'json']))
    .addHelpText(
      'after',
      `
Examples:
  $ dialog codebook suggest ../shared/real-dev/dev.yaml
  $ dialog codebook suggest labelled/ --theme ksl-role --top 5 --format json`,
    )
    .action(async (inputs: string[], opts) => (await import('./commands/codebook.js')).suggest(...fromHere(inputs, { ...program.opts(), ...opts })));

  codebook
    .command('init')
    .description('write a commented starter codebook for this workspace (codebook.yaml; never over an existing file)')
    .argument('[file]', 'where to write it (default: the codebook the config names, else codebook.yaml in the workspace)')
    .addHelpText(
      'after',
      `
Examples:
  $ dialog codebook init                      codebook.yaml, named in dialog.config.yaml
  $ dialog codebook init teman.yaml`,
    )
    .action(async (file: string | undefined) => (await import('./commands/codebook.js')).codebookInit(file === undefined ? undefined : resolve(file), program.opts()));

  program
    .command('labels')
    .description('theme labels for answers that cannot hold them (letters): a file to fill in for themes --eval')
    .command('template')
    .description('one CSV row per answer (id, respondent, question, text) with an empty themes column to fill in')
    .argument('[inputs...]', 'files or folders (default: the corpus)')
    .option('--corpus <file>', 'corpus to read (default .dialog/corpus.json)')
    .option('--register <file>', 'respondent register, when reading inputs directly')
    .option('--excel', "the variant Swedish Excel opens directly (';' and a UTF-8 BOM)")
    .addHelpText(
      'after',
      `
Fill in the themes column with theme ids of the codebook (separated by spaces or commas; - for no
theme; leave it empty for answers you have not labelled), then:
  $ dialog themes --eval --labels labels.csv   (or labels: labels.csv in dialog.config.yaml)

Examples:
  $ dialog labels template > labels.csv
  $ dialog labels template --excel > etiketter.csv`,
    )
    .action(async (inputs: string[], opts) => (await import('./commands/labels.js')).template(...fromHere(inputs, { ...program.opts(), ...opts })));

  const review = program.command('review').description("a person checks and corrects the tags: a sheet to fill in, merged into the workspace's review file (review: in dialog.config.yaml)");
  review
    .command('export')
    .description('the answers to review as a sheet (.xlsx, or CSV), the least certain first, with text, evidence and empty decision columns')
    .argument('[inputs...]', 'files or folders (default: the corpus)')
    .option('-o, --out <file>', 'write the sheet here (.xlsx or .csv; default: CSV on standard output)')
    .option('--excel', "CSV as Swedish Excel opens it directly (';' and a UTF-8 BOM)")
    .addOption(new Option('--sort <order>', 'row order').choices(['uncertain', 'theme', 'respondent']).default('uncertain'))
    .option('--theme <id>', 'only answers the machine tagged with this theme or found evidence for')
    .option('--respondent <name>', 'only this respondent (an id, a name, or a part of a name that names one)')
    .option('--all', 'answers with a decision in the review file too (left out by default)')
    .option('--limit <n>', 'at most this many answers')
    .option('--corpus <file>', 'corpus to read (default .dialog/corpus.json)')
    .option('--register <file>', 'respondent register, when reading inputs directly')
    .addHelpText(
      'after',
      `
In the sheet, fill in per answer: themes (theme ids separated by spaces; ok when the machine's are
right; - for no theme), stance (support, conditional, oppose, no-opinion, or tillstyrker …) for its
response, a note, and the reviewer. Leave a row empty to decide it later. Then:
  $ dialog review import granskning.xlsx --reviewer "Anna Berg"

Examples:
  $ dialog review export -o granskning.xlsx
  $ dialog review export --theme self-government --limit 50 -o sjalvstyrelse.xlsx
  $ dialog review export --respondent Sundsvall --excel > sundsvall.csv`,
    )
    .action(async (inputs: string[], opts) => (await import('./commands/review.js')).exportSheet(...fromHere(inputs, { ...program.opts(), ...opts })));

  review
    .command('import')
    .description("check a filled review sheet and merge its decisions into the workspace's review file")
    .argument('<sheet>', 'the filled sheet (.xlsx or .csv, as review export wrote it, or .ods as LibreOffice saved it)')
    .option('--reviewer <name>', 'who reviewed, for rows whose reviewer column is empty')
    .option('--date <YYYY-MM-DD>', 'the date the decisions are recorded with (default: today)')
    .option('--sheet <name>', 'the sheet of the workbook to read (default: the first)')
    .option('--dry-run', 'check the sheet and say what would be merged, without writing')
    .option('--corpus <file>', 'corpus to read (default .dialog/corpus.json)')
    .addHelpText(
      'after',
      `
Examples:
  $ dialog review import granskning.xlsx --reviewer "Anna Berg"
  $ dialog review import granskning.csv --dry-run`,
    )
    .action(async (sheet: string, opts) => (await import('./commands/review.js')).importFilledSheet(resolve(sheet), fromHere([], { ...program.opts(), ...opts })[1]));

  const audit = program.command('audit').description("measure the codebook on this consultation: a blind random sample checked by hand, scored with intervals for the reports");
  audit
    .command('sample')
    .description("a seeded, stratified random sample of answers (by the machine's first theme, and none), without the machine's themes, to check by hand")
    .argument('[inputs...]', 'files or folders (default: the corpus)')
    .option('-o, --out <file>', 'write the sheet here (.xlsx or .csv; default: CSV on standard output)')
    .option('--excel', "CSV as Swedish Excel opens it directly (';' and a UTF-8 BOM)")
    .option('--size <n>', 'answers to draw', '200')
    .option('--seed <n>', 'the seed of the draw: the same seed and corpus give the same sample', '1')
    .option('--corpus <file>', 'corpus to read (default .dialog/corpus.json)')
    .option('--register <file>', 'respondent register, when reading inputs directly')
    .addHelpText(
      'after',
      `
Fill in the themes column of every row (theme ids separated by spaces, - for none), without
looking at dialog's output; a second coder fills in a copy. Then:
  $ dialog audit score kontroll.xlsx [kontroll-2.xlsx]

Examples:
  $ dialog audit sample -o kontroll.xlsx
  $ dialog audit sample --size 300 --seed 7 --excel > kontroll.csv`,
    )
    .action(async (inputs: string[], opts) => (await import('./commands/audit.js')).sample(...fromHere(inputs, { ...program.opts(), ...opts })));

  audit
    .command('score')
    .description("the codebook against one or two coders' sheets: precision, recall, F1 and κ per theme with 95 % intervals; written to the audit file for the reports")
    .argument('<sheets...>', 'the filled sheet, or two (one per coder)')
    .option('--date <YYYY-MM-DD>', 'the date the audit is recorded with (default: today)')
    .option('--sheet <name>', 'the sheet of the workbooks to read (default: the first)')
    .option('--no-write', 'print the figures only; leave the audit file as it is')
    .addOption(formatOption(['text', 'json']))
    .option('--corpus <file>', 'corpus to read (default .dialog/corpus.json)')
    .addHelpText(
      'after',
      `
Examples:
  $ dialog audit score kontroll.xlsx
  $ dialog audit score kontroll-anna.xlsx kontroll-bo.xlsx --format json`,
    )
    .action(async (sheets: string[], opts) => (await import('./commands/audit.js')).score(sheets.map((f) => resolve(f)), fromHere([], { ...program.opts(), ...opts })[1]));

  const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
  program
    .command('diff')
    .description('what changed between two runs: answers that gained or lost a theme (with the evidence), positions, respondents, and every published count before → after')
    .argument('[corpora...]', 'two corpus files, older first (one: against the workspace\'s corpus)')
    .option('--codebook <file>', 'once: this codebook against the workspace\'s, on the workspace\'s corpus; twice: the first against the second', collect)
    .option('--rev <revision>', 'once: the workspace at this git commit, branch or tag against the working tree; twice: the first against the second', collect)
    .option('--corpus <file>', 'with --codebook: the corpus to classify (default .dialog/corpus.json)')
    .option('--no-review', "leave out the workspace's review decisions: the codebook's tags alone on both sides")
    .addOption(formatOption(['text', 'json', 'md']))
    .option('--limit <n>', 'at most n items per list (default: all for text, 50 for md; json has all)')
    .option('--exit-code', 'exit 1 when the two differ, 0 when they do not (as git diff --exit-code)')
    .addHelpText(
      'after',
      `
Examples:
  $ dialog diff --codebook gammal.yaml          what my codebook edits changed
  $ dialog diff --codebook a.yaml --codebook b.yaml
  $ dialog diff --rev HEAD~1                     what the last commit changed in the published figures
  $ dialog diff --rev main --format md >> "$GITHUB_STEP_SUMMARY"
  $ dialog diff old/corpus.json .dialog/corpus.json --format json`,
    )
    .action(async (corpora: string[], opts) => {
      const [files, o] = fromHere(corpora, { ...program.opts(), ...opts });
      const codebook = (opts.codebook as string[] | undefined)?.map((p) => resolve(p));
      return (await import('./commands/diff.js')).diff(files, { ...o, ...(codebook ? { codebook } : {}) });
    });

  program
    .command('init')
    .description('start a workspace: dialog.config.yaml, remiss.yaml (the consultation), a starter codebook, an empty register and a remissvar folder')
    .argument('[folder]', 'where to write it (default: the current folder)')
    .addHelpText(
      'after',
      `
Examples:
  $ dialog init mitt-remissarbete    then fill in remiss.yaml, put the remissvar in remissvar/, and run dialog ingest`,
    )
    .action(async (folder: string | undefined) => (await import('./commands/init.js')).init(folder, program.opts()));

  return program;
}

export async function main(argv: string[]): Promise<number> {
  quietOnBrokenPipe();
  const program = build();
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (err) {
    return await failure(err, verbose);
  } finally {
    (await import('./corpus/text-spill.js')).closeSharedSpill();
  }
}

/** The exit code for what a command threw, with its message for people. */
async function failure(err: unknown, verbose: boolean): Promise<number> {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  if (err instanceof InputError) {
    (await import('./output.js')).printDiagnostics(err.diagnostics);
    return EXIT.input;
  }
  if (err instanceof Error && err.name === 'WriteError') {
    process.stderr.write(`error: ${safeMessage(err.message)}\n`);
    return EXIT.input;
  }
  const io = err as NodeJS.ErrnoException;
  if (io?.code && io.path && /^E[A-Z]+$/.test(io.code)) {
    const [{ shownPath }, { reasonFor }] = await Promise.all([import('./files/paths.js'), import('./files/fsx.js')]);
    process.stderr.write(`error: ${safeMessage(shownPath(String(io.path)))}: ${reasonFor(io)}; check the path\n`);
    if (verbose) process.stderr.write(`${io.stack}\n`);
    return EXIT.input;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`error: ${safeMessage(err.message)}\n(run dialog --help for usage)\n`);
    return EXIT.usage;
  }
  const e = err as Error;
  process.stderr.write(`internal error: ${safeMessage(String(e?.message))}\n`);
  if (verbose) process.stderr.write(`${e.stack}\n`);
  else process.stderr.write('(run again with --verbose for details, and report it if it persists)\n');
  return EXIT.internal;
}

