import type { DocLine } from '../../core/documents/types.js';
import { Unreadable } from './read-errors.js';

/** An RTF token, in the shape rtf-stream-parser's tokenizer gave them (see tokenize below). */
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

/** Code pages (`\ansicpg`) as the WHATWG decoders name them; others are tried as `windows-N`, then Windows-1252. */
const CODEPAGES: Record<number, string> = {
  65001: 'utf-8', 10000: 'macintosh', 866: 'ibm866', 874: 'windows-874', 932: 'shift_jis', 936: 'gbk', 949: 'euc-kr', 950: 'big5', 20866: 'koi8-r',
  28591: 'iso-8859-1', 28592: 'iso-8859-2', 28595: 'iso-8859-5', 28597: 'iso-8859-7', 28599: 'windows-1254', 28605: 'iso-8859-15',
};
const MAX_UC = 8;

/** Text without control characters (`\u0`, `\'00`) and with unpaired surrogates (`\u55296`) made U+FFFD. */
function wellFormed(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/gu, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\uFFFD');
}

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
 * (the letterhead) come apart. a linear tokenizer reads `\'e5`, `\u229` and `\bin`; this reads
 * the tokens: text in the document's code page (`\ansicpg`, Windows-1252 by default), Unicode
 * escapes with their fallback characters skipped (`\ucN`), and destinations that hold no text of
 * the letter (fonts, styles, pictures, field codes) left out.
 */
export async function rtfLines(bytes: Buffer): Promise<{ lines: DocLine[]; furniture: string[] }> {
  if (!bytes.subarray(0, 16).toString('latin1').replace(/^\uFEFF|^\s+/u, '').startsWith('{\\rtf'))
    throw new Unreadable('is not an RTF document (it does not start with {\\rtf)', 'open it in Word or LibreOffice and save it again as .rtf, .docx or PDF in its place, then run the ingest again');
  const tokens = tokenize(bytes);
  const lines: DocLine[] = [];
  // A Set: a header of 100 000 paragraphs took 13 s as an array searched per line.
  const furniture = new Set<string>();
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
        d = new TextDecoder(CODEPAGES[state.codepage] ?? `windows-${state.codepage}`);
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
    const clean = wellFormed(text).replace(/\s+/gu, ' ').replace(/^\s*\|\s*|\s*\|\s*$/gu, '').trim();
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
      furniture.add(clean);
      return;
    }
    const line: DocLine = { text: clean, page: 1, breakBefore: true };
    if (outline !== undefined) line.heading = outline;
    else if (bold) line.bold = true;
    if (row) line.block = 'row';
    else if (item && outline === undefined) line.block = 'item';
    lines.push(line);
  };

  // Bytes of consecutive \'hh escapes, decoded together: in Shift JIS, GBK or Big5 one character is two of them.
  let pending: number[] = [];
  for (const t of tokens) {
    if (pending.length && !(t.type === CONTROL && t.word === "'")) {
      add(decode(Buffer.from(pending)));
      pending = [];
    }
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
      else if (t.data && !state.skip) pending.push(...t.data);
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
        // Writers use 0 to 2 fallback characters; more would swallow the text after each escape.
        state.uc = Math.min(Math.max(t.param ?? 1, 0), MAX_UC);
        break;
      case 'u': {
        // A signed 16-bit UTF-16 unit; anything outside that is no character.
        const p = t.param ?? 0;
        add(p >= -32768 && p <= 65535 ? String.fromCharCode(p < 0 ? p + 65536 : p) : '\uFFFD');
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
  if (pending.length) add(decode(Buffer.from(pending)));
  if (cells.length) {
    text = cells.join(' | ');
    endParagraph(true);
  } else endParagraph();
  return { lines, furniture: [...furniture] };
}

const isAlpha = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const hexValue = (c: number) => (isDigit(c) ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1);

/**
 * The tokens of an RTF file, in one linear pass. rtf-stream-parser's tokenizer, which this
 * replaces, concatenated a text run's buffer again at every line break inside it (an 800 KB
 * file of short lines took 12 s, 1.6 MB 50 s), printed "Bad hex digit" to stderr for every bad
 * `\'` escape, and allocated whatever `\bin` announced. Its token shapes are kept.
 */
function tokenize(bytes: Buffer): Token[] {
  const tokens: Token[] = [];
  const n = bytes.length;
  let parts: Buffer[] = [];
  const flushText = () => {
    if (!parts.length) return;
    tokens.push({ type: TEXT, data: parts.length === 1 ? parts[0] : Buffer.concat(parts) });
    parts = [];
  };
  let i = 0;
  while (i < n) {
    const c = bytes[i];
    if (c === 0x7b || c === 0x7d) {
      flushText();
      tokens.push({ type: c === 0x7b ? GROUP_START : GROUP_END });
      i++;
      continue;
    }
    // Line breaks in RTF are not text: writers wrap long lines anywhere.
    if (c === 0x0d || c === 0x0a) {
      i++;
      continue;
    }
    if (c !== 0x5c) {
      let j = i;
      while (j < n && bytes[j] !== 0x7b && bytes[j] !== 0x7d && bytes[j] !== 0x5c && bytes[j] !== 0x0d && bytes[j] !== 0x0a) j++;
      parts.push(bytes.subarray(i, j));
      i = j;
      continue;
    }
    flushText();
    i++;
    if (i >= n) break;
    const d = bytes[i];
    if (!isAlpha(d)) {
      i++;
      if (d === 0x27) {
        // \'hh: one byte in the document's code page; a damaged escape gives nothing.
        const hi = i < n ? hexValue(bytes[i]) : -1;
        const lo = i + 1 < n ? hexValue(bytes[i + 1]) : -1;
        if (hi >= 0 && lo >= 0) {
          tokens.push({ type: CONTROL, word: "'", data: Buffer.from([hi * 16 + lo]) });
          i += 2;
        }
        continue;
      }
      tokens.push({ type: CONTROL, word: String.fromCharCode(d) });
      continue;
    }
    let j = i;
    while (j < n && isAlpha(bytes[j])) j++;
    const word = bytes.toString('latin1', i, j);
    let k = j;
    if (k < n && bytes[k] === 0x2d && k + 1 < n && isDigit(bytes[k + 1])) k++;
    while (k < n && isDigit(bytes[k])) k++;
    const digits = bytes.toString('latin1', j, k);
    // Kept as written, however large (Infinity past 308 digits): each reader of a parameter bounds it.
    const value = digits ? Number(digits) : undefined;
    i = k;
    if (i < n && bytes[i] === 0x20) i++;
    const token: Token = { type: CONTROL, word };
    if (value !== undefined) token.param = value;
    if (word === 'bin' && value !== undefined && value > 0) {
      // Binary data the next N bytes hold (a picture): skipped, and never more than the file has.
      if (value > n - i)
        throw new Unreadable(
          `is a damaged RTF document: \\bin at byte ${j} announces ${digits} bytes of binary data, but the file ends ${n - i} bytes later`,
          'open it in Word or LibreOffice and save it again as .rtf, .docx or PDF in its place, then run the ingest again',
        );
      i += value;
    }
    tokens.push(token);
  }
  flushText();
  return tokens;
}
