import { stringify } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { validator } from '../schemas.js';
import { parseYaml, validateYaml } from '../ingest/yaml-source.js';
import type { Estimate } from './normal.js';
import type { AuditScore, WeightedShare } from './score.js';
import type { Stratum } from './sample.js';

type Figure = number | null;

/** The scored audit as the workspace keeps it (schemas/audit.schema.json). */
export interface AuditFile {
  format: 'dialog-audit';
  version: 1;
  date: string;
  codebook: { path: string; sha256: string };
  sheets?: string[];
  checked: number;
  coders: number;
  strata: Stratum[];
  themes: {
    id: string;
    machineShare: number;
    checked: { tagged: number; untagged: number };
    ppv: { p: Figure; n: number };
    missed: { p: Figure; n: number };
    precision: FigureEstimate;
    recall: FigureEstimate;
    f1: FigureEstimate;
    kappa: FigureEstimate;
  }[];
  agreement?: { both: number; alpha: Figure; kappa: { id: string; kappa: Figure }[]; disagreements: number };
}

interface FigureEstimate {
  estimate: Figure;
  lower: Figure;
  upper: Figure;
}

const figure = (x: number): Figure => (Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : null);
const estimate = (e: Pick<Estimate, 'estimate' | 'lower' | 'upper'>): FigureEstimate => ({ estimate: figure(e.estimate), lower: figure(e.lower), upper: figure(e.upper) });
const weighted = (w: WeightedShare) => ({ p: figure(w.p), n: figure(w.n) ?? 0 });

/** The audit file for a score: figures rounded to six decimals, undefined ones null. */
export function auditFileOf(score: AuditScore, meta: { date: string; codebook: { path: string; sha256: string }; sheets: string[] }): AuditFile {
  return {
    format: 'dialog-audit',
    version: 1,
    date: meta.date,
    codebook: meta.codebook,
    sheets: meta.sheets,
    checked: score.checked,
    coders: score.agreement ? 2 : 1,
    strata: score.strata,
    themes: score.themes.map((t) => ({
      id: t.id,
      machineShare: figure(t.machineShare) ?? 0,
      checked: t.checked,
      ppv: weighted(t.ppv),
      missed: weighted(t.missed),
      precision: estimate(t.precision),
      recall: estimate(t.recall),
      f1: estimate(t.f1),
      kappa: { estimate: figure(t.kappa.kappa), lower: figure(t.kappa.lower), upper: figure(t.kappa.upper) },
    })),
    ...(score.agreement
      ? { agreement: { both: score.agreement.both, alpha: figure(score.agreement.alpha.alpha), kappa: score.agreement.kappa.map((k) => ({ id: k.id, kappa: figure(k.result.kappa) })), disagreements: score.agreement.disagreements.length } }
      : {}),
  };
}

export function auditFileText(file: AuditFile): string {
  return `# The scored audit of the codebook, written by \`dialog audit score\` (schemas/audit.schema.json).\n# Reports take each theme's interval from it; score the audit again rather than edit it.\n${stringify(file, { lineWidth: 0 })}`;
}

export function parseAuditFile(path: string, text: string): { audit?: AuditFile; diagnostics: Diagnostic[] } {
  const src = parseYaml(path, text);
  const diagnostics = src.diagnostics.filter((d) => d.severity === 'error');
  if (!diagnostics.length) diagnostics.push(...validateYaml(path, src, validator('audit')));
  return diagnostics.length ? { diagnostics } : { audit: src.data as AuditFile, diagnostics };
}
