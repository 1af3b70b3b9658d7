import type { Token } from 'markdown-it';
import type { Lang } from '../../core/report/report-text.js';
import { columnWidths, dejaVuFile, dejaVuMeasure, fittingSize } from './column-widths.js';
import { attr, markdownParser, tableRows } from './html.js';

/**
 * A report's Markdown as a tagged PDF (pdfkit; the charts drawn as vector graphics by
 * svg-to-pdfkit): A4, DejaVu Sans embedded, headings as PDF headings and bookmarks, lists and
 * tables as their structure elements, each chart a Figure with its description as alternative
 * text, page numbers as artifacts, the title shown as the window's title and the language set.
 * No browser: pdfkit is plain JavaScript. The bytes are the same for the same report: the dates
 * are the data's, and the file id is made from them.
 */

export interface PdfOptions {
  lang: Lang;
  /** SVG per chart id (vega's, drawn on white), with its description for the alternative text. */
  charts: Map<string, { svg: string; description: string }>;
  /** The document's date (YYYY-MM-DD), written as created and modified. */
  date: string;
}

type PDFKit = typeof import('pdfkit');
type Doc = InstanceType<PDFKit>;
type Struct = ReturnType<Doc['struct']>;

/** A4 in points, 2 cm margins at the sides and top; the footer sits in the bottom margin. */
const PAGE = { width: 595.28, height: 841.89, margin: 56.7, bottom: 68 };
const WIDTH = PAGE.width - 2 * PAGE.margin;
const BODY = 10.5;
const LINE_GAP = 2.5;
const HEADINGS: Record<number, { size: number; before: number; after: number }> = {
  1: { size: 19, before: 0, after: 12 },
  2: { size: 15, before: 16, after: 8 },
  3: { size: 12.5, before: 12, after: 6 },
  4: { size: 11, before: 10, after: 4 },
};
const FONTS = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italic: 'DejaVuSans-Oblique.ttf', boldItalic: 'DejaVuSans-BoldOblique.ttf', mono: 'DejaVuSansMono.ttf' } as const;
const INK = '#1f2328';
const MUTED = '#57606a';
const LINE = '#b8c0c8';
const ZEBRA = '#f2f4f6';
const ACCENT = '#0072b2';

interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  mono?: boolean;
}

