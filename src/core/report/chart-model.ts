import { STANCE_KEYS, type StanceKey } from '../classify/analyse.js';
import type { Lang } from './report-text.js';

/**
 * The report's charts as data: what is drawn, in which order, in which colour, on which axis.
 * Renderers (SVG through Vega-Lite, PNG for Word, Mermaid for custom templates) draw this and
 * decide nothing of their own, so every format shows the same numbers the same way.
 */
export interface BarChart {
  /** Stable id, used in file names (`<report>-<id>.svg`) and to refer to the chart. */
  id: 'positions' | 'themes';
  title: string;
  /** Title of the value axis. */
  axisTitle: string;
  /** A sentence that says what the chart shows, for screen readers and as alt text. */
  description: string;
  /** Horizontal bars, top to bottom. Labels are user text, unescaped: renderers escape them. */
  bars: ChartBar[];
  /** The value axis: from 0 to max in integer steps. */
  axis: IntegerAxis;
}

export interface ChartBar {
  key: string;
  label: string;
  value: number;
  /** Fill colour (#rrggbb). */
  colour: string;
  /** A darker edge of the same hue, so light fills keep 3:1 contrast on white paper. */
  edge: string;
}

export interface IntegerAxis {
  max: number;
  step: number;
  ticks: number[];
}

/**
 * The Okabe–Ito palette (Okabe and Ito, "Color Universal Design", 2008), distinct for the common
 * forms of colour blindness. Yellow is left out (it disappears on white paper) and black is left
 * out (it disappears on a dark page).
 */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  grey: '#999999',
} as const;

/** One colour per position, whatever positions occur: green for, blue with reservations, vermillion against. */
export const POSITION_COLOURS: Record<StanceKey, string> = {
  support: OKABE_ITO.bluishGreen,
  conditional: OKABE_ITO.skyBlue,
  oppose: OKABE_ITO.vermillion,
  'no-opinion': OKABE_ITO.reddishPurple,
  unknown: OKABE_ITO.grey,
};

/** Theme colours by the theme's place in the codebook (not its rank), so a theme keeps its colour. */
export const THEME_COLOURS = [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.skyBlue, OKABE_ITO.vermillion, OKABE_ITO.grey];

export const themeColour = (codebookIndex: number) => THEME_COLOURS[codebookIndex % THEME_COLOURS.length];

/** The colour mixed towards black by `amount` (0–1). */
export function darken(hex: string, amount = 0.35): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const channel = (shift: number) => Math.round(((n >> shift) & 0xff) * (1 - amount));
  return `#${[16, 8, 0].map((s) => channel(s).toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

/**
 * An axis from 0 to at least the largest value, in whole steps of 1, 2 or 5 times a power of
 * ten, with at most `maxTicks` intervals: never 0.2 of a respondent, and scaled to the data, not
 * to the number of respondents.
 */
export function integerAxis(largest: number, maxIntervals = 6): IntegerAxis {
  const top = Math.max(1, Math.ceil(largest));
  let step = 1;
  for (let power = 1; ; power *= 10) {
    const found = [1, 2, 5].map((m) => m * power).find((s) => Math.ceil(top / s) <= maxIntervals);
    if (found) {
      step = found;
      break;
    }
  }
  const max = Math.ceil(top / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= max; t += step) ticks.push(t);
  return { max, step, ticks };
}

/**
 * A label in lines of at most `width` characters, broken between words (a word longer than the
 * width keeps its own line): charts show labels in full, and a long one wraps instead of
 * widening the chart.
 */
export function wrapLabel(text: string, width = 32): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/u).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** Labels must tell bars apart: a repeated label gets its key in brackets. */
function distinctLabels(bars: ChartBar[]): ChartBar[] {
  const seen = new Map<string, number>();
  for (const b of bars) seen.set(b.label, (seen.get(b.label) ?? 0) + 1);
  return bars.map((b) => ((seen.get(b.label) ?? 0) > 1 ? { ...b, label: `${b.label} (${b.key})` } : b));
}

const WORDS = {
  sv: {
    positions: 'Ställningstaganden',
    themes: 'Teman',
    axis: 'Antal remissinstanser',
    positionsText: (parts: string) => `Antal remissinstanser per ställningstagande: ${parts}.`,
    themesText: (parts: string) => `Antal remissinstanser som tar upp respektive tema: ${parts}.`,
  },
  en: {
    positions: 'Positions',
    themes: 'Themes',
    axis: 'Number of respondents',
    positionsText: (parts: string) => `Number of respondents per position: ${parts}.`,
    themesText: (parts: string) => `Number of respondents raising each theme: ${parts}.`,
  },
};

export interface ChartInput {
  lang: Lang;
  /** Positions in report order, with counts; the unknown position only when it occurs. */
  positions: { key: StanceKey; label: string; count: number }[];
  /** Themes in report order (most respondents first), with their place in the codebook. */
  themes: { id: string; label: string; respondents: number; codebookIndex: number }[];
}

export function buildCharts(input: ChartInput): BarChart[] {
  const w = WORDS[input.lang];
  const parts = (bars: ChartBar[]) => bars.map((b) => `${b.label} ${b.value}`).join(', ');
  const positionBars = distinctLabels(
    STANCE_KEYS.flatMap((key) => input.positions.filter((p) => p.key === key)).map((p) => ({
      key: p.key,
      label: p.label,
      value: p.count,
      colour: POSITION_COLOURS[p.key],
      edge: darken(POSITION_COLOURS[p.key]),
    })),
  );
  const themeBars = distinctLabels(
    input.themes.map((t) => ({ key: t.id, label: t.label, value: t.respondents, colour: themeColour(t.codebookIndex), edge: darken(themeColour(t.codebookIndex)) })),
  );
  const chart = (id: BarChart['id'], title: string, bars: ChartBar[], text: (p: string) => string): BarChart => ({
    id,
    title,
    axisTitle: w.axis,
    description: text(parts(bars)),
    bars,
    axis: integerAxis(Math.max(0, ...bars.map((b) => b.value))),
  });
  return [chart('positions', w.positions, positionBars, w.positionsText), chart('themes', w.themes, themeBars, w.themesText)];
}

/** Mermaid source of a chart, for custom templates that still draw with Mermaid. */
export function mermaidBars(chart: BarChart): string {
  const q = (s: string) => `"${mermaidText(s)}"`;
  return [
    'xychart-beta horizontal',
    `    title ${q(chart.title)}`,
    `    x-axis [${chart.bars.map((b) => q(b.label)).join(', ')}]`,
    `    y-axis ${q(chart.axisTitle)} 0 --> ${chart.axis.max}`,
    `    bar [${chart.bars.map((b) => b.value).join(', ')}]`,
  ].join('\n');
}

/**
 * Text inside a Mermaid label in double quotes: quotes and line breaks would end it, brackets
 * confuse the parser, and `#…;` is read as an entity code, so `#` is written as its entity.
 */
export function mermaidText(text: string): string {
  return text.replace(/\s+/gu, ' ').replace(/"/g, "'").replace(/[{}[\]]/g, '').replace(/#/g, '#35;').trim();
}
