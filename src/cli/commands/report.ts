import type { CorpusSettings } from '../../core/model.js';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { Aggregator } from '../../core/report/aggregate.js';
import { diag, didYouMean, InputError, UsageError } from '../../core/diagnostics.js';
import { shortDiff } from '../../core/report/line-diff.js';
import { buildReportCharts, buildReportModel, markdownImageSrc } from '../../core/report/report-model.js';
import type { BarChart } from '../../core/report/chart-model.js';
import type { Lang } from '../../core/report/report-text.js';
import { renderTemplate } from '../../core/report/render-template.js';
import { nearMisses, resolveAddressees, type Addressees } from '../../core/report/addressees.js';
import { RespondentIndex } from '../../core/ingest/respondents.js';
import { foreignCodebook, loadCodebook } from '../workspace/codebook-file.js';
import { chooseSource } from '../corpus/corpus-source.js';
import { unreadableIn, warnUnreadable } from '../corpus/unreadable.js';
import { classifyCorpus } from '../run/pipeline.js';
import { progressBar } from '../run/progress.js';
import { isSpecialFile, outputGuard, writeFileAtomic } from '../files/fsx.js';
import { displayPath, shownPath } from '../files/paths.js';
import { message, out, printDiagnostics } from '../output.js';
import { enterWorkspace, loadRegister, TEMPLATE_DIR, userPath, type Workspace } from '../workspace/workspace.js';
import { runReads } from '../files/run-reads.js';
import { consultationPlace } from '../workspace/consultation-place.js';
import { startReview } from '../run/review-run.js';
import { loadAudit } from '../workspace/audit-file.js';
import type { AuditFile } from '../../core/audit/audit-file.js';

export interface ReportOptions {
  template: string;
  lang?: Lang;
  out?: string;
  format?: ReportFormat;
  check?: boolean;
  all?: boolean;
  corpus?: string;
  codebook?: string;
  register?: string;
  quiet?: boolean;
}

export type ReportFormat = 'md' | 'html' | 'docx' | 'pdf';

const EXTENSIONS: Record<string, ReportFormat> = { '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html', '.docx': 'docx', '.pdf': 'pdf' };

/** The format of an output: its extension's, or --format's; the two must agree (else exit 2). */
export function formatOf(out: string | undefined, format: ReportFormat | undefined): ReportFormat {
  const ext = out ? extname(out).toLowerCase() : '';
  const byExtension = ext ? EXTENSIONS[ext] : undefined;
  // An extension dialog does not write would hold a format it does not name (Markdown in a .pdf).
  if (ext && !byExtension)
    throw new UsageError(
      `dialog cannot write ${displayPath(out!)}: reports are .md (Markdown), .html (one page), .docx (Word) or .pdf`,
    );
  if (format && byExtension && format !== byExtension)
    throw new UsageError(`--format ${format} does not match the extension of ${displayPath(out!)} (${byExtension}); leave out --format or name the file .${format === 'md' ? 'md' : format}`);
  const chosen = format ?? byExtension ?? 'md';
  if ((chosen === 'docx' || chosen === 'pdf') && !out) throw new UsageError(`a ${chosen === 'pdf' ? 'PDF' : 'Word document'} is binary: give -o <file>.${chosen}`);
  return chosen;
}

export const BUILT_IN_TEMPLATES = ['sammanfattning', 'remissammanstallning'];

/** Other spellings of the built-in names: Swedish letters, and the English words. */
const TEMPLATE_ALIASES = new Map([
  ['summary', 'sammanfattning'],
  ['compilation', 'remissammanstallning'],
]);