export async function markdownToPdf(markdown: string, opts: PdfOptions): Promise<Buffer> {
  const [{ default: PDFDocument }, { default: svgToPdf }, md] = await Promise.all([import('pdfkit'), import('svg-to-pdfkit'), markdownParser()]);
  const tokens = md.parse(markdown, {});
  const title = firstHeading(tokens) ?? (opts.lang === 'sv' ? 'Rapport' : 'Report');
  const when = new Date(`${opts.date}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: PAGE.bottom },
    pdfVersion: '1.7',
    tagged: true,
    lang: opts.lang === 'sv' ? 'sv-SE' : 'en-GB',
    displayTitle: true,
    bufferPages: true,
    autoFirstPage: true,
    info: { Title: title, Creator: 'dialog', Producer: 'dialog', CreationDate: when, ModDate: when } as PDFKit.DocumentInfo,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((done) => doc.on('end', () => done()));
  for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, dejaVuFile(file));
  doc.font('regular').fontSize(BODY).fillColor(INK);

  const root = doc.struct('Document');
  doc.addStructure(root);
  new Writer(doc, root, opts, svgToPdf).blocks(tokens);
  root.end();
  pageNumbers(doc, opts.lang);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** "Sida 1 av 4" centred in each page's bottom margin, marked as a pagination artifact. */
function pageNumbers(doc: Doc, lang: Lang): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font('regular').fontSize(8.5).fillColor(MUTED);
    doc.text(lang === 'sv' ? `Sida ${i + 1} av ${range.count}` : `Page ${i + 1} of ${range.count}`, PAGE.margin, PAGE.height - 40, { width: WIDTH, align: 'center', lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}

function firstHeading(tokens: Token[]): string | undefined {
  const i = tokens.findIndex((t) => t.type === 'heading_open');
  return i >= 0 ? plain(tokens[i + 1]) : undefined;
}

const plain = (inline: Token | undefined) => (inline?.children ?? []).map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' ? ' ' : c.type === 'image' ? (c.children ?? []).map((x) => x.content).join('') : '')).join('');

type SvgToPdf = (doc: Doc, svg: string, x: number, y: number, options: Record<string, unknown>) => void;

/** Walks markdown-it's block tokens and sets them on the pages, each under its structure element. */
class Writer {
  private readonly outline: { level: number; item: ReturnType<Doc['outline']['addItem']> | Doc['outline'] }[];
  constructor(
    private readonly doc: Doc,
    private readonly root: Struct,
    private readonly opts: PdfOptions,
    private readonly svgToPdf: SvgToPdf,
  ) {
    this.outline = [{ level: 0, item: doc.outline }];
  }

  private get bottom() {
    return PAGE.height - PAGE.bottom;
  }

  /** A new page unless `height` points fit below the cursor. */
  private room(height: number): void {
    if (this.doc.y + height > this.bottom && this.doc.y > PAGE.margin + 1) this.doc.addPage();
  }

  /** Lines, rules and backgrounds: not content, so not read aloud. */
  private artifact(draw: () => void): void {
    this.doc.markContent('Artifact', { type: 'Layout' });
    this.doc.save();
    draw();
    this.doc.restore();
    this.doc.endMarkedContent();
  }

  blocks(tokens: Token[]): void {
    const doc = this.doc;
    const lists: { ordered: boolean; n: number; struct: Struct }[] = [];
    let quote: { struct: Struct; top: number; page: number } | undefined;
    const items: Struct[] = [];
    let itemFirst = false;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      switch (t.type) {
        case 'heading_open': {
          const level = Math.min(Number(t.tag.slice(1)), 4);
          const spans = this.spans(tokens[i + 1]);
          const style = HEADINGS[level];
          doc.font('bold').fontSize(style.size);
          const text = spans.map((s) => s.text).join('');
          const height = doc.heightOfString(text, { width: WIDTH });
          doc.y += doc.y > PAGE.margin + 1 ? style.before : 0;
          // A heading is kept with what follows: a subheading and a few lines.
          this.room(height + 70);
          this.bookmark(level, text);
          this.root.add(doc.struct(`H${level}`, {}, () => this.write(spans.map((s) => ({ ...s, bold: true })), { size: style.size, x: PAGE.margin, width: WIDTH })));
          doc.y += style.after;
          i += 2;
          break;
        }
        case 'bullet_list_open':
        case 'ordered_list_open': {
          const struct = doc.struct('L');
          (items[items.length - 1] ?? quote?.struct ?? this.root).add(struct);
          lists.push({ ordered: t.type === 'ordered_list_open', n: Number(t.attrGet('start') ?? 1), struct });
          break;
        }
        case 'bullet_list_close':
        case 'ordered_list_close':
          lists.pop()!.struct.end();
          doc.y += 4;
          break;
        case 'list_item_open': {
          const item = doc.struct('LI');
          lists[lists.length - 1].struct.add(item);
          items.push(item);
          itemFirst = true;
          break;
        }
        case 'list_item_close':
          items.pop()?.end();
          break;
        case 'blockquote_open':
          quote = { struct: doc.struct('BlockQuote'), top: doc.y, page: this.page() };
          this.root.add(quote.struct);
          doc.y += 4;
          break;
        case 'blockquote_close': {
          const q = quote!;
          q.struct.end();
          const bottom = doc.y;
          if (q.page === this.page()) this.artifact(() => doc.rect(PAGE.margin, q.top, 3, bottom - q.top).fill(ACCENT));
          doc.y += 8;
          quote = undefined;
          break;
        }
        case 'paragraph_open': {
          const inline = tokens[i + 1];
          i += 2;
          const chart = this.chartOf(inline);
          if (chart) {
            this.chart(chart.id, chart.alt);
            break;
          }
          const spans = this.spans(inline).map((s) => (quote ? { ...s, italic: true } : s));
          const depth = lists.length;
          const x = PAGE.margin + (quote ? 14 : 0) + 18 * depth;
          const width = PAGE.margin + WIDTH - x - (quote ? 14 : 0);
          const item = items[items.length - 1];
          if (depth && item) {
            const list = lists[depth - 1];
            const label = itemFirst ? (list.ordered ? `${list.n++}.` : '•') : undefined;
            doc.font('regular').fontSize(BODY);
            this.room(BODY + LINE_GAP + 2);
            const top = doc.y;
            if (label) item.add(doc.struct('Lbl', {}, () => doc.fillColor(INK).text(label, x - 14, top, { width: 12, lineBreak: false })));
            item.add(doc.struct('LBody', {}, () => this.write(spans, { x, y: top, width })));
            itemFirst = false;
            doc.y += 3;
          } else {
            const parent = quote?.struct ?? this.root;
            parent.add(doc.struct('P', {}, () => this.write(spans, { x, width })));
            doc.y += quote ? 4 : 7;
          }
          break;
        }
        case 'fence':
        case 'code_block':
          this.root.add(doc.struct('Code', {}, () => this.write([{ text: t.content.replace(/\n$/, ''), mono: true }], { x: PAGE.margin, width: WIDTH, size: 9 })));
          doc.y += 7;
          break;
        case 'table_open': {
          let k = i;
          while (tokens[k].type !== 'table_close') k++;
          this.table(tokens.slice(i, k + 1));
          i = k;
          break;
        }
        case 'hr':
          this.room(12);
          this.artifact(() => doc.moveTo(PAGE.margin, doc.y + 4).lineTo(PAGE.margin + WIDTH, doc.y + 4).lineWidth(0.75).stroke(LINE));
          doc.y += 12;
          break;
        default:
          break;
      }
    }
  }

  private page(): number {
    const r = this.doc.bufferedPageRange();
    return r.start + r.count - 1;
  }

  /** A bookmark per heading (levels 1–3), nested as the headings are: the PDF's navigable outline. */
  private bookmark(level: number, text: string): void {
    if (level > 3) return;
    while (this.outline.length > 1 && this.outline[this.outline.length - 1].level >= level) this.outline.pop();
    const parent = this.outline[this.outline.length - 1].item;
    const item = parent.addItem(text, { expanded: level < 2 });
    this.outline.push({ level, item });
  }

  /** The runs of a paragraph, set one after another (pdfkit's `continued`), wrapping at `width`. */
  private write(spans: Span[], at: { x: number; y?: number; width: number; size?: number }): void {
    const doc = this.doc;
    const runs = spans.filter((s) => s.text);
    if (!runs.length) return;
    doc.fillColor(INK).fontSize(at.size ?? BODY);
    runs.forEach((s, k) => {
      doc.font(s.mono ? 'mono' : s.bold && s.italic ? 'boldItalic' : s.bold ? 'bold' : s.italic ? 'italic' : 'regular');
      const options = { width: at.width, lineGap: LINE_GAP, continued: k < runs.length - 1 };
      if (k === 0) doc.text(s.text, at.x, at.y ?? doc.y, options);
      else doc.text(s.text, options);
    });
    doc.x = PAGE.margin;
  }

  private spans(inline: Token | undefined): Span[] {
    const out: Span[] = [];
    let bold = false;
    let italic = false;
    for (const c of inline?.children ?? []) {
      switch (c.type) {
        case 'text':
          out.push({ text: c.content, bold, italic });
          break;
        case 'code_inline':
          out.push({ text: c.content, mono: true });
          break;
        case 'softbreak':
          out.push({ text: ' ', bold, italic });
          break;
        case 'hardbreak':
          out.push({ text: '\n', bold, italic });
          break;
        case 'strong_open':
          bold = true;
          break;
        case 'strong_close':
          bold = false;
          break;
        case 'em_open':
          italic = true;
          break;
        case 'em_close':
          italic = false;
          break;
        case 'link_close': {
          // The address is printed after the link's text, as in the HTML report.
          let k = (inline!.children ?? []).indexOf(c);
          while (k > 0 && inline!.children![k].type !== 'link_open') k--;
          const href = attr(inline!.children![k], 'href');
          if (!href.startsWith('#')) out.push({ text: ` (${href})`, bold, italic });
          break;
        }
        case 'image':
          out.push({ text: (c.children ?? []).map((x) => x.content).join(''), bold, italic });
          break;
        default:
          break;
      }
    }
    return out;
  }

  private chartOf(inline: Token | undefined): { id: string; alt: string } | undefined {
    const kids = inline?.children ?? [];
    if (kids.length !== 1 || kids[0].type !== 'image') return undefined;
    const src = attr(kids[0], 'src');
    if (!src.startsWith('chart:') || !this.opts.charts.has(src.slice(6))) return undefined;
    return { id: src.slice(6), alt: (kids[0].children ?? []).map((x) => x.content).join('') };
  }

  /** A chart as vector graphics, scaled to the text width at most, tagged as a Figure with its description. */
  private chart(id: string, alt: string): void {
    const doc = this.doc;
    const chart = this.opts.charts.get(id)!;
    const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(chart.svg);
    const [w, h] = size ? [Number(size[1]) * 0.75, Number(size[2]) * 0.75] : [WIDTH, WIDTH / 2];
    const scale = Math.min(1, WIDTH / w);
    this.room(h * scale + 8);
    const top = doc.y;
    this.root.add(
      doc.struct('Figure', { alt: chart.description || alt }, () => {
        this.svgToPdf(doc, chart.svg, PAGE.margin, top, {
          width: w * scale,
          height: h * scale,
          fontCallback: (_family: string, bold: boolean) => (bold ? 'bold' : 'regular'),
          warningCallback: () => undefined,
        });
      }),
    );
    doc.x = PAGE.margin;
    doc.y = top + h * scale + 10;
  }

  /** A table: columns sized from their text, a shaded header row repeated on each page, rows kept whole. */
  private table(tokens: Token[]): void {
    const doc = this.doc;
    const rows = tableRows(tokens).map((r) => ({ header: r.header, cells: r.cells.map((c) => ({ text: plain(c.inline), right: c.right })) }));
    const columns = rows.reduce((m, r) => Math.max(m, r.cells.length), 0);
    const pad = 4;
    const headerRows = rows.filter((r) => r.header).length;
    const texts = rows.map((r) => r.cells.map((c) => c.text));
    // 9.5 or 8.5 points, smaller (down to 7) where the widest words need it to stay whole.
    const size = fittingSize(texts, columns, WIDTH, dejaVuMeasure, 2 * pad + 1, columns > 4 ? 8.5 : 9.5, 7, 0.5, headerRows);
    const widths = columnWidths(texts, columns, WIDTH, dejaVuMeasure(size), 2 * pad + 1, headerRows);
    const table = doc.struct('Table');
    this.root.add(table);
    const heightOf = (r: (typeof rows)[number]) => {
      doc.font(r.header ? 'bold' : 'regular').fontSize(size);
      return Math.max(...r.cells.map((c, k) => doc.heightOfString(c.text || ' ', { width: widths[k] - 2 * pad, lineGap: 1 }))) + 2 * pad;
    };
    const draw = (r: (typeof rows)[number], index: number, repeated: boolean) => {
      const height = heightOf(r);
      const top = doc.y;
      this.artifact(() => {
        let x = PAGE.margin;
        for (const w of widths) {
          if (r.header || index % 2 === 0) doc.rect(x, top, w, height).fill(r.header ? '#e6eaee' : ZEBRA);
          doc.rect(x, top, w, height).lineWidth(0.5).stroke(LINE);
          x += w;
        }
      });
      const setCells = () => {
        let x = PAGE.margin;
        const cells: Struct[] = [];
        r.cells.forEach((c, k) => {
          const cellX = x;
          const set = () => {
            doc.font(r.header ? 'bold' : 'regular').fontSize(size).fillColor(INK);
            doc.text(c.text, cellX + pad, top + pad, { width: widths[k] - 2 * pad, align: c.right ? 'right' : 'left', lineGap: 1 });
          };
          if (repeated) set();
          else cells.push(doc.struct(r.header ? 'TH' : 'TD', {}, set));
          x += widths[k];
        });
        return cells;
      };
      // A header row repeated on a later page is a pagination artifact: read once, at the top.
      if (repeated) {
        doc.markContent('Artifact', { type: 'Pagination' });
        setCells();
        doc.endMarkedContent();
      } else table.add(doc.struct('TR', {}, setCells()));
      doc.x = PAGE.margin;
      doc.y = top + height;
    };
    const headers = rows.filter((r) => r.header);
    // A short table is kept on one page; a long one breaks between rows.
    const total = rows.reduce((sum, r) => sum + heightOf(r), 0);
    if (total < (this.bottom - PAGE.margin) / 3) this.room(total);
    let body = 0;
    for (const r of rows) {
      const height = heightOf(r);
      if (doc.y + height > this.bottom) {
        doc.addPage();
        if (!r.header) for (const h of headers) draw(h, -1, true);
      }
      draw(r, r.header ? -1 : body++, false);
    }
    table.end();
    doc.y += 10;
  }
}
