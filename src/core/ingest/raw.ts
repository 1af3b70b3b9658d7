import type { Consultation, FactsFile, RespondentType, SourceFormat, Stance, UnreadableReason } from '../model.js';
import type { Diagnostic } from '../diagnostics.js';

/** A response as read from one input file, before respondents are resolved and ids assigned. */
export interface RawResponse {
  line: number;
  col: number;
  respondent: string;
  type?: RespondentType;
  date?: string;
  reference?: string;
  stance?: Stance;
  stanceText?: string;
  answers: RawAnswer[];
  reservations: { parties: string[]; text: string }[];
}

export interface RawAnswer {
  line: number;
  col: number;
  question?: string;
  /** The heading the answer stood under in a document ("3.2 Regionens uppgifter"). */
  heading?: string;
  text: string;
  themes?: string[];
}

export interface ParsedFile {
  path: string;
  format: SourceFormat;
  encoding: 'utf-8' | 'windows-1252';
  sha256: string;
  size?: number;
  consultation?: Consultation;
  consultationLine?: number;
  responses: RawResponse[];
  diagnostics: Diagnostic[];
  /** For a document: the sidecar and manifest files read for it. */
  facts?: FactsFile[];
  /** For a document that could not be read (recorded in the corpus, named in reports). */
  unreadable?: UnreadableReason;
}

/**
 * Where answer texts may be kept outside memory (a spill file, at the edge): `keep` stores a text
 * and returns a number that `read` takes to give it back. Large sheets keep their texts there, so
 * that a million answers do not hold half a gigabyte of text on the heap.
 */
export interface TextStore {
  keep(text: string): number;
  read(kept: number): string;
  /** Keeps a text given as its UTF-8 bytes (copied at once) with its flags (clean-text.ts). */
  keepBytes?(bytes: Uint8Array, flags: number): number;
  /** The flags of a kept text (clean-text.ts). */
  flags?(kept: number): number;
  /** A kept text's UTF-8 bytes: a view that holds only until the store is used again. */
  bytes?(kept: number): Uint8Array;
}

const STORE = Symbol('text store');
const KEPT = Symbol('kept text');
interface Kept {
  [STORE]: TextStore;
  [KEPT]: number;
}

/**
 * One getter for every kept text, reading the store and number the object carries under symbol
 * keys (which JSON and Object.keys leave out): a closure per answer gave each of a million
 * answers its own hidden class, two thirds of the heap of a loaded corpus.
 */
function keptText(this: Kept): string {
  return this[STORE].read(this[KEPT]);
}

function keep<T extends object>(target: T, store: TextStore, kept: number): T & { text: string } {
  const t = target as T & Kept;
  t[STORE] = store;
  t[KEPT] = kept;
  Object.defineProperty(target, 'text', { get: keptText, enumerable: true, configurable: true });
  return target as T & { text: string };
}

/** Gives `target` its `text`: the string itself, or, with a store, a getter that reads it back. */
export function setText<T extends object>(target: T, text: string, store?: TextStore): T & { text: string } {
  if (!store) return Object.assign(target, { text });
  return keep(target, store, store.keep(text));
}

/**
 * Gives `target` a text kept from its UTF-8 bytes, without making a string of it: a large sheet's
 * texts go from the file to the store as bytes. The store must take bytes (keepBytes).
 */
export function setTextBytes<T extends object>(target: T, bytes: Uint8Array, flags: number, store: TextStore): T & { text: string } {
  return keep(target, store, store.keepBytes!(bytes, flags));
}

/** Whether a store takes texts as bytes (setTextBytes). */
export function takesBytes(store: TextStore | undefined): store is TextStore & Required<Pick<TextStore, 'keepBytes'>> {
  return typeof store?.keepBytes === 'function';
}

/** Whether `source`'s text is kept in a store (read through a getter), not held as a string. */
export function isKept(source: object): boolean {
  return (source as Partial<Kept>)[STORE] !== undefined;
}

/**
 * The UTF-8 bytes of `source`'s text when it is kept in a store that gives bytes and has every
 * flag of `flags` (clean-text.ts), else undefined (then read `text`). The view holds only until the
 * store is used again: copy it or write it out at once.
 */
export function keptBytes(source: object, flags: number): Uint8Array | undefined {
  const kept = source as Partial<Kept>;
  const store = kept[STORE];
  if (store === undefined || store.bytes === undefined || store.flags === undefined) return undefined;
  const n = kept[KEPT]!;
  return (store.flags(n) & flags) === flags ? store.bytes(n) : undefined;
}

/** Copies `text` from one object to another without reading it (a kept text stays kept). */
export function copyText<T extends object>(target: T, source: { text: string }): T & { text: string } {
  const kept = source as { text: string } & Partial<Kept>;
  if (kept[STORE] !== undefined && kept[KEPT] !== undefined) return keep(target, kept[STORE], kept[KEPT]);
  return Object.assign(target, { text: source.text });
}
