import type { DocLine } from '../../core/documents/types.js';
import { OverLimit, Unreadable } from './read-errors.js';
import { MAX_WORD_TEXT_BYTES, unpackChecked } from './zip.js';
import { misnamed } from './file-kind.js';

/** The parts of the XML DOM this reader walks (xmldom's nodes). */
interface XNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<XNode>;
  getAttribute?(name: string): string | null;
}

const ELEMENT = 1;
const TEXT = 3;

/** A paragraph style as far as reading needs it: its parent, heading level and weight. */
interface Style {
  parent?: string;
  outline?: number;
  bold?: boolean;
}

/**
 * An OpenDocument text (.odt, as LibreOffice and Word write it) as lines: headings from `text:h`
 * and from paragraph styles with an outline level, paragraphs, list items and table rows; the
 * page headers and footers of its master pages (the letterhead) come apart, as a Word
 * document's do. The package is unpacked within dialog's limits (zip.ts) and xmldom, loaded only
 * here, parses its XML.
 */
export async function odtLines(bytes: Buffer): Promise<{ lines: DocLine[]; furniture: string[] }> {
  const { DOMParser } = await import('@xmldom/xmldom');
  let content: string;
  let stylesXml: string | undefined;
  try {
    // Within the limits on unpacked size, as a Word document is: refused before its XML is read.
    const parts = unpackChecked(bytes, 'OpenDocument text', (name) => ['content.xml', 'styles.xml', 'META-INF/manifest.xml'].includes(name), MAX_WORD_TEXT_BYTES);
    // An OpenDocument saved with a password keeps its zip, but its XML is encrypted.
    if (/encryption-data/u.test(parts.get('META-INF/manifest.xml')?.toString('utf8') ?? ''))
      throw new Unreadable('is protected by a password', 'open it in LibreOffice, save it without a password in its place, and run the ingest again', 'encrypted');
    // A sheet of answers, a Word document or a workbook given the extension .odt (a sheet would read
    // as a document without text): say which, so that renaming it is the fix. A presentation is
    // read as before, for what text it has.
    const wrong = misnamed(bytes, '.odt', ['odt', 'odp', 'pptx']);
    if (wrong) throw new Unreadable(wrong.what, `${wrong.advice} and run the ingest again`, 'damaged');
    const file = parts.get('content.xml');
    if (!file) throw new Error('it has no content.xml');
    content = file.toString('utf8');
    stylesXml = parts.get('styles.xml')?.toString('utf8');
  } catch (err) {
    if (err instanceof Unreadable || err instanceof OverLimit) throw err;
    const message = ((err as Error)?.message ?? String(err)).replace(/\.$/, '');
    throw new Unreadable(
      `is not a readable OpenDocument text (.odt): ${message}. It may be damaged or protected by a password`,
      'open it in LibreOffice or Word and save it again as .odt, .docx or PDF in its place, then run the ingest again',
    );
  }
  const again = 'open it in LibreOffice or Word and save it again in its place, then run the ingest again';
  const parse = (xml: string, part: string, root: string): XNode => {
    // OpenDocument has no DTD; one in the file can only declare entities (billion laughs, or an
    // external file read as text). Refused before parsing, so that nothing is expanded or read.
    const { over, malformed } = checkShape(xml);
    if (over) throw new OverLimit(`is not a readable OpenDocument text (.odt): its ${part} ${over} (the limit); it is not read`);
    if (malformed && xml.trimStart().startsWith('<')) throw new Unreadable(`is not a readable OpenDocument text (.odt): its ${part} is not well-formed XML (${malformed})`, again);
    if (/<!DOCTYPE/iu.test(xml)) throw new Unreadable(`is not a readable OpenDocument text (.odt): its ${part} declares a DTD (<!DOCTYPE>), which OpenDocument files never hold`, again);
    const problems: string[] = [];
    const doc = new DOMParser({ errorHandler: (level: string, msg: string) => void (level !== 'warning' && problems.push(msg)) }).parseFromString(xml, 'text/xml') as unknown as XNode & { documentElement?: XNode | null };
    const problem = problems[0]?.replace(/^\[xmldom \w+\]\s*/u, '').replace(/\s*@#\[line:.*$/su, '').trim();
    if (problem) throw new Unreadable(`is not a readable OpenDocument text (.odt): its ${part} is not well-formed XML (${problem})`, again);
    if (doc.documentElement?.nodeName !== root) throw new Unreadable(`is not a readable OpenDocument text (.odt): its ${part} is not OpenDocument XML (no ${root})`, again);
    return doc;
  };
  const contentDoc = parse(content, 'content.xml', 'office:document-content');
  const stylesDoc = stylesXml ? parse(stylesXml, 'styles.xml', 'office:document-styles') : undefined;
  const styles = new Map<string, Style>();
  const textStyles = new Map<string, boolean>();
  for (const root of [stylesDoc, contentDoc]) if (root) collectStyles(root, styles, textStyles);

  const lines: DocLine[] = [];
  const body = find(contentDoc, 'office:text');
  if (body) walk(body, lines, styles, textStyles);
  const furniture = new Set<string>();
  if (stylesDoc)
    for (const master of findAll(stylesDoc, 'style:master-page'))
      for (const part of elements(master))
        if (/^style:(?:header|footer)/u.test(part.nodeName)) {
          const own: DocLine[] = [];
          walk(part, own, styles, textStyles);
          for (const l of own) furniture.add(l.text);
        }
  return { lines, furniture: [...furniture] };
}

/** How deep elements may nest in an OpenDocument part (LibreOffice writes a few dozen levels at most). */
export const MAX_XML_DEPTH = 1000;
/** How many elements an OpenDocument part may hold (a 200-page letter holds some 50 000). */
export const MAX_XML_ELEMENTS = 200_000;

/**
 * Whether a part nests elements deeper, or holds more of them, than dialog reads, found in one
 * scan of the text before it is parsed: xmldom keeps a namespace scope per open element (a million
 * nested elements in 9 MB took 1.2 GB to parse) and some 600 bytes per element (2.4 million empty
 * elements, 45 KB zipped, took 1.5 GB), and the walks below recurse. Comments, CDATA, instructions and quoted attribute values
 * (which may hold `>`) are stepped over.
 */
function checkShape(xml: string): { over?: string; malformed?: string } {
  let count = 0;
  // The names of the open elements: xmldom reads `<a>x</b>` without an error, and loses the text.
  const open: string[] = [];
  const skipTo = (from: number, end: string) => {
    const k = xml.indexOf(end, from);
    return k < 0 ? xml.length : k + end.length;
  };
  const nameAt = (from: number) => /^[^\s/>]*/u.exec(xml.slice(from, from + 200))![0];
  for (let i = xml.indexOf('<'); i >= 0 && i < xml.length; i = xml.indexOf('<', i)) {
    const c = xml[i + 1];
    if (c === '/') {
      const name = nameAt(i + 2);
      const expected = open.pop();
      if (name !== expected) return { malformed: expected ? `</${name}> closes <${expected}>` : `</${name}> closes no element` };
      i += 2;
    } else if (xml.startsWith('<!--', i)) i = skipTo(i + 4, '-->');
    else if (xml.startsWith('<![CDATA[', i)) i = skipTo(i + 9, ']]>');
    else if (c === '?' || c === '!') i = skipTo(i + 2, '>');
    else {
      let j = i + 1;
      for (let quote = ''; j < xml.length; j++) {
        const ch = xml[j];
        if (quote) {
          if (ch === quote) quote = '';
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '>') break;
      }
      if (++count > MAX_XML_ELEMENTS) return { over: `holds more than ${MAX_XML_ELEMENTS.toLocaleString('en')} elements` };
      if (xml[j - 1] !== '/') {
        open.push(nameAt(i + 1));
        if (open.length > MAX_XML_DEPTH) return { over: `nests elements more than ${MAX_XML_DEPTH} deep` };
      }
      i = j + 1;
    }
  }
  if (open.length) return { malformed: `<${open[open.length - 1]}> is never closed` };
  return {};
}

function elements(n: XNode): XNode[] {
  return Array.from(n.childNodes).filter((c) => c.nodeType === ELEMENT);
}

function find(n: XNode, name: string): XNode | undefined {
  for (const c of elements(n)) {
    if (c.nodeName === name) return c;
    const deeper = find(c, name);
    if (deeper) return deeper;
  }
  return undefined;
}

function findAll(n: XNode, name: string, out: XNode[] = []): XNode[] {
  for (const c of elements(n)) {
    if (c.nodeName === name) out.push(c);
    else findAll(c, name, out);
  }
  return out;
}

const attr = (n: XNode, name: string) => n.getAttribute?.(name) || undefined;

function collectStyles(root: XNode, styles: Map<string, Style>, textStyles: Map<string, boolean>): void {
  for (const s of findAll(root, 'style:style')) {
    const name = attr(s, 'style:name');
    if (!name) continue;
    const props = elements(s).find((c) => c.nodeName === 'style:text-properties');
    const weight = props ? attr(props, 'fo:font-weight') : undefined;
    const bold = weight === undefined ? undefined : weight === 'bold' || Number(weight) >= 600;
    if (attr(s, 'style:family') === 'text') {
      if (bold !== undefined) textStyles.set(name, bold);
      continue;
    }
    const outline = Number(attr(s, 'style:default-outline-level'));
    styles.set(name, {
      ...(attr(s, 'style:parent-style-name') ? { parent: attr(s, 'style:parent-style-name') } : {}),
      ...(outline > 0 ? { outline } : {}),
      ...(bold !== undefined ? { bold } : {}),
    });
  }
}

/** A style's property, looked up through its parents (a paragraph's automatic style inherits "Heading 1"). */
function inherited<K extends keyof Style>(styles: Map<string, Style>, name: string | undefined, key: K): Style[K] | undefined {
  for (let i = 0, n = name; n && i < 20; i++) {
    const s = styles.get(n);
    if (!s) return undefined;
    if (s[key] !== undefined) return s[key];
    n = s.parent;
  }
  return undefined;
}

/** Elements whose text is not part of the letter: notes' bodies, comments, tracked deletions, field declarations. */
const SKIP = new Set(['text:note', 'office:annotation', 'office:annotation-end', 'text:tracked-changes', 'text:sequence-decls', 'text:variable-decls', 'text:user-field-decls', 'office:forms', 'text:table-of-content', 'text:bibliography', 'svg:desc', 'svg:title']);

function walk(n: XNode, out: DocLine[], styles: Map<string, Style>, textStyles: Map<string, boolean>, block?: DocLine['block']): void {
  for (const c of elements(n)) {
    if (SKIP.has(c.nodeName)) continue;
    if (c.nodeName === 'text:h' || c.nodeName === 'text:p') paragraph(c, out, styles, textStyles, block);
    else if (c.nodeName === 'text:list-item') walk(c, out, styles, textStyles, 'item');
    else if (c.nodeName === 'table:table-row') {
      const cells = elements(c)
        .filter((x) => x.nodeName === 'table:table-cell')
        .map((cell) => {
          const inner: DocLine[] = [];
          walk(cell, inner, styles, textStyles);
          return inner.map((l) => l.text).join(' ');
        });
      if (cells.some((x) => x.trim())) out.push({ text: cells.map((x) => x.trim()).join(' | '), page: 1, breakBefore: true, block: 'row' });
    } else walk(c, out, styles, textStyles, block);
  }
}

function paragraph(p: XNode, out: DocLine[], styles: Map<string, Style>, textStyles: Map<string, boolean>, block?: DocLine['block']): void {
  const style = attr(p, 'text:style-name');
  const paragraphBold = inherited(styles, style, 'bold') ?? false;
  let text = '';
  let allBold = true;
  // Text boxes and frames anchored in the paragraph (a letterhead laid out in a frame) are lines of their own.
  const framed: DocLine[] = [];
  const inline = (n: XNode, bold: boolean) => {
    for (const c of Array.from(n.childNodes)) {
      if (c.nodeType === TEXT) {
        const t = c.nodeValue ?? '';
        text += t;
        if (t.trim() && !bold) allBold = false;
        continue;
      }
      if (c.nodeType !== ELEMENT || SKIP.has(c.nodeName)) continue;
      if (c.nodeName === 'text:s') text += ' '.repeat(Math.min(Number(attr(c, 'text:c') ?? 1) || 1, 8));
      else if (c.nodeName === 'text:tab') text += ' | ';
      else if (c.nodeName === 'text:line-break') text += ' ';
      // The number of a numbered heading or list item as the writer last showed it ("3.2").
      else if (c.nodeName === 'text:number') text += `${Array.from(c.childNodes).map((x) => x.nodeValue ?? '').join('')} `;
      else if (c.nodeName === 'draw:frame' || c.nodeName === 'draw:custom-shape') walk(c, framed, styles, textStyles);
      else if (c.nodeName === 'text:span') inline(c, textStyles.get(attr(c, 'text:style-name') ?? '') ?? inherited(styles, attr(c, 'text:style-name'), 'bold') ?? bold);
      else inline(c, bold);
    }
  };
  inline(p, paragraphBold);
  const clean = text.replace(/\s+/gu, ' ').replace(/^\s*\|\s*|\s*\|\s*$/gu, '').trim();
  if (clean) {
    const level = p.nodeName === 'text:h' ? Number(attr(p, 'text:outline-level') ?? 1) || 1 : inherited(styles, style, 'outline');
    const line: DocLine = { text: block === 'item' && !level ? `– ${clean}` : clean, page: 1, breakBefore: true };
    if (level) line.heading = level;
    else if (allBold) line.bold = true;
    if (block && !level) line.block = block;
    out.push(line);
  }
  out.push(...framed);
}
