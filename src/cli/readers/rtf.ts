import type { DocLine } from '../../core/documents/types.js';
import { Unreadable } from './pdf.js';

/** A token of rtf-stream-parser's tokenizer. */
interface Token {
  type: number;
  word?: string;
  param?: number;
  data?: Buffer;
}
const GROUP_START = 0;
const GROUP_END = 1;
const CONTROL = 2;
const TEXT = 3;

/** Destinations whose content is not text of the letter (tables of fonts and styles, pictures, metadata, field codes). */
const SKIPPED = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'themedata', 'colorschememapping', 'datastore', 'latentstyles',
  'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'xmlnstbl', 'mmathPr', 'nonshppict', 'shp', 'shpinst', 'sp', 'sn', 'sv',
  'fldinst', 'filetbl', 'revtbl', 'pgdsctbl', 'footnote', 'annotation', 'atnid', 'atnauthor', 'bkmkstart', 'bkmkend', 'private',
]);
/** Destinations that are page headers and footers: the letterhead and footer of the letter. */
const FURNITURE = new Set(['header', 'headerl', 'headerr', 'headerf', 'footer', 'footerl', 'footerr', 'footerf']);
const SYMBOLS: Record<string, string> = {
  '~': '\u00a0', '-': '', _: '-', emdash: '—', endash: '–', emspace: ' ', enspace: ' ', qmspace: ' ',
  lquote: '‘', rquote: '’', ldblquote: '“', rdblquote: '”', bullet: '•', '{': '{', '}': '}', '\\': '\\',
};

interface GroupState {
  skip: boolean;
  furniture: boolean;
  list: boolean;
  bold: boolean;
  uc: number;
  codepage: number;
}

/**
 * An RTF document as lines: paragraphs, headings (from the outline level Word and LibreOffice
 * write for heading styles), bold lines, list items and table rows; page headers and footers
 * (the letterhead) come apart. rtf-stream-parser tokenizes (`\'e5`, `\u229`, `\bin`); this reads
 * the tokens: text in the document's code page (`\ansicpg`, Windows-1252 by default), Unicode
 * escapes with their fallback characters skipped (`\ucN`), and destinations that hold no text of
 * the letter (fonts, styles, pictures, field codes) left out.
 */
