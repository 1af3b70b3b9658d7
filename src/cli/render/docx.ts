import type { Token } from 'markdown-it';
import type { Lang } from '../../core/report/report-text.js';
import { attr, markdownParser, tableRows } from './html.js';
import { columnWidths as sizeColumns, dejaVuMeasure, fittingSize, type Measure } from './column-widths.js';

/**
 * A report's Markdown as a Word document (the `docx` library): Word's heading styles (so the
 * navigation pane and a table of contents work), page numbers in the footer, tables whose
 * columns are as wide as their longest word needs, quotes as indented notes, and the charts as
 * PNG pictures with alt text. The bytes are the same for the same report: fixed dates in the
 * document properties and in the zip, and ids numbered in document order.
 */

export interface DocxOptions {
  lang: Lang;
  /** PNG per chart id, with its size in CSS pixels. */
  charts: Map<string, { png: Buffer; width: number; height: number; description: string }>;
  /** The document's date (YYYY-MM-DD), written as created and modified: no clock in the bytes. */
  date: string;
  /** Rows of a table built at a time (see `tableXml`); tests set it to compare with the whole table built at once. */
  tableRowsPerPart?: number;
  /** Blocks built at a time (see `partXml`); Infinity builds them all in the document, as tests compare. */
  blockPartSize?: number;
}

/**
 * A long table (the remissammanställning's overview has a row per respondent) is not built into
 * the document's object tree: the docx library holds some 25 KB per row while it writes, so
 * 20 000 rows took gigabytes. The document gets a placeholder paragraph; the table's XML is
 * written by the same library a part of rows at a time and put in the placeholder's place.
 */
const TABLE_ROWS_PER_PART = 250;
/** Blocks (paragraphs, headings) written at a time, for the same reason. */
const BLOCKS_PER_PART = 500;
const placeholder = (kind: 'table' | 'part' | 'toc', n: number) => `dialog-${kind}-${n}-\u2063`;

type Docx = typeof import('docx');

/** A4 with 2 cm margins: the text column in twentieths of a point (twips). */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** Text width in CSS pixels (96 per inch), for scaling pictures. */
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH / 1440) * 96);

