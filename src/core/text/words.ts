/**
 * Words as `/[\p{L}\p{N}]+/gu` finds them (letters and digits of any script), found by a scanner
 * over a table of the Basic Multilingual Plane instead of the regular expression: classification
 * and term counting call this for every word of every answer, and the expression's match arrays
 * were a tenth of the time spent in garbage collection on real text.
 */

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
let table: Uint8Array | undefined;

/** 1 where a UTF-16 unit of the BMP is a letter or a digit; built once, in a few milliseconds. */
export function wordTable(): Uint8Array {
  if (!table) {
    table = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) table[c] = 1;
      else if (c >= 0x80 && WORD_CHAR.test(String.fromCharCode(c))) table[c] = 1;
    }
  }
  return table;
}

/** Length in UTF-16 units of the word character at i (1 or 2), or 0 when it is none. */
export function wordCharAt(text: string, i: number, t: Uint8Array): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return t[c];
  const d = text.charCodeAt(i + 1);
  if (d >= 0xdc00 && d <= 0xdfff && WORD_CHAR.test(text.slice(i, i + 2))) return 2;
  return 0;
}

/**
 * Calls `onWord(start, end)` for each word of `text`, in order; the word is `text.slice(start, end)`.
 */
export function forEachWord(text: string, onWord: (start: number, end: number) => void): void {
  const t = wordTable();
  const n = text.length;
  let i = 0;
  while (i < n) {
    let w = wordCharAt(text, i, t);
    if (!w) {
      i++;
      continue;
    }
    const start = i;
    do i += w;
    while (i < n && (w = wordCharAt(text, i, t)));
    onWord(start, i);
  }
}