export async function rtfLines(bytes: Buffer): Promise<{ lines: DocLine[]; furniture: string[] }> {
  if (!bytes.subarray(0, 16).toString('latin1').replace(/^\uFEFF|^\s+/u, '').startsWith('{\\rtf'))
    throw new Unreadable('is not an RTF document (it does not start with {\\rtf)', 'open it in Word or LibreOffice and save it again as .rtf, .docx or PDF in its place, then run the ingest again');
  const tokens = await tokenize(bytes);
  const lines: DocLine[] = [];
  const furniture: string[] = [];
  const stack: GroupState[] = [];
  let state: GroupState = { skip: false, furniture: false, list: false, bold: false, uc: 1, codepage: 1252 };
  let text = '';
  let allBold = true;
  let listItem = false;
  let outline: number | undefined;
  let inTable = false;
  let cells: string[] = [];
  let skipChars = 0;
  let last: Token | undefined;
  let beforeLast: Token | undefined;

  const decoders = new Map<number, TextDecoder>();
  const decode = (b: Buffer) => {
    let d = decoders.get(state.codepage);
    if (!d) {
      try {
        d = new TextDecoder(state.codepage === 65001 ? 'utf-8' : state.codepage === 10000 ? 'macintosh' : `windows-${state.codepage}`);
      } catch {
        d = new TextDecoder('windows-1252');
      }
      decoders.set(state.codepage, d);
    }
    return d.decode(b);
  };
  const add = (s: string) => {
    if (state.skip || !s) return;
    text += s;
    if (s.trim() && !state.bold && !state.list) allBold = false;
  };
  const endParagraph = (row = false) => {
    const clean = text.replace(/\s+/gu, ' ').replace(/^\s*\|\s*|\s*\|\s*$/gu, '').trim();
    if (inTable && !row) {
      // A paragraph inside a table cell: part of the cell, told apart by a space.
      text = clean ? `${clean} ` : '';
      return;
    }
    text = '';
    const bold = allBold;
    allBold = true;
    const item = listItem;
    listItem = false;
    if (!clean) return;
    if (state.furniture) {
      if (!furniture.includes(clean)) furniture.push(clean);
      return;
    }
    const line: DocLine = { text: clean, page: 1, breakBefore: true };
    if (outline !== undefined) line.heading = outline;
    else if (bold) line.bold = true;
    if (row) line.block = 'row';
    else if (item && outline === undefined) line.block = 'item';
    lines.push(line);
  };

  for (const t of tokens) {
    const fresh = last?.type === GROUP_START || (last?.type === CONTROL && last.word === '*' && beforeLast?.type === GROUP_START);
    beforeLast = last;
    last = t;
    if (t.type === GROUP_START) {
      stack.push(state);
      state = { ...state };
      skipChars = 0;
      continue;
    }
    if (t.type === GROUP_END) {
      state = stack.pop() ?? state;
      skipChars = 0;
      continue;
    }
    if (t.type === TEXT) {
      let data = t.data ?? Buffer.alloc(0);
      if (skipChars > 0) {
        const n = Math.min(skipChars, data.length);
        data = data.subarray(n);
        skipChars -= n;
      }
      add(decode(data));
      continue;
    }
    if (t.type !== CONTROL || !t.word) continue;
    const w = t.word;
    if (w === "'") {
      if (skipChars > 0) skipChars--;
      else add(decode(t.data ?? Buffer.alloc(0)));
      continue;
    }
    if (w === 'bin') continue;
    if (fresh) {
      if (w === '*' || SKIPPED.has(w)) {
        state.skip = true;
        continue;
      }
      if (FURNITURE.has(w)) {
        // Text before a header (none, usually) ends; the header's paragraphs are furniture.
        state.furniture = true;
        continue;
      }
      if (w === 'listtext' || w === 'pntext') {
        state.list = true;
        listItem = true;
        continue;
      }
    }
    if (state.skip) continue;
    switch (w) {
      case 'par':
      case '\n':
      case '\r':
      case 'sect':
      case 'page':
        endParagraph();
        break;
      case 'line':
        add(' ');
        break;
      case 'tab':
        add(state.list ? ' ' : ' | ');
        break;
      case 'cell':
        endParagraph();
        cells.push(text.trim());
        text = '';
        break;
      case 'row':
        text = cells.join(' | ');
        cells = [];
        endParagraph(true);
        inTable = false;
        break;
      case 'intbl':
        inTable = true;
        break;
      case 'pard':
        outline = undefined;
        inTable = false;
        break;
      case 'outlinelevel':
        outline = t.param !== undefined && t.param >= 0 && t.param < 9 ? t.param + 1 : undefined;
        break;
      case 'plain':
        state.bold = false;
        break;
      case 'b':
        state.bold = t.param !== 0;
        break;
      case 'uc':
        state.uc = t.param ?? 1;
        break;
      case 'u': {
        const code = (t.param ?? 0) < 0 ? (t.param ?? 0) + 65536 : (t.param ?? 0);
        add(String.fromCharCode(code));
        skipChars = state.uc;
        break;
      }
      case 'ansicpg':
        if (t.param) state.codepage = t.param;
        break;
      case 'mac':
        state.codepage = 10000;
        break;
      case 'pc':
        state.codepage = 437;
        break;
      case 'pca':
        state.codepage = 850;
        break;
      default:
        if (Object.hasOwn(SYMBOLS, w)) add(SYMBOLS[w]);
    }
  }
  if (cells.length) {
    text = cells.join(' | ');
    endParagraph(true);
  } else endParagraph();
  return { lines, furniture };
}

async function tokenize(bytes: Buffer): Promise<Token[]> {
  const { Tokenize } = await import('rtf-stream-parser');
  return new Promise((resolve, reject) => {
    const tokens: Token[] = [];
    const t = new Tokenize();
    t.on('data', (x: Token) => tokens.push(x));
    t.on('error', (err: Error) =>
      reject(new Unreadable(`is not a readable RTF document: ${err.message.replace(/\.$/, '')}`, 'open it in Word or LibreOffice and save it again as .rtf, .docx or PDF in its place, then run the ingest again')),
    );
    t.on('end', () => resolve(tokens));
    t.end(bytes);
  });
}
