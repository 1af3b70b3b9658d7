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

/** Copies `text` from one object to another without reading it (a kept text stays kept). */
export function copyText<T extends object>(target: T, source: { text: string }): T & { text: string } {
  const kept = source as { text: string } & Partial<Kept>;
  if (kept[STORE] !== undefined && kept[KEPT] !== undefined) return keep(target, kept[STORE], kept[KEPT]);
  return Object.assign(target, { text: source.text });
}