/** Case and å ä ö (and other accents) folded, so that "Remissammanställning" is remissammanstallning. */
const foldName = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** A template name (built in, or named in dialog.config.yaml) or a file path. */
export function resolveTemplate(spec: string, lang: Lang, ws: Workspace): string {
  if (Object.hasOwn(ws.templates, spec)) return ws.templates[spec];
  const folded = foldName(spec);
  const builtIn = BUILT_IN_TEMPLATES.find((t) => t === folded) ?? TEMPLATE_ALIASES.get(folded);
  if (builtIn) return resolve(TEMPLATE_DIR, `${builtIn}.${lang}.md.hbs`);
  if (existsSync(spec)) return resolve(spec);
  if (/[\\/]|\.hbs$/u.test(spec)) throw new InputError([diag(displayPath(spec), 0, 0, 'no such template file; check the path')]);
  const names = [...BUILT_IN_TEMPLATES, ...Object.keys(ws.templates)];
  throw new UsageError(`no template named "${spec}"${didYouMean(folded, [...names, ...TEMPLATE_ALIASES.keys()].map(foldName))} (templates: ${names.join(', ')}, or the path of a Handlebars file)`);
}

export async function report(inputs: string[], opts: ReportOptions): Promise<void> {
  if (opts.check && !opts.out && !opts.all) throw new UsageError('--check compares with a file: give -o <file> (or --all)');
  if (opts.all && opts.out) throw new UsageError('--all writes the files listed under outputs in dialog.config.yaml; leave out -o');
  if (opts.all && opts.format) throw new UsageError('--all takes each format from the extension of the file under outputs in dialog.config.yaml; leave out --format');
  const ws = enterWorkspace(opts);
  const jobs: { template: string; lang: Lang; out?: string; format: ReportFormat }[] = [];
  if (opts.all) {
    if (!Object.keys(ws.outputs).length) throw new UsageError('--all needs `outputs` in dialog.config.yaml (e.g. sammanfattning: reports/sammanfattning.md)');
    for (const [name, file] of Object.entries(ws.outputs)) {
      // `template[.lang][.anything]`: the other parts only tell outputs apart (sammanfattning.html).
      const [template, ...rest] = name.split('.');
      const lang = rest.find((x): x is Lang => x === 'sv' || x === 'en');
      jobs.push({ template, lang: lang ?? opts.lang ?? ws.lang ?? 'sv', out: file, format: formatOf(file, undefined) });
    }
  } else jobs.push({ template: opts.template, lang: opts.lang ?? ws.lang ?? 'sv', out: opts.out ? resolve(opts.out) : undefined, format: formatOf(opts.out, opts.format) });

  const templates = jobs.map((j) => resolveTemplate(j.template, j.lang, ws));
  const codebookPath = opts.codebook ? resolve(opts.codebook) : ws.codebook;
  const registerPath = opts.register ? resolve(opts.register) : ws.register;
  // No output over a file the run reads, nor where the next ingest would read it as a response.
  const guard = outputGuard([...inputs, ...ws.inputs], runReads(ws, { codebook: codebookPath, register: registerPath, corpus: opts.corpus ? resolve(opts.corpus) : ws.corpus, templates }));
  if (!opts.check) for (const j of jobs) if (j.out) guard(j.out, 'the report');
  const book = loadCodebook(codebookPath);
  const review = startReview(ws, book, codebookPath, opts.quiet);
  const audit = loadAudit(ws, codebookPath, opts.quiet);
  const register = loadRegister(registerPath);
  const { source, diagnostics } = await chooseSource(inputs, ws, opts);
  printDiagnostics(diagnostics, true);
  const unreadable = await unreadableIn(source);
  warnUnreadable(unreadable, opts.quiet);
  let agg: Aggregator | undefined;
  let consultationOrigin: CorpusSettings['consultation'];
  // Each respondent's best sentence per theme is kept only for a template that may print it (the
  // remissammanställning, or one of the user's): for 400 000 respondents it is most of the memory.
  const needsQuotes = templates.some((file) => !(dirname(file) === TEMPLATE_DIR && basename(file).startsWith('sammanfattning.')));
  await classifyCorpus(
    source,
    { book, progress: await progressBar('report', opts), sentenceLimits: () => agg!.sentenceLimits(), ...(review ? { review: review.stage } : {}) },
    (header) => {
      const foreign = foreignCodebook(book, codebookPath, header.consultation);
      if (foreign && !opts.quiet) message(foreign);
      agg = new Aggregator(book, new Map(header.respondents.map((p) => [p.id, p])), header.consultation, { quotes: needsQuotes, auditCounts: !!audit });
      consultationOrigin = header.settings?.consultation;
    },
    (o) => {
      review?.see(o);
      agg!.add(o);
    },
  );
  agg!.unreadable = unreadable;
  const orphans = review ? review.orphans([...agg!.people.values()]) : [];
  // An orphan is said even with --quiet when --check is to fail on it.
  printDiagnostics(orphans, opts.quiet && !opts.check);
  // Without a consultation the report says less; the warning quotes the title it does have.
  const where = 'path' in source ? displayPath(source.path) : displayPath(inputs[0] ?? ws.inputs[0] ?? '.');
  let unnamed = !agg!.consultation;
  const warnUnnamed = (markdown: string) => {
    if (!unnamed) return;
    unnamed = false;
    const title = /^#\s+(.+)$/mu.exec(markdown)?.[1]?.trim();
    printDiagnostics([diag(where, 0, 0, `no consultation metadata was given, so the report is titled only${title ? ` "${title}"` : ' generically'} and has no issuer, dates or questions; describe the consultation in remiss.yaml and name it in dialog.config.yaml (consultation: remiss.yaml; \`dialog init\` writes both), or add a \`consultation:\` block to a YAML input (see Input formats in the README)`, 'warning')], opts.quiet);
  };
  let addressees: Addressees | undefined;
  const specs = agg!.consultation?.remissinstanser;
  if (specs) {
    const resolved = resolveAddressees(specs, new RespondentIndex(register), register);
    if (resolved.problems.length)
      throw new InputError(
        resolved.problems.map((p) => {
          const at = consultationPlace(consultationOrigin, ['remissinstanser', p.index]);
          return at ? diag(at.file, at.line, at.col, `remissinstanser[${p.index + 1}]: ${p.message}`) : diag(where, 0, 0, `consultation: remissinstanser[${p.index + 1}]: ${p.message}`);
        }),
      );
    addressees = resolved.addressees;
    const misses = nearMisses(agg!.people.values(), new Set(agg!.respondents.keys()), addressees);
    if (misses.length)
      throw new InputError(
        misses.map((m) =>
          diag(where, 0, 0, `"${m.respondent}" answered but is not in the register, while ${m.addressee} was asked and ${m.answered ? 'has answered too' : 'has not answered'} (did you mean "${m.addressee}"?); fix the name in the response, or add it to the register (as a variant of ${m.addressee} if it is the same body, with its own code if it is another), then ingest again`),
        ),
      );
  }

  let stale = 0;
  for (const [k, job] of jobs.entries()) {
    const files = await renderJob(agg!, job, templates[k], addressees, audit, warnUnnamed);
    if (!job.out) {
      out(files[0].content as string);
      continue;
    }
    if (!opts.check) for (const f of files.slice(1)) guard(f.path, `the chart of ${displayPath(job.out)}`);
    for (const f of files) {
      const shown = shownPath(f.path);
      if (opts.check) {
        const current = existsSync(f.path) ? readFileSync(f.path) : undefined;
        const fresh = typeof f.content === 'string' ? Buffer.from(f.content) : f.content;
        if (current?.equals(fresh)) {
          if (!opts.quiet) message(`${shown}: current`);
        } else {
          stale++;
          const rerun = `dialog report${opts.all ? ' --all' : ` -o ${userPath(job.out)}`}`;
          const diff = current && typeof f.content === 'string' ? `\n${shortDiff(current.toString('utf8'), f.content)}` : '';
          message(current === undefined ? `${shown}: missing; run \`${rerun}\`` : `${shown}: stale; run \`${rerun}\` to update it${diff}`);
        }
        continue;
      }
      writeFileAtomic(f.path, f.content);
      if (!opts.quiet) message(`wrote ${shown}`);
    }
  }
  if (orphans.length && opts.check)
    message(`${orphans.length} ${orphans.length === 1 ? 'decision' : 'decisions'} of ${review!.review.file} found no answer or response in the corpus (above), so the reports leave ${orphans.length === 1 ? 'it' : 'them'} out; --check fails until each is moved to its answer or removed`);
  if (stale || (orphans.length && opts.check)) process.exitCode = 1;
}

