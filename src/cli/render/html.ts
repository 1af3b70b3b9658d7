import type { MarkdownIt, Token } from 'markdown-it';
import type { Lang } from '../../core/report/report-text.js';

/**
 * A report's Markdown as one self-contained HTML file: the CSS and the charts' SVG inline, no
 * script, nothing loaded from elsewhere. Raw HTML in the Markdown is not passed through (the
 * parser escapes it), so every piece of input text reaches the page HTML-escaped.
 */

let parser: Promise<MarkdownIt> | undefined;

/** markdown-it as GitHub reads reports: tables, no raw HTML, no typographic replacements. */
export function markdownParser(): Promise<MarkdownIt> {
  parser ??= import('markdown-it').then((m) => m.default({ html: false, linkify: false, typographer: false }));
  return parser;
}

/** A token's attribute as a string ('' when absent). */
export const attr = (t: Token | undefined, name: string) => String(t?.attrGet(name) ?? '');

/** A table's rows from markdown-it's tokens: whether each is a header row, and each cell's inline token and alignment. */
export function tableRows(tokens: readonly Token[]): { header: boolean; cells: { inline: Token; right: boolean }[] }[] {
  const rows: { header: boolean; cells: { inline: Token; right: boolean }[] }[] = [];
  let header = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'thead_open') header = true;
    if (t.type === 'thead_close') header = false;
    if (t.type === 'tr_open') rows.push({ header, cells: [] });
    if (t.type === 'th_open' || t.type === 'td_open') rows[rows.length - 1].cells.push({ inline: tokens[i + 1], right: /text-align:right/.test(attr(t, 'style')) });
  }
  return rows;
}

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The `chart:<id>` reference of a chart image in a report rendered for HTML or Word. */
export const chartRef = (id: string) => `chart:${id}`;

export interface HtmlOptions {
  lang: Lang;
  /** Inline SVG per chart id, drawn with a transparent background. */
  charts: Map<string, string>;
}

export async function markdownToHtml(markdown: string, opts: HtmlOptions): Promise<string> {
  const md = await markdownParser();
  const env = {};
  const tokens = md.parse(markdown, env);
  const title = firstHeading(tokens) ?? (opts.lang === 'sv' ? 'Rapport' : 'Report');
  const renderer = md.renderer;
  const rules = { ...renderer.rules };
  // Charts become inline SVG; any other image becomes its alt text, so nothing is fetched.
  rules.image = (tokens, i) => {
    const t = tokens[i];
    const src = attr(t, 'src');
    const chart = src.startsWith('chart:') ? opts.charts.get(src.slice(6)) : undefined;
    if (chart) return chart;
    return escapeHtml(t.children?.map((c) => c.content).join('') ?? t.content);
  };
  // A link to another page keeps its text and shows the address, so the file needs no network.
  rules.link_open = (tokens, i) => {
    const href = attr(tokens[i], 'href');
    return href.startsWith('#') ? `<a href="${escapeHtml(href)}">` : '';
  };
  rules.link_close = (tokens, i) => {
    let k = i;
    while (k > 0 && tokens[k].type !== 'link_open') k--;
    const href = attr(tokens[k], 'href');
    return href.startsWith('#') ? '</a>' : ` (${escapeHtml(href)})`;
  };
  // In a table cell a word with a hyphen or a slash (a date, a case number) is never broken at it.
  let inCell = false;
  for (const [open, close] of [['td_open', 'td_close'], ['th_open', 'th_close']]) {
    rules[open] = (tokens, i, options, _env, self) => ((inCell = true), self.renderToken(tokens, i, options));
    rules[close] = (tokens, i, options, _env, self) => ((inCell = false), self.renderToken(tokens, i, options));
  }
  rules.text = (tokens, i) => {
    const text = escapeHtml(tokens[i].content);
    return inCell ? text.replace(/[^\s]*[-/\u2010-\u2013][^\s]*/gu, (w) => `<span class="word">${w}</span>`) : text;
  };
  // A wide table scrolls sideways on a narrow screen: focusable, so a keyboard can scroll it too.
  rules.table_open = (tokens, i, options, _env, self) => {
    tokens[i].attrSet('tabindex', '0');
    return self.renderToken(tokens, i, options);
  };
  const saved = renderer.rules;
  renderer.rules = rules;
  let body: string;
  try {
    body = renderer.render(tokens, md.options, env);
  } finally {
    renderer.rules = saved;
  }
  return `<!DOCTYPE html>
<html lang="${opts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="dialog">
<title>${escapeHtml(title)}</title>
<style>
${STYLE}</style>
</head>
<body>
<main>
${body}</main>
</body>
</html>
`;
}

function firstHeading(tokens: ReturnType<MarkdownIt['parse']>): string | undefined {
  const i = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1');
  return i >= 0 ? tokens[i + 1].children?.map((c) => c.content).join('') : undefined;
}

/**
 * Light and dark follow the reader's setting; print is black on white with A4 margins and no
 * breaks inside tables rows, charts or list items. Chart text and grid take the page's colours
 * (CSS overrides the SVG's presentation attributes); bars keep their fixed colours.
 */
const STYLE = `:root {
  --fg: #1f2328; --bg: #ffffff; --muted: #57606a; --line: #d0d7de; --zebra: #f6f8fa; --accent: #0072b2;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --zebra: #151b23; --accent: #56b4e9; }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 1.25rem; }
h2 { font-size: 1.45rem; margin: 2.25rem 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.15rem; margin: 1.75rem 0 0.5rem; }
p, ul, ol, table, blockquote { margin: 0 0 1rem; }
li { margin: 0.25rem 0; }
a { color: var(--accent); }
blockquote { margin-left: 0; padding: 0.5rem 1rem; border-left: 4px solid var(--accent); background: var(--zebra); }
blockquote p:last-child { margin-bottom: 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.6rem; vertical-align: top; text-align: left; hyphens: manual; overflow-wrap: normal; }
th { background: var(--zebra); }
.word { white-space: nowrap; }
tbody tr:nth-child(even) { background: var(--zebra); }
code, pre { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.9em; }
pre { padding: 0.75rem; overflow-x: auto; background: var(--zebra); }
svg.dialog-chart { display: block; max-width: 100%; height: auto; margin: 0.5rem 0 1.25rem; }
svg.dialog-chart text { fill: var(--fg); }
svg.dialog-chart .role-axis-grid line { stroke: var(--line); }
svg.dialog-chart .role-axis-domain line, svg.dialog-chart .role-axis-tick line { stroke: var(--muted); }
@media print {
  :root { --fg: #000000; --bg: #ffffff; --muted: #444444; --line: #999999; --zebra: #f2f2f2; --accent: #000000; }
  @page { size: A4; margin: 20mm 18mm; }
  html { background: #ffffff; }
  body { font-size: 10.5pt; line-height: 1.4; }
  main { max-width: none; padding: 0; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  table { display: table; overflow: visible; font-size: 9pt; }
  thead { display: table-header-group; }
  tr, li, blockquote, svg.dialog-chart { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
