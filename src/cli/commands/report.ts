import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Aggregator } from '../../core/report/aggregate.js';
import { diag, didYouMean, InputError, UsageError } from '../../core/diagnostics.js';
import { shortDiff } from '../../core/report/line-diff.js';
import { buildReportModel } from '../../core/report/report-model.js';
import type { Lang } from '../../core/report/report-text.js';
import { renderTemplate } from '../../core/report/render-template.js';
import { loadCodebook } from '../codebook-file.js';
import { chooseSource } from '../corpus-source.js';
import { classifyCorpus } from '../pipeline.js';
import { progressBar } from '../progress.js';
import { displayPath, refuseOverwritingInputs, writeFileAtomic } from '../fsx.js';
import { message, out, printDiagnostics } from '../output.js';
import { loadRegister, loadWorkspace, TEMPLATE_DIR, type Workspace } from '../workspace.js';

export interface ReportOptions {
  template: string;
  lang?: Lang;
  out?: string;
  check?: boolean;
  all?: boolean;
  corpus?: string;
  codebook?: string;
  register?: string;
  quiet?: boolean;
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
  if (/[\\/]|\.hbs$/u.test(spec)) throw new InputError([diag(spec, 0, 0, 'no such template file; check the path')]);
  const names = [...BUILT_IN_TEMPLATES, ...Object.keys(ws.templates)];
  throw new UsageError(`no template named "${spec}"${didYouMean(folded, [...names, ...TEMPLATE_ALIASES.keys()].map(foldName))} (templates: ${names.join(', ')}, or the path of a Handlebars file)`);
}

export async function report(inputs: string[], opts: ReportOptions): Promise<void> {
  if (opts.check && !opts.out && !opts.all) throw new UsageError('--check compares with a file: give -o <file> (or --all)');
  if (opts.all && opts.out) throw new UsageError('--all writes the files listed under outputs in dialog.config.yaml; leave out -o');
  const ws = loadWorkspace();
  const jobs: { template: string; lang: Lang; out?: string }[] = [];
  if (opts.all) {
    if (!Object.keys(ws.outputs).length) throw new UsageError('--all needs `outputs` in dialog.config.yaml (e.g. sammanfattning: reports/sammanfattning.md)');
    for (const [name, file] of Object.entries(ws.outputs)) {
      const [template, lang] = name.split('.') as [string, Lang | undefined];
      jobs.push({ template, lang: lang ?? opts.lang ?? ws.lang ?? 'sv', out: file });
    }
  } else jobs.push({ template: opts.template, lang: opts.lang ?? ws.lang ?? 'sv', out: opts.out ? resolve(opts.out) : undefined });

  const templates = jobs.map((j) => resolveTemplate(j.template, j.lang, ws));
  if (!opts.check) for (const j of jobs) if (j.out) refuseOverwritingInputs(j.out, inputs.length ? inputs : ws.inputs);
  const codebookPath = opts.codebook ? resolve(opts.codebook) : ws.codebook;
  const book = loadCodebook(codebookPath);
  const registerPath = opts.register ? resolve(opts.register) : ws.register;
  const register = loadRegister(registerPath);
  const { source, diagnostics } = await chooseSource(inputs, ws, opts);
  printDiagnostics(diagnostics, true);
  let agg: Aggregator | undefined;
  await classifyCorpus(
    source,
    { book, codebookPath, progress: await progressBar('report', opts) },
    (header) => (agg = new Aggregator(book, new Map(header.respondents.map((p) => [p.id, p])), header.consultation)),
    (o) => agg!.add(o),
  );
  if (!agg!.consultation) {
    const where = 'path' in source ? displayPath(source.path) : inputs[0] ?? ws.inputs[0] ?? '(inputs)';
    const title = jobs.some((j) => j.lang === 'sv') ? 'Remissvar' : 'Consultation responses';
    printDiagnostics([diag(where, 0, 0, `no consultation metadata was given, so the report is titled "${title}" and has no issuer, dates or questions; add a \`consultation:\` block with id and title (see README, "Input formats")`, 'warning')], opts.quiet);
  }
  const countyMunicipalities = register.respondents.filter((r) => r.type === 'kommun' && r.inCounty !== false).length;

  let stale = 0;
  jobs.forEach((job, k) => {
    const model = buildReportModel(agg!, { lang: job.lang, countyMunicipalities });
    const file = templates[k];
    const markdown = renderTemplate(readFileSync(file, 'utf8'), displayPath(file), model);
    if (!job.out) return out(markdown);
    const shown = displayPath(job.out);
    if (opts.check) {
      const current = existsSync(job.out) ? readFileSync(job.out, 'utf8') : undefined;
      if (current === markdown) {
        if (!opts.quiet) message(`${shown}: current`);
      } else {
        stale++;
        message(current === undefined ? `${shown}: missing; run dialog report -o ${shown}` : `${shown}: stale; run \`dialog report${opts.all ? ' --all' : ` -o ${shown}`}\` to update it\n${shortDiff(current, markdown)}`);
      }
      return;
    }
    writeFileAtomic(job.out, markdown);
    if (!opts.quiet) message(`wrote ${shown}`);
  });
  if (stale) process.exitCode = 1;
}
