import * as crypto from 'node:crypto';
import { ID_CLEAN, textFlags } from './clean-text.js';
import { keptBytes } from './raw.js';
import type { Response } from '../model.js';

/**
 * Ids that follow content, not files: an answer is named by who wrote it, to which question, and
 * what it says; a response by who wrote it and all it says. So an answer keeps its id when other
 * inputs change, when rows are added to its sheet, and when its document is exported again
 * unchanged (new bytes, same text); a person's decisions anchored to it (review) survive that.
 * When the text changes, the id changes: a decision is then reported, never moved to other text.
 */
export const ANSWER_ID = /^a-[0-9a-f]{12}(?:-[1-9][0-9]*)?$/u;
export const RESPONSE_ID = /^r-[0-9a-f]{10}(?:-[1-9][0-9]*)?$/u;

/** One-shot SHA-256 (crypto.hash, Node 20.12 and later) where there is one: no Hash object per answer. */
const sha256Hex: (bytes: Uint8Array) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (bytes) => crypto.hash('sha256', bytes, 'hex')
    : (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

/**
 * The text as far as its meaning goes: Unicode compatibility forms, soft hyphens and zero-width
 * characters, and runs of white space (where a line broke in a PDF) do not change an id.
 */
export function textForId(text: string): string {
  // Nearly every text is already so (clean-text.ts): it is given back without three passes over it.
  if (textFlags(text) & ID_CLEAN) return text;
  return text
    .normalize('NFKC')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Gives every response and answer its content id, in corpus order. The same text twice from one
 * respondent (to one question) is told apart by a suffix in that order (`-2`): identical text gets
 * the same decisions, so which of the two is which does not change what a decision means.
 *
 * An answer's id is the SHA-256 of `respondent NUL question NUL text`, a response's of
 * `respondent NUL` and `question SOH text STX` for each answer (text as textForId gives it). The
 * bytes are laid out in one buffer and hashed at once; a kept text that is clean is copied as the
 * bytes its store holds, never decoded (raw.ts).
 */
export function assignIds(responses: Response[]): void {
  let keys = 0;
  for (const r of responses) keys += r.answers.length + 1;
  const seen = new SeenIds(keys);
  const whole = new Scratch();
  const one = new Scratch();
  for (const r of responses) {
    whole.reset();
    whole.string(r.respondent);
    whole.byte(0);
    for (const a of r.answers) {
      const question = a.question ?? '';
      one.reset();
      one.string(r.respondent);
      one.byte(0);
      one.string(question);
      one.byte(0);
      whole.string(question);
      whole.byte(1);
      const bytes = keptBytes(a, ID_CLEAN);
      if (bytes) {
        one.bytes(bytes);
        whole.bytes(bytes);
      } else {
        const text = textForId(a.text);
        one.string(text);
        whole.string(text);
      }
      whole.byte(2);
      const hex = sha256Hex(one.view());
      const n = seen.add(parseInt(hex.slice(0, 12), 16));
      a.id = n === 1 ? flatId('a-', hex, 12) : `a-${hex.slice(0, 12)}-${n}`;
    }
    const hex = sha256Hex(whole.view());
    const n = seen.add(parseInt(hex.slice(0, 10), 16) + RESPONSE_KEYS);
    r.id = n === 1 ? flatId('r-', hex, 10) : `r-${hex.slice(0, 10)}-${n}`;
  }
}

const idBytes = Buffer.alloc(16);

/**
 * `prefix` and the first `digits` of `hex` as one flat string: `a-${…}` would be a pair of
 * strings joined (V8 keeps a concatenation of 13 characters or more as two), twice the memory
 * for each of 1.4 million ids and more for the garbage collector to trace.
 */
function flatId(prefix: string, hex: string, digits: number): string {
  idBytes.write(prefix, 0, 'latin1');
  idBytes.write(hex, 2, digits, 'latin1');
  return idBytes.toString('latin1', 0, 2 + digits);
}

/** Responses' keys (40 bits) are counted apart from answers' (48 bits). */
const RESPONSE_KEYS = 2 ** 48;

/** Bytes laid out for one hash, in a buffer that grows as needed and is used again. */
class Scratch {
  private buf = Buffer.allocUnsafe(1 << 16);
  private at = 0;

  reset(): void {
    this.at = 0;
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.at++] = b;
  }

  /** As UTF-8 (a lone surrogate as U+FFFD, as createHash's update did). */
  string(s: string): void {
    this.room(s.length * 3);
    this.at += this.buf.write(s, this.at);
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  view(): Buffer {
    return this.buf.subarray(0, this.at);
  }
}

/**
 * How often each id's key (its hex digits as a number) was given: a table of numbers, not a Map
 * of 1.4 million strings; counts above one, which are rare, are kept aside.
 */
class SeenIds {
  private table: Float64Array;
  private size = 0;
  private readonly repeats = new Map<number, number>();

  /** Sized for `expected` keys at most half full. */
  constructor(expected: number) {
    let n = 1 << 10;
    while (n < expected * 2) n *= 2;
    this.table = new Float64Array(n);
  }

  /** Counts `key` (below 2^49) and says how many times it has now been given. */
  add(key: number): number {
    if (this.size * 2 >= this.table.length) this.grow();
    const stored = key + 1;
    const mask = this.table.length - 1;
    let i = (key % 4294967296) & mask;
    for (;;) {
      const s = this.table[i];
      if (s === 0) {
        this.table[i] = stored;
        this.size++;
        return 1;
      }
      if (s === stored) {
        const n = (this.repeats.get(key) ?? 1) + 1;
        this.repeats.set(key, n);
        return n;
      }
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    const mask = this.table.length - 1;
    for (const s of old) {
      if (s === 0) continue;
      let i = ((s - 1) % 4294967296) & mask;
      while (this.table[i] !== 0) i = (i + 1) & mask;
      this.table[i] = s;
    }
  }
}
