import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { wrapLabel, type BarChart } from '../../core/report/chart-model.js';
import { readFontMetrics } from './font-metrics.js';

/**
 * Draws chart models as SVG with Vega-Lite, rendered headless through vega's Node API, and as
 * PNG with resvg. Both libraries are loaded on first use: commands that draw nothing never pay
 * for them, and `dialog --version` stays as fast as before.
 */

/** The font the charts are drawn and measured in; resvg and browsers fall back to a sans-serif. */
const FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';

/**
 * `white` for pictures (Word, PDF); `transparent` for the HTML page, whose stylesheet colours the
 * text; `adaptive` for a file of its own (beside a Markdown report, shown on GitHub as an image
 * on a light or a dark page): transparent, with its own light and dark text colours.
 */
export type ChartBackground = 'white' | 'transparent' | 'adaptive';

/** The Vega-Lite specification of a horizontal bar chart with full labels and an integer axis. */
export function vegaLiteSpec(chart: BarChart, background: ChartBackground): Record<string, unknown> {
  // Long labels wrap onto lines (joined by a line feed here, split again by the axis).
  const values = chart.bars.map((b, i) => ({ label: wrapLabel(b.label).join('\n'), value: b.value, colour: b.colour, edge: b.edge, order: i }));
  const lines = Math.max(1, ...values.map((v) => v.label.split('\n').length));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: chart.description,
    background: background === 'white' ? '#ffffff' : null,
    padding: 12,
    width: 400,
    height: { step: 17 * lines + 14 },
    title: { text: chart.title, anchor: 'start', fontSize: 16, font: FONT, color: '#1f2328', offset: 10 },
    data: { values },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        sort: null,
        // Full labels: no truncation (the chart grows to hold them), no ellipsis.
        axis: { title: null, labelExpr: "split(datum.label, '\\n')", labelLineHeight: 16, labelLimit: 0, labelFontSize: 13, labelFont: FONT, labelColor: '#1f2328', labelPadding: 6, ticks: false, domainColor: '#57606a' },
      },
      x: {
        field: 'value',
        type: 'quantitative',
        scale: { domain: [0, chart.axis.max], nice: false, zero: true },
        axis: {
          title: chart.axisTitle,
          titleFont: FONT,
          titleFontSize: 13,
          titleFontWeight: 'normal',
          titleColor: '#1f2328',
          values: chart.axis.ticks,
          format: 'd',
          labelFont: FONT,
          labelFontSize: 12,
          labelColor: '#1f2328',
          labelFlush: false,
          gridColor: '#d0d7de',
          domainColor: '#57606a',
          tickColor: '#57606a',
        },
      },
    },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          fill: { field: 'colour', type: 'nominal', scale: null, legend: null },
          stroke: { field: 'edge', type: 'nominal', scale: null, legend: null },
          // A bar of 0 has no width: no edge either, or it shows as a coloured sliver.
          strokeWidth: { condition: { test: 'datum.value > 0', value: 1 }, value: 0 },
        },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, font: FONT, fontSize: 13, color: '#1f2328' },
        encoding: { text: { field: 'value', type: 'quantitative', format: 'd' } },
      },
    ],
    config: { view: { stroke: null }, axis: { labelOverlap: false } },
  };
}

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');
let libs: Promise<[Vega, VegaLite]> | undefined;

/** The chart as a standalone SVG document (text escaped by vega's renderer). */
export async function chartSvg(chart: BarChart, background: ChartBackground = 'white'): Promise<string> {
  libs ??= Promise.all([import('vega'), import('vega-lite')]).then((loaded) => {
    measureWithDejaVu(loaded[0]);
    return loaded;
  });
  const [vega, vl] = await libs;
  const spec = vl.compile(vegaLiteSpec(chart, background) as never, { logger: silent(vega) }).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none', logLevel: vega.None });
  try {
    const svg = tagSvg(await view.toSVG(), chart);
    return background === 'adaptive' ? adaptive(svg) : svg;
  } finally {
    view.finalize();
  }
}

/**
 * Vega lays out text by its width. Without a canvas it guesses 0.8 em per character, a third
 * wider than DejaVu Sans, which leaves wide gaps beside labels. The widths are read from the
 * font instead (regular or bold), with 4 % to spare: DejaVu Sans is the first font the charts
 * ask for and wider than the fallbacks (Liberation Sans, Arial, Helvetica), so a browser that
 * lacks it draws narrower text, never wider.
 */
function measureWithDejaVu(vega: Vega): void {
  const [regular, bold] = fontFiles().map(readFontMetrics);
  const metrics = (vega as unknown as { textMetrics: { width: (item: { fontSize?: number; fontWeight?: string | number }, text: unknown) => number } }).textMetrics;
  metrics.width = (item, text) => {
    const line = text == null ? '' : String(text).trim();
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const heavy = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
    return Math.ceil((heavy ? bold : regular).width(line, size) * 1.04);
  };
}

/** Vega's logger, with nothing written: a chart problem is a bug, not a message for the user. */
function silent(vega: Vega) {
  const logger = vega.logger(vega.None);
  logger.warn = () => logger;
  logger.info = () => logger;
  logger.debug = () => logger;
  return logger;
}

/**
 * A chart that reads on a light page and on a dark one. The text follows the viewer's colour
 * scheme (a stylesheet inside the SVG applies where it is shown as an image, as GitHub shows it)
 * and carries a halo of the opposite colour, so that it still reads where the page's theme and
 * the viewer's scheme differ (GitHub dark on a light system). Bars keep their colours, which
 * read on both.
 */
function adaptive(svg: string): string {
  const style = `<style>
text { paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }
@media (prefers-color-scheme: dark) {
  text { fill: #e6edf3; stroke: #0d1117; }
  .role-axis-grid line { stroke: #3d444d; }
  .role-axis-domain line, .role-axis-tick line { stroke: #9198a1; }
}
</style>`;
  return svg.replace(/(<desc>[^<]*<\/desc>)/, `$1${style}`);
}

/** Adds a role, a title and a description for screen readers, and a class for stylesheets. */
function tagSvg(svg: string, chart: BarChart): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return svg
    .replace(/^<svg /, `<svg role="img" aria-label="${esc(chart.description)}" data-chart="${chart.id}" `)
    .replace(/class="marks"/, 'class="marks dialog-chart"')
    .replace(/(<svg [^>]*>)/, `$1<title>${esc(chart.title)}</title><desc>${esc(chart.description)}</desc>`)
    .concat(svg.endsWith('\n') ? '' : '\n');
}

type Resvg = typeof import('@resvg/resvg-js');

/** DejaVu Sans, regular and bold, from the dejavu-fonts-ttf package wherever npm put it. */
function fontFiles(): string[] {
  const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => join(dir, f));
}
let resvg: Promise<Resvg> | undefined;

/** The SVG as PNG at `scale` times its size (2: sharp in print and on high-density screens). */
export async function svgToPng(svg: string, scale = 2): Promise<{ png: Buffer; width: number; height: number }> {
  resvg ??= import('@resvg/resvg-js');
  const { Resvg } = await resvg;
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    // The fonts come with dialog (dejavu-fonts-ttf), not from the system: the same pixels on
    // every machine, so a Word report is the same bytes wherever it is made.
    font: { loadSystemFonts: false, fontFiles: fontFiles(), defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  const image = r.render();
  return { png: image.asPng(), width: image.width / scale, height: image.height / scale };
}