export async function markdownToDocx(markdown: string, opts: DocxOptions): Promise<Buffer> {
  const [docx, md] = await Promise.all([import('docx'), markdownParser()]);
  const tokens = md.parse(markdown, {});
  // A report longer than a few pages opens with a table of contents of its level 2 and 3 headings.
  const toc = estimatedPages(tokens) > TOC_FROM_PAGES ? tocHeadings(tokens) : [];
  const converter = new Converter(docx, opts, toc);
  const parts: (() => Block)[][] = [];
  const items = converter.blocks(tokens);
  const title = headingText(tokens) ?? '';
  const words = opts.lang === 'sv' ? { page: 'Sida', of: 'av' } : { page: 'Page', of: 'of' };
  // Styles and numbering: the same in the document and in the parts written apart from it.
  const shared = {
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22, language: { value: opts.lang === 'sv' ? 'sv-SE' : 'en-GB' } }, // `auto`: 276 is 1.15 lines; without the rule LibreOffice reads it as an exact height, and a
        // paragraph holding a chart is one text line tall (the chart vanishes, two-line titles overprint).
        paragraph: { spacing: { after: 120, line: 276, lineRule: docx.LineRuleType.AUTO } } },
        title: { run: { font: 'Calibri', size: 40, bold: true, color: '1F2328' }, paragraph: { spacing: { after: 240 } } },
        heading1: { run: { font: 'Calibri', size: 36, bold: true, color: '1F2328' }, paragraph: { spacing: { before: 240, after: 200 }, keepNext: true, keepLines: true } },
        heading2: { run: { font: 'Calibri', size: 30, bold: true, color: '1F2328' }, paragraph: { spacing: { before: 360, after: 160 }, keepNext: true, keepLines: true } },
        heading3: { run: { font: 'Calibri', size: 25, bold: true, color: '1F2328' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, keepLines: true } },
        heading4: { run: { font: 'Calibri', size: 22, bold: true, color: '1F2328' }, paragraph: { spacing: { before: 200, after: 100 }, keepNext: true } },
      },
      paragraphStyles: [
        {
          id: 'Quote',
          name: 'Quote',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { italics: true, color: '333333' },
          paragraph: { indent: { left: 567, right: 567 }, border: { left: { style: docx.BorderStyle.SINGLE, size: 18, color: '0072B2', space: 8 } } },
        },
        { id: 'Caption', name: 'Caption', basedOn: 'Normal', next: 'Normal', run: { size: 18, color: '57606A' } },
        { id: 'Code', name: 'Code', basedOn: 'Normal', run: { font: 'Consolas', size: 18 }, paragraph: { spacing: { after: 0 } } },
        // Word's own names, so that Word's "Update table" keeps these styles.
        { id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Normal', next: 'Normal', run: { font: 'Calibri', size: 28, bold: true, color: '1F2328' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
        { id: 'TOC2', name: 'toc 2', basedOn: 'Normal', next: 'Normal', paragraph: { spacing: { after: 40 } } },
        { id: 'TOC3', name: 'toc 3', basedOn: 'Normal', next: 'Normal', paragraph: { spacing: { after: 40 }, indent: { left: 440 } } },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'ordered',
          levels: [0, 1, 2].map((level) => ({
            level,
            format: docx.LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: docx.AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
  };
  const document = new docx.Document({
    title,
    creator: 'dialog',
    lastModifiedBy: 'dialog',
    description: opts.lang === 'sv' ? 'Skapad med dialog' : 'Made with dialog',
    ...shared,
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } },
        footers: {
          default: new docx.Footer({
            children: [
              new docx.Paragraph({
                alignment: docx.AlignmentType.CENTER,
                children: [new docx.TextRun({ size: 18, children: [`${words.page} `, docx.PageNumber.CURRENT, ` ${words.of} `, docx.PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children: inParts(items, docx, parts, opts.blockPartSize ?? BLOCKS_PER_PART),
      },
    ],
  });
  const packed = await docx.Packer.toBuffer(document);
  const written = new Map<string, string>();
  for (const [n, t] of converter.tables.entries()) written.set(placeholder('table', n), await tableXml(docx, t, opts.tableRowsPerPart ?? TABLE_ROWS_PER_PART));
  for (const [n, builders] of parts.entries()) written.set(placeholder('part', n), await partXml(docx, shared, builders));
  if (toc.length) written.set(placeholder('toc', 0), tocXml(toc, opts.lang));
  return deterministic(packed, opts.date, written);
}

/**
 * The body with each run of blocks that do not depend on the document replaced by a placeholder
 * paragraph; the runs are kept (as builders) in `parts`.
 */
function inParts(items: (Block | (() => Block))[], docx: Docx, parts: (() => Block)[][], size: number): Block[] {
  const body: Block[] = [];
  let run: (() => Block)[] = [];
  const close = () => {
    if (!run.length) return;
    if (!Number.isFinite(size)) for (const build of run) body.push(build());
    else {
      parts.push(run);
      body.push(new docx.Paragraph({ children: [new docx.TextRun(placeholder('part', parts.length - 1))] }));
    }
    run = [];
  };
  for (const item of items) {
    if (typeof item === 'function') {
      run.push(item);
      if (run.length >= size) close();
    } else {
      close();
      body.push(item);
    }
  }
  close();
  return body;
}

/** The XML of a run of blocks, written by the docx library as the body of a document of their own. */
async function partXml(docx: Docx, shared: object, builders: (() => Block)[]): Promise<string> {
  const { default: JSZip } = await import('jszip');
  const packed = await docx.Packer.toBuffer(new docx.Document({ ...shared, sections: [{ children: builders.map((build) => build()) }] } as ConstructorParameters<Docx['Document']>[0]));
  const xml = await (await JSZip.loadAsync(packed)).file('word/document.xml')!.async('string');
  const open = xml.indexOf('<w:body>') + '<w:body>'.length;
  return xml.slice(open, xml.lastIndexOf('<w:sectPr'));
}

/**
 * A table's XML, written by the docx library a part of rows at a time: each part is packed as a
 * document of its own, and its rows are taken from that document's body. The first part brings
 * the table's properties and grid; the rows are the bytes the whole table would have had.
 */
async function tableXml(docx: Docx, table: PendingTable, perPart: number): Promise<string> {
  const { default: JSZip } = await import('jszip');
  const parts: string[] = [];
  for (let start = 0; start < table.rows.length; start += perPart) {
    const rows = table.rows.slice(start, start + perPart).map((build) => build());
    const packed = await docx.Packer.toBuffer(new docx.Document({ sections: [{ children: [table.build(rows)] }] }));
    const xml = await (await JSZip.loadAsync(packed)).file('word/document.xml')!.async('string');
    const open = xml.indexOf('<w:tbl>');
    const close = xml.lastIndexOf('</w:tbl>');
    const body = xml.slice(open, close);
    parts.push(start === 0 ? body : body.slice(body.indexOf('</w:tblGrid>') + '</w:tblGrid>'.length));
  }
  return `${parts.join('')}</w:tbl>`;
}

interface PendingTable {
  /** Each row, built when its part is written. */
  rows: (() => InstanceType<Docx['TableRow']>)[];
  build: (rows: InstanceType<Docx['TableRow']>[]) => InstanceType<Docx['Table']>;
}

function headingText(tokens: Token[]): string | undefined {
  const i = tokens.findIndex((t) => t.type === 'heading_open');
  return i >= 0 ? tokens[i + 1].children?.map((c) => c.content).join('') : undefined;
}

type Block = InstanceType<Docx['Paragraph']> | InstanceType<Docx['Table']>;
type Run = InstanceType<Docx['TextRun']> | InstanceType<Docx['ImageRun']>;

/** Walks markdown-it's block tokens and builds Word paragraphs and tables. */
class Converter {
  private orderedLists = 0;
  /** Tables to write in parts, by placeholder number. */
  readonly tables: PendingTable[] = [];
  private headings = 0;
  constructor(
    private readonly docx: Docx,
    private readonly opts: DocxOptions,
    private readonly toc: TocEntry[] = [],
  ) {}

  /** The document's blocks: built ones, and builders for blocks that do not depend on the document (written later, in parts). */
  blocks(tokens: Token[]): (Block | (() => Block))[] {
    const out: (Block | (() => Block))[] = [];
    const d = this.docx;
    const lists: { ordered: boolean; instance: number }[] = [];
    let quote = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      switch (t.type) {
        case 'heading_open': {
          const level = Number(t.tag.slice(1));
          const heading = [d.HeadingLevel.HEADING_1, d.HeadingLevel.HEADING_2, d.HeadingLevel.HEADING_3, d.HeadingLevel.HEADING_4][Math.min(level, 4) - 1];
          const inline = tokens[i + 1];
          // The table of contents goes before the first heading after the title.
          if (this.toc.length && this.headings++ === 1) out.push(new d.Paragraph({ children: [new d.TextRun(placeholder('toc', 0))] }));
          const entry = this.toc.find((e) => e.token === inline);
          const children = () => (entry ? [new d.Bookmark({ id: entry.anchor, children: this.inline(inline) })] : this.inline(inline));
          if (inline?.children?.some((c) => c.type === 'image')) out.push(new d.Paragraph({ heading, children: children() }));
          else out.push(() => new d.Paragraph({ heading, children: children() }));
          i += 2;
          break;
        }
        case 'bullet_list_open':
          lists.push({ ordered: false, instance: 0 });
          break;
        case 'ordered_list_open':
          lists.push({ ordered: true, instance: ++this.orderedLists });
          break;
        case 'bullet_list_close':
        case 'ordered_list_close':
          lists.pop();
          break;
        case 'blockquote_open':
          quote++;
          break;
        case 'blockquote_close':
          quote--;
          break;
        case 'paragraph_open': {
          const inline = tokens[i + 1];
          const list = lists[lists.length - 1];
          const level = Math.min(lists.length - 1, 2);
          // Only the first paragraph of a list item carries the bullet.
          const first = tokens[i - 1]?.type === 'list_item_open';
          const options = {
            ...(quote ? { style: 'Quote' } : {}),
            ...(list && first ? (list.ordered ? { numbering: { reference: 'ordered', level, instance: list.instance } } : { bullet: { level } }) : {}),
            ...(list && !first ? { indent: { left: 720 * (level + 1) } } : {}),
            ...(isChart(inline) ? { alignment: d.AlignmentType.LEFT, keepLines: true } : {}),
          };
          // A numbered item or a chart depends on the document (its numbering, its pictures): built in it; the rest later, in parts.
          if ((list?.ordered && first) || inline?.children?.some((c) => c.type === 'image')) out.push(new d.Paragraph({ ...options, children: this.inline(inline) }));
          else out.push(() => new d.Paragraph({ ...options, children: this.inline(inline) }));
          i += 2;
          break;
        }
        case 'fence':
        case 'code_block':
          for (const line of t.content.replace(/\n$/, '').split('\n')) out.push(() => new d.Paragraph({ style: 'Code', children: [new d.TextRun(line)] }));
          break;
        case 'table_open': {
          let k = i;
          while (tokens[k].type !== 'table_close') k++;
          out.push(this.table(tokens.slice(i, k + 1)));
          out.push(() => new d.Paragraph({ children: [] }));
          i = k;
          break;
        }
        case 'hr':
          out.push(() => new d.Paragraph({ thematicBreak: true, children: [] }));
          break;
        default:
          break;
      }
    }
    return out;
  }

  private inline(token: Token | undefined, base: { bold?: boolean; size?: number } = {}): Run[] {
    const d = this.docx;
    const runs: Run[] = [];
    let bold = !!base.bold;
    let italics = false;
    for (const c of token?.children ?? []) {
      const style = { ...(bold ? { bold } : {}), ...(italics ? { italics } : {}), ...(base.size ? { size: base.size } : {}) };
      switch (c.type) {
        case 'text':
          if (c.content) runs.push(new d.TextRun({ text: c.content, ...style }));
          break;
        case 'code_inline':
          runs.push(new d.TextRun({ text: c.content, font: 'Consolas', ...style }));
          break;
        case 'softbreak':
          runs.push(new d.TextRun({ text: ' ', ...style }));
          break;
        case 'hardbreak':
          runs.push(new d.TextRun({ break: 1 }));
          break;
        case 'strong_open':
          bold = true;
          break;
        case 'strong_close':
          bold = !!base.bold;
          break;
        case 'em_open':
          italics = true;
          break;
        case 'em_close':
          italics = false;
          break;
        case 'image':
          runs.push(this.image(c));
          break;
        default:
          break;
      }
    }
    return runs;
  }

  private image(c: Token): Run {
    const d = this.docx;
    const src = attr(c, 'src');
    const alt = c.children?.map((x) => x.content).join('') ?? '';
    const chart = src.startsWith('chart:') ? this.opts.charts.get(src.slice(6)) : undefined;
    if (!chart) return new d.TextRun(alt);
    const scale = Math.min(1, TEXT_WIDTH_PX / chart.width);
    return new d.ImageRun({
      type: 'png',
      data: chart.png,
      transformation: { width: Math.round(chart.width * scale), height: Math.round(chart.height * scale) },
      altText: { name: src.slice(6), title: alt.slice(0, 200), description: chart.description },
    });
  }

  /** A table with a repeated header row and columns sized by their content. */
  private table(tokens: Token[]): InstanceType<Docx['Paragraph']> {
    const d = this.docx;
    const rows = tableRows(tokens);
    const columns = rows.reduce((m, r) => Math.max(m, r.cells.length), 0);
    const texts = rows.map((r) => r.cells.map((c) => plain(c.inline)));
    const size = tableFontSize(texts, columns, TEXT_WIDTH);
    const widths = columnWidths(texts, columns, TEXT_WIDTH, size);
    const pending: PendingTable = {
      build: (built) =>
        new d.Table({
          width: { size: TEXT_WIDTH, type: d.WidthType.DXA },
          columnWidths: widths,
          layout: d.TableLayoutType.FIXED,
          rows: built,
        }),
      rows: rows.map(
        (r) => () =>
          new d.TableRow({
            ...(r.header ? { tableHeader: true } : {}),
            cantSplit: true,
            children: r.cells.map(
              (c, k) =>
                new d.TableCell({
                  width: { size: widths[k], type: d.WidthType.DXA },
                  margins: { top: 40, bottom: 40, left: 80, right: 80 },
                  ...(r.header ? { shading: { type: d.ShadingType.CLEAR, fill: 'EEF1F4', color: 'auto' } } : {}),
                  children: [new d.Paragraph({ alignment: c.right ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT, spacing: { after: 0 }, children: this.inline(c.inline, { bold: r.header, size }) })],
                }),
            ),
          }),
      ),
    };
    this.tables.push(pending);
    return new d.Paragraph({ children: [new d.TextRun(placeholder('table', this.tables.length - 1))] });
  }
}

/** Past this many pages (estimated) a Word report gets a table of contents. */
const TOC_FROM_PAGES = 5;

/**
 * Pages of A4 at 11 pt, roughly (fitted to LibreOffice's pages of the example and of real text:
 * some 4 000 characters a page, table rows at 50, a chart a quarter). Only to tell a short report
 * from a long one.
 */
export function estimatedPages(tokens: Token[]): number {
  let chars = 0;
  let rows = 0;
  let charts = 0;
  for (const t of tokens) {
    if (t.type === 'inline') {
      chars += t.content.length + 40;
      if (isChart(t)) charts++;
    }
    if (t.type === 'tr_open') rows++;
  }
  return chars / 4000 + rows / 50 + charts / 4;
}

interface TocEntry {
  token: Token;
  level: number;
  text: string;
  anchor: string;
}

function tocHeadings(tokens: Token[]): TocEntry[] {
  const out: TocEntry[] = [];
  tokens.forEach((t, i) => {
    if (t.type === 'heading_open' && (t.tag === 'h2' || t.tag === 'h3')) out.push({ token: tokens[i + 1], level: Number(t.tag.slice(1)), text: plain(tokens[i + 1]), anchor: `_Toc${String(out.length + 1).padStart(6, '0')}` });
  });
  return out;
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A table of contents as Word writes one: a TOC field over headings 2–3 whose shown result lists
 * each heading as a link to its bookmark. Word's "Update table" adds the page numbers; LibreOffice
 * and Word show the links as they are, with no prompt on opening.
 */
function tocXml(entries: TocEntry[], lang: Lang): string {
  const title = lang === 'sv' ? 'Innehåll' : 'Contents';
  const begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "2-3" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>';
  const lines = entries.map(
    (e, k) => `<w:p><w:pPr><w:pStyle w:val="TOC${e.level}"/></w:pPr>${k === 0 ? begin : ''}<w:hyperlink w:anchor="${e.anchor}" w:history="1"><w:r><w:t xml:space="preserve">${xmlText(e.text)}</w:t></w:r></w:hyperlink></w:p>`,
  );
  return `<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>${title}</w:t></w:r></w:p>${lines.join('')}<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`;
}

const plain = (inline: Token) => (inline.children ?? []).map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' ? ' ' : '')).join('');

function isChart(inline: Token | undefined): boolean {
  const kids = inline?.children ?? [];
  return kids.length === 1 && kids[0].type === 'image' && (attr(kids[0], 'src')).startsWith('chart:');
}

/**
 * Column widths (twips) that sum to `total`, from the text each column holds at `size` half-points
 * (see column-widths.ts): no header, date or name breaks inside a word.
 */
export function columnWidths(rows: string[][], columns: number, total: number, size = 20): number[] {
  return sizeColumns(rows, columns, total, twips(size), CELL_PAD);
}

/** Twips for the cell margins (80 each side) and a little to spare. */
const CELL_PAD = 180;
const twips = (size: number): Measure => {
  const points = dejaVuMeasure(size / 2);
  return (text, header) => Math.ceil(points(text, header) * 20);
};

/** The table's font size in half-points: 10 or 9 points, smaller (down to 7) where its widest words need it. */
export function tableFontSize(rows: string[][], columns: number, total: number): number {
  return fittingSize(rows, columns, total, twips, CELL_PAD, columns > 4 ? 18 : 20, 14, 1);
}

/**
 * The same bytes for the same document: the package's timestamps set to the report's date,
 * drawing ids numbered in order (the library counts them per process), and the zip written
 * again with fixed entry dates and [Content_Types].xml first.
 */
async function deterministic(buffer: Buffer, date: string, written: Map<string, string> = new Map()): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(buffer);
  const when = new Date(`${date}T00:00:00Z`);
  const iso = when.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  names.sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : 0));
  const out = new JSZip();
  let drawing = 0;
  for (const name of names) {
    const file = zip.file(name)!;
    let data: string | Uint8Array;
    if (/\.(xml|rels)$/.test(name)) {
      let xml = await file.async('string');
      if (name === 'docProps/core.xml') xml = xml.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${iso}$2`);
      xml = xml.replace(/(<wp:docPr id=")\d+(")/g, (_m, a: string, b: string) => `${a}${++drawing}${b}`);
      if (name === 'word/document.xml' && written.size) xml = fillPlaceholders(xml, written);
      // Bookmark ids are counted per process by the library: numbered again in document order
      // (the table of contents' bookmarks never nest, so each start is followed by its end).
      let start = 0;
      let end = 0;
      xml = xml.replace(/(<w:bookmark(Start|End)\b[^>]*? w:id=")\d+(")/g, (_m, a: string, kind: string, b: string) => `${a}${kind === 'Start' ? ++start : ++end}${b}`);
      data = xml;
    } else data = await file.async('uint8array');
    // JSZip writes the entry's date from its UTC fields: the same bytes in every time zone.
    out.file(name, data, { date: when, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'DOS' });
}

/** The document's XML with each placeholder paragraph replaced by the XML written for it: one pass, joined once. */
function fillPlaceholders(xml: string, written: Map<string, string>): string {
  const out: string[] = [];
  const re = /<w:p><w:r><w:t xml:space="preserve">(dialog-(?:table|part|toc)-\d+-\u2063)<\/w:t><\/w:r><\/w:p>/gu;
  let last = 0;
  let filled = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const part = written.get(m[1]);
    if (part === undefined) continue;
    out.push(xml.slice(last, m.index), part);
    last = m.index + m[0].length;
    filled++;
  }
  if (filled !== written.size) throw new Error(`the Word writer placed ${filled} of ${written.size} parts`);
  out.push(xml.slice(last));
  return out.join('');
}