interface OutputFile {
  path: string;
  content: string | Uint8Array;
}

/** File name of a chart written beside a Markdown report: `<report>-<chart>.svg`. */
export const chartFileName = (report: string, id: string) => `${basename(report, extname(report))}-${id}.svg`;

/**
 * One report in its format: Markdown (with its charts as SVG files beside it, when it is written
 * to a file), one HTML file with the charts inline, a Word document with the charts as PNG, or a
 * tagged PDF with the charts as vector graphics.
 * The first file is the report itself.
 */
async function renderJob(agg: Aggregator, job: { lang: Lang; out?: string; format: ReportFormat }, template: string, addressees: Addressees | undefined, audit: AuditFile | undefined, onMarkdown?: (markdown: string) => void): Promise<OutputFile[]> {
  const charts = buildReportCharts(agg, job.lang);
  const ids = charts.map((c) => c.id);
  const chartImages: Partial<Record<BarChart['id'], string>> = {};
  for (const id of ids) {
    if (job.format !== 'md') chartImages[id] = `chart:${id}`;
    // A report written to a device or a pipe has no folder to put its charts in.
    else if (job.out && !isSpecialFile(job.out)) chartImages[id] = chartFileName(job.out, id);
  }
  const model = buildReportModel(agg, { lang: job.lang, addressees, chartImages, ...(audit ? { audit } : {}) });
  const markdown = renderTemplate(readFileSync(template, 'utf8'), displayPath(template), model);
  onMarkdown?.(markdown);
  // Only the charts the template shows are drawn.
  const used = charts.filter((c) => chartImages[c.id] && markdown.includes(`](${markdownImageSrc(chartImages[c.id]!)})`));
  const { chartSvg } = used.length ? await import('../render/charts.js') : { chartSvg: undefined };
  if (job.format === 'md') {
    const files: OutputFile[] = [{ path: job.out ?? '-', content: markdown }];
    for (const c of used) files.push({ path: join(dirname(job.out!), chartFileName(job.out!, c.id)), content: await chartSvg!(c, 'adaptive') });
    return files;
  }
  if (job.format === 'html') {
    const { markdownToHtml } = await import('../render/html.js');
    const svgs = new Map<string, string>();
    for (const c of used) svgs.set(c.id, await chartSvg!(c, 'transparent'));
    return [{ path: job.out ?? '-', content: await markdownToHtml(markdown, { lang: job.lang, charts: svgs }) }];
  }
  // The document's date is the data's, not the clock's: the same report gives the same bytes.
  const date = agg.lastDate ?? agg.consultation?.deadline ?? agg.consultation?.sent ?? '2000-01-01';
  if (job.format === 'pdf') {
    const { markdownToPdf } = await import('../render/pdf.js');
    const svgs = new Map<string, { svg: string; description: string }>();
    for (const c of used) svgs.set(c.id, { svg: await chartSvg!(c, 'white'), description: c.description });
    return [{ path: job.out!, content: await markdownToPdf(markdown, { lang: job.lang, charts: svgs, date }) }];
  }
  const [{ markdownToDocx }, { svgToPng }] = await Promise.all([import('../render/docx.js'), import('../render/charts.js')]);
  const pngs = new Map<string, { png: Buffer; width: number; height: number; description: string }>();
  for (const c of used) pngs.set(c.id, { ...(await svgToPng(await chartSvg!(c, 'white'))), description: c.description });
  return [{ path: job.out!, content: await markdownToDocx(markdown, { lang: job.lang, charts: pngs, date }) }];
}
