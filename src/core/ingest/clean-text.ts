/**
 * Which answer texts can skip work that would give them back unchanged. Nearly every answer of a
 * sheet is "clean": single spaces between words, and only characters that Unicode compatibility
 * normalisation (NFKC) keeps as they are. For such a text `textForId(text) === text`, so its
 * content id is the hash of its own UTF-8 bytes, and `JSON.stringify(text)` is the text between
 * quotes when it holds no `"` or `\`. A large sheet's texts then go from the file to the corpus
 * as bytes, never decoded into strings (ids.ts, text-spill.ts, corpus-file.ts).
 */

/** `textForId(text) === text`: no normalisation, no removed or doubled white space. */
export const ID_CLEAN = 1;
/** `JSON.stringify(text) === '"' + text + '"'`: nothing to escape. */
export const JSON_PLAIN = 2;

/**
 * Characters that stay as they are in NFKC whatever stands around them, and are not white
 * space: printable ASCII, Latin letters and symbols (U+00A1–U+024F), general punctuation and
 * currency signs; each is tested against String.prototype.normalize when the module loads, and
 * test/clean-text.test.ts checks every pair of them. Anything else (combining marks, other
 * scripts, ligatures, "…", non-breaking spaces) makes a text not clean, and it takes the full path.
 */
const LIMIT = 0x20c1;
const SAFE = new Uint8Array(LIMIT);
const REMOVED = /[\u00AD\u200B-\u200D\u2060\uFEFF]/u;
for (const [from, to] of [
  [0x21, 0x7e],
  [0xa1, 0x24f],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x20a0, 0x20c0],
]) {
  for (let cp = from; cp <= to; cp++) {
    const c = String.fromCharCode(cp);
    if (c.normalize('NFKC') === c && !/[\s\p{M}]/u.test(c) && !REMOVED.test(c)) SAFE[cp] = 1;
  }
}

/** The code points that a clean text may hold besides the space (for tests). */
export function safeCodePoints(): number[] {
  const out: number[] = [];
  for (let cp = 0; cp < LIMIT; cp++) if (SAFE[cp]) out.push(cp);
  return out;
}

const SPACE = 0x20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** ID_CLEAN and JSON_PLAIN as they hold for `text`. */
export function textFlags(text: string): number {
  const n = text.length;
  if (n === 0) return ID_CLEAN | JSON_PLAIN;
  let json = JSON_PLAIN;
  let clean = ID_CLEAN;
  let previous = SPACE;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE) {
      if (previous === SPACE) clean = 0;
    } else if (c < LIMIT) {
      if (SAFE[c] === 0) {
        clean = 0;
        if (c < SPACE) return 0;
      } else if (c === QUOTE || c === BACKSLASH) json = 0;
    } else {
      clean = 0;
      // A lone surrogate is escaped by JSON.stringify; a pair is not.
      if (c >= 0xd800 && c <= 0xdfff) {
        const pair = c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
        if (!pair) return 0;
        i++;
      }
    }
    previous = c;
  }
  if (previous === SPACE) clean = 0;
  return clean | json;
}

/**
 * ID_CLEAN and JSON_PLAIN of the text in `bytes[start, end)`, which must be well-formed UTF-8
 * (the CSV reader checks each chunk before it is parsed).
 */
export function byteFlags(bytes: Uint8Array, start: number, end: number): number {
  if (start >= end) return ID_CLEAN | JSON_PLAIN;
  let json = JSON_PLAIN;
  let previous = SPACE;
  for (let i = start; i < end; ) {
    const b = bytes[i];
    if (b < 0x80) {
      if (b === SPACE) {
        if (previous === SPACE) return textFlagsOfBytes(bytes, start, end);
      } else if (SAFE[b] === 0) return textFlagsOfBytes(bytes, start, end);
      else if (b === QUOTE || b === BACKSLASH) json = 0;
      previous = b;
      i++;
      continue;
    }
    let cp: number;
    if (b < 0xe0) {
      cp = ((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
      i += 2;
    } else if (b < 0xf0) {
      cp = ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
      i += 3;
    } else return textFlagsOfBytes(bytes, start, end);
    if (cp >= LIMIT || SAFE[cp] === 0) return textFlagsOfBytes(bytes, start, end);
    previous = cp;
  }
  if (previous === SPACE) return textFlagsOfBytes(bytes, start, end);
  return ID_CLEAN | json;
}

/** A text that is not clean is rare: its flags are found on its string. */
function textFlagsOfBytes(bytes: Uint8Array, start: number, end: number): number {
  return textFlags(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8'));
}
