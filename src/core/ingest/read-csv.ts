import { isUtf8 } from 'node:buffer';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { diag, type Diagnostic } from '../diagnostics.js';
import { detectDelimiter, type HeaderMap, parseDate, splitThemes, type Column, type QuestionColumn } from './csv-columns.js';
import type { Question, RespondentType } from '../model.js';
import { mapSheetHeader } from './wide-sheet.js';
import { setText, setTextBytes, takesBytes, type ParsedFile, type RawResponse, type TextStore } from './raw.js';
import { byteFlags, ID_CLEAN } from './clean-text.js';
import { nameKey } from './respondents.js';
import { normaliseStance, stanceHelp } from './stance.js';

const TYPES: readonly string[] = ['kommun', 'region', 'myndighet', 'organisation', 'övrig'];

class NotUtf8 extends Error {}

/** Bytes of a file, read afresh each time it is called (the reader may restart in another encoding). */
export type ByteSource = () => AsyncIterable<Uint8Array>;

/**
 * Reads a CSV sheet of answers, one per row, streaming. Rows of the same respondent form one
 * response. Swedish Excel exports (`;`, Windows-1252) are recognised. A sheet with one column per
 * question and no text column is read as one answer per answered cell (wide-sheet.ts), its
 * columns named by `questions` (the consultation's).
 */
export async function readCsv(path: string, bytes: ByteSource, sha256: string, sameRespondent: (name: string) => string = nameKey, store?: TextStore, questions: readonly Question[] = []): Promise<ParsedFile> {
  // The byte reader takes well-formed UTF-8 sheets; anything else (see readCsvBytes) is read
  // again from the start by csv-parse, which says what is wrong and where.
  const fast = await readCsvBytes(path, bytes, sha256, sameRespondent, store, questions);
  return fast ?? readCsvParsed(path, bytes, sha256, sameRespondent, store, questions);
}

/** The sheet read by csv-parse (UTF-8, else Windows-1252): every file, including malformed ones. */
export async function readCsvParsed(path: string, bytes: ByteSource, sha256: string, sameRespondent: (name: string) => string = nameKey, store?: TextStore, questions: readonly Question[] = []): Promise<ParsedFile> {
  try {
    return await readCsvAs(path, bytes, sha256, 'utf-8', sameRespondent, store, questions);
  } catch (err) {
    if (!(err instanceof NotUtf8)) throw err;
    const result = await readCsvAs(path, bytes, sha256, 'windows-1252', sameRespondent, store, questions);
    result.diagnostics.unshift(
      diag(path, 1, 1, 'the file is not UTF-8; read it as Windows-1252 (Swedish Excel). Save as "CSV UTF-8" to silence this notice', 'notice'),
    );
    return result;
  }
}

async function* decode(bytes: ByteSource, encoding: 'utf-8' | 'windows-1252'): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  for await (const chunk of bytes()) {
    try {
      yield decoder.decode(chunk, { stream: true });
    } catch {
      throw new NotUtf8();
    }
  }
  try {
    yield decoder.decode();
  } catch {
    throw new NotUtf8();
  }
}

/**
 * CRLF, LF and lone CR all become LF, across chunk boundaries, so that line numbers count what an
 * editor shows whatever mix of endings a file has (Excel on a Mac writes lone CRs).
 */
export async function* unifyNewlines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let carriageReturn = false;
  for await (let text of chunks) {
    if (carriageReturn) text = '\r' + text;
    carriageReturn = text.endsWith('\r');
    if (carriageReturn) text = text.slice(0, -1);
    yield text.replace(/\r\n?/gu, '\n');
  }
  if (carriageReturn) yield '\n';
}

async function readCsvAs(
  path: string,
  bytes: ByteSource,
  sha256: string,
  encoding: 'utf-8' | 'windows-1252',
  sameRespondent: (name: string) => string,
  store?: TextStore,
  questions: readonly Question[] = [],
): Promise<ParsedFile> {
  const result: ParsedFile = { path, format: 'csv', encoding, sha256, responses: [], diagnostics: [] };
  const out = result.diagnostics;
  const chunks = unifyNewlines(decode(bytes, encoding))[Symbol.asyncIterator]();

  // Peek until the first line is complete, to choose the delimiter.
  let head = '';
  let done = false;
  while (!head.includes('\n') && !done) {
    const next = await chunks.next();
    if (next.done) done = true;
    else head += next.value;
  }
  if (head.includes('\u0000')) {
    out.push(diag(path, 1, 1, 'this is a binary file, not a CSV text file; export the sheet as CSV'));
    return result;
  }
  if (head.trim() === '') {
    out.push(diag(path, 1, 1, 'the file is empty; a CSV needs a header row and one row per answer'));
    return result;
  }
  const delimiter = detectDelimiter(head.split('\n')[0]);
  const parser = parse({ delimiter, record_delimiter: '\n', relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true, bom: true });
  // The consumer may stop early (a bad header); then the parser closes and feeding must stop too.
  const closed = once(parser, 'close').catch(() => undefined);
  let newlines = 0;
  let lastChar = '';
  const write = async (text: string) => {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines++;
    if (text) lastChar = text[text.length - 1];
    if (!parser.write(text)) await Promise.race([once(parser, 'drain'), closed]);
  };
  const feeding = (async () => {
    try {
      await write(head);
      while (!parser.destroyed) {
        const next = await chunks.next();
        if (next.done) break;
        if (next.value.includes('\u0000')) throw new Error('binary');
        await write(next.value);
      }
      if (!parser.destroyed) parser.end();
    } catch (err) {
      parser.destroy(err as Error);
    }
  })();

  const sink = new RowSink(path, delimiter, sameRespondent, out, store, questions);
  let lastLine = 0;
  let lastEmpty = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number } }>) {
      const line = lastLine + 1 + (info.empty_lines - lastEmpty);
      lastLine = info.lines;
      lastEmpty = info.empty_lines;
      if (!sink.take(record, line)) break;
    }
  } catch (err) {
    if (err instanceof NotUtf8) throw err;
    const e = err as { code?: string; message: string };
    if (e.message === 'binary') out.push(diag(path, lastLine + 1, 1, 'this is a binary file, not a CSV text file; export the sheet as CSV'));
    else if (e.code === 'CSV_QUOTE_NOT_CLOSED')
      out.push(diag(path, lastLine + 1, 1, 'a quote (") opened in this row is never closed; close it, or double it ("") inside quoted text'));
    else out.push(diag(path, lastLine + 1, 1, `invalid CSV: ${e.message.replace(/\.$/, '')}; fix the row`));
  }
  await feeding;
  sink.finish(Math.max(1, newlines + (lastChar && lastChar !== '\n' ? 1 : 0)));
  result.responses = sink.responses();
  return result;
}

/** The rows of a sheet as they are read: the header first, then each row added to its respondent's response. */
class RowSink {
  header: string[] | undefined;
  private columns: HeaderMap['index'] = {};
  /** The question columns of a sheet with one column per question. */
  private questionColumns: QuestionColumn[] | undefined;
  private readonly groups = new Map<string, RawResponse>();
  private readonly last: LastGroup = {};

  constructor(
    private readonly path: string,
    private readonly delimiter: string,
    private readonly sameRespondent: (name: string) => string,
    private readonly out: Diagnostic[],
    private readonly store?: TextStore,
    private readonly questions: readonly Question[] = [],
  ) {}

  /**
   * The column whose texts the byte reader may hand over as bytes (see take), or -1: only once
   * the header is read, and only to a store that takes bytes.
   */
  bytesColumn(): number {
    return this.header && takesBytes(this.store) && this.columns.text !== undefined ? this.columns.text : -1;
  }

  /**
   * Takes the record that starts on `line`; false when reading must stop (a bad header). With
   * `textBytes`, the text field (bytesColumn, '' in `record`) is those UTF-8 bytes: a clean text
   * (clean-text.ts) that is not empty, with its flags.
   */
  take(record: string[], line: number, textBytes?: Uint8Array, flags = 0): boolean {
    const { path, delimiter, out } = this;
    if (!this.header) {
      // The byte reader fills one array for every row: the header keeps a copy.
      this.header = record = record.slice();
      const mapped = mapSheetHeader(record, this.questions);
      this.columns = mapped.index;
      this.questionColumns = mapped.questions;
      for (const p of mapped.problems) out.push(diag(path, line, colOf(record, p.col - 1, delimiter), p.message, p.severity));
      return !mapped.problems.some((p) => p.severity === 'error');
    }
    if (!textBytes && record.every((c) => c.trim() === '')) return true;
    const header = this.header;
    if (record.length !== header.length) {
      out.push(
        diag(path, line, 1, `this row has ${record.length} field${record.length === 1 ? '' : 's'}, the header has ${header.length}; quote text that contains "${delimiter === '\t' ? '\\t' : delimiter}" or add the missing fields`),
      );
      return true;
    }
    // A text given as bytes is decoded only to place a message after it in the row.
    const textColumn = this.columns.text!;
    const withText = () => (textBytes ? record.map((c, i) => (i === textColumn ? Buffer.from(textBytes).toString('utf8') : c)) : record);
    addRow({ line, at: (field) => ({ file: path, line, col: colOf(field > textColumn ? withText() : record, field, delimiter) }) }, record, this.columns, this.groups, this.sameRespondent, out, this.store, textBytes, flags, this.last, this.questionColumns);
    return true;
  }

  /** The problems of the whole sheet, once it is read; `lines` is how many lines it has. */
  finish(lines: number) {
    const { path, out } = this;
    if (!this.header) out.push(diag(path, 1, 1, 'the file has no header row; the first row must name the columns (respondent, text, …)'));
    else if (this.groups.size === 0 && !out.some((d) => d.severity === 'error')) out.push(diag(path, 2, 1, 'the sheet has a header but no answers; add one row per answer'));
    // A problem found at the end (an unclosed quote, no rows) points at the last line, not past it.
    for (const d of out) if (d.line > lines) Object.assign(d, { line: lines, col: 1 });
  }

  responses(): RawResponse[] {
    return [...this.groups.values()];
  }
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Read again by csv-parse: the byte reader takes only what it reads exactly as csv-parse would. */
class Irregular extends Error {}

/**
 * A sheet read as bytes (about ten times csv-parse's speed): fields split at the delimiter,
 * quoted fields with doubled quotes, CRLF, LF and lone CR line endings (a CR inside a quoted
 * field becomes LF, as unifyNewlines does), a UTF-8 byte-order mark, empty lines skipped, and a
 * row's line where it starts. It returns undefined — and the caller reads the file again with
 * csv-parse — for whatever it does not read exactly as csv-parse does: bytes that are not UTF-8,
 * a NUL byte, a quote inside an unquoted field or text after a closing quote, a quote never
 * closed, a header with an error, no header at all. Those files are small or broken, and their
 * messages and positions stay csv-parse's.
 */
export async function readCsvBytes(path: string, bytes: ByteSource, sha256: string, sameRespondent: (name: string) => string = nameKey, store?: TextStore, questions: readonly Question[] = []): Promise<ParsedFile | undefined> {
  const result: ParsedFile = { path, format: 'csv', encoding: 'utf-8', sha256, responses: [], diagnostics: [] };
  let sink: RowSink | undefined;
  let delimiter = -1;
  // Each chunk is copied after what the chunk before left (a record cut at its end) into one
  // buffer used again and again: a fresh buffer per megabyte cost page faults and garbage
  // collections, and the source may use its chunk's memory again once it is asked for the next.
  let work = Buffer.allocUnsafe(0);
  let carryLength = 0;
  const carryFrom = (view: Buffer) => {
    const from = view.byteOffset - work.byteOffset;
    if (from > 0 && view.length) work.copyWithin(0, from, from + view.length);
    carryLength = view.length;
  };
  let line = 1;
  let newlines = 0;
  let lastByte = -1;
  let start = true;
  try {
    for await (const chunk of bytes()) {
      const need = carryLength + chunk.byteLength;
      if (work.length < need) {
        const bigger = Buffer.allocUnsafe(Math.max(need, work.length * 2, 1 << 16));
        work.copy(bigger, 0, 0, carryLength);
        work = bigger;
      }
      work.set(chunk, carryLength);
      let buf = work.subarray(0, need);
      if (start) {
        if (buf.length < 3 && buf.every((b, i) => b === [0xef, 0xbb, 0xbf][i])) {
          carryFrom(buf);
          continue;
        }
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
        // A second mark is text to TextDecoder and a mark to csv-parse: left to csv-parse.
        if (buf[0] === 0xef && buf[1] === 0xbb && (buf.length < 3 || buf[2] === 0xbf)) throw new Irregular();
        start = false;
      }
      if (delimiter < 0) {
        const eol = firstLineEnd(buf);
        if (eol < 0) {
          carryFrom(buf);
          continue;
        }
        if (!isUtf8(buf.subarray(0, eol))) throw new Irregular();
        const d = detectDelimiter(buf.toString('utf8', 0, eol));
        delimiter = d.charCodeAt(0);
        sink = new RowSink(path, d, sameRespondent, result.diagnostics, store, questions);
      }
      const parsed = parseRecords(buf, delimiter, false, line, sink!);
      line = parsed.line;
      newlines += parsed.newlines;
      if (parsed.used > 0) lastByte = buf[parsed.used - 1];
      carryFrom(buf.subarray(parsed.used));
    }
    const carry = work.subarray(0, carryLength);
    if (start && carry.length) start = false;
    if (carry.length) {
      if (delimiter < 0) {
        if (!isUtf8(carry)) throw new Irregular();
        const d = detectDelimiter(carry.toString('utf8'));
        delimiter = d.charCodeAt(0);
        sink = new RowSink(path, d, sameRespondent, result.diagnostics, store, questions);
      }
      const parsed = parseRecords(carry, delimiter, true, line, sink!);
      newlines += parsed.newlines;
      lastByte = carry[carry.length - 1];
    }
  } catch (err) {
    if (err instanceof Irregular) return undefined;
    throw err;
  }
  if (!sink?.header) return undefined;
  // Lines as an editor counts them: a last line without its newline counts too.
  sink.finish(Math.max(1, newlines + (lastByte >= 0 && lastByte !== LF && lastByte !== CR ? 1 : 0)));
  result.responses = sink.responses();
  return result;
}

/** The offset of the first line ending (LF or CR), or -1: where the old reader cut the line it chose the delimiter from. */
function firstLineEnd(buf: Buffer): number {
  for (let i = 0; i < buf.length; i++) if (buf[i] === LF || buf[i] === CR) return i;
  return -1;
}

/**
 * Parses the complete records of `buf` into the sink; returns how many bytes they took (the rest
 * waits for the next chunk, unless `final`), the line after them and the line endings in them.
 */
function parseRecords(buf: Buffer, delimiter: number, final: boolean, firstLine: number, sink: RowSink): { used: number; line: number; newlines: number } {
  const n = buf.length;
  let line = firstLine;
  let used = 0;
  let pos = 0;
  let newlines = 0;
  // Complete records end at a line ending (or the end of the file): the bytes up to the last
  // line ending hold them all and never end inside a character.
  let last = n - 1;
  if (!final) while (last >= 0 && buf[last] !== LF && buf[last] !== CR) last--;
  if (!isUtf8(buf.subarray(0, last + 1))) throw new Irregular();
  const record: string[] = [];
  // The text field of a row goes to the store as bytes when it needs no unescaping and is clean.
  let textColumn = sink.bytesColumn();
  outer: while (pos < n) {
    let textBytes: Uint8Array | undefined;
    let textFlags = 0;
    const recordLine = line;
    let recordLines = 0;
    // An empty line (a line ending at the start of a record) is skipped.
    const b0 = buf[pos];
    if (b0 === LF || b0 === CR) {
      if (b0 === CR) {
        if (pos + 1 >= n && !final) break;
        pos += buf[pos + 1] === LF ? 2 : 1;
      } else pos++;
      line++;
      newlines++;
      used = pos;
      continue;
    }
    record.length = 0;
    for (;;) {
      // One field, starting at pos.
      if (buf[pos] === QUOTE) {
        let i = pos + 1;
        let hasQuote = false;
        let hasCr = false;
        for (;;) {
          const q = buf.indexOf(QUOTE, i);
          if (q < 0) {
            if (final) throw new Irregular();
            break outer;
          }
          if (q + 1 >= n && !final) break outer;
          if (buf[q + 1] === QUOTE) {
            hasQuote = true;
            i = q + 2;
            continue;
          }
          if (record.length === textColumn && !hasQuote && q > pos + 1 && (textFlags = byteFlags(buf, pos + 1, q)) & ID_CLEAN) {
            // A clean text holds no line ending and no NUL: nothing to count or to refuse.
            textBytes = buf.subarray(pos + 1, q);
            record.push('');
          } else {
            for (let k = pos + 1; k < q; k++) {
              const b = buf[k];
              if (b === LF) recordLines++;
              else if (b === CR) {
                hasCr = true;
                recordLines++;
                if (buf[k + 1] === LF) k++;
              } else if (b === 0) throw new Irregular();
            }
            let value = buf.toString('utf8', pos + 1, q);
            if (hasQuote) value = value.replaceAll('""', '"');
            if (hasCr) value = value.replace(/\r\n?/gu, '\n');
            record.push(value);
          }
          pos = q + 1;
          break;
        }
        const next = buf[pos];
        if (pos < n && next !== delimiter && next !== LF && next !== CR) throw new Irregular();
      } else {
        let i = pos;
        let b = 0;
        while (i < n) {
          b = buf[i];
          if (b === delimiter || b === LF || b === CR) break;
          if (b === QUOTE || b === 0) throw new Irregular();
          i++;
        }
        if (i >= n && !final) break outer;
        if (record.length === textColumn && i > pos && (textFlags = byteFlags(buf, pos, i)) & ID_CLEAN) {
          textBytes = buf.subarray(pos, i);
          record.push('');
        } else record.push(buf.toString('utf8', pos, i));
        pos = i;
      }
      // After a field: a delimiter (another field follows), a line ending or the end of the file.
      if (pos >= n) {
        if (!final) break outer;
        break;
      }
      const b = buf[pos];
      if (b === delimiter) {
        pos++;
        if (pos >= n && !final) break outer;
        continue;
      }
      if (b === CR) {
        if (pos + 1 >= n && !final) break outer;
        pos += buf[pos + 1] === LF ? 2 : 1;
      } else pos++;
      recordLines++;
      break;
    }
    newlines += recordLines;
    line = recordLine + recordLines;
    used = pos;
    if (!sink.take(record, recordLine, textBytes, textFlags)) throw new Irregular();
    if (textColumn < 0) textColumn = sink.bytesColumn();
  }
  return { used, line, newlines };
}

/** Character column where field `index` starts, assuming unquoted fields (good enough to point at it). */
function colOf(record: string[], index: number, delimiter: string): number {
  let col = 1;
  for (let i = 0; i < index && i < record.length; i++) col += record[i].length + delimiter.length;
  return col;
}

/**
 * Kept by a reader of many rows: the group of the row before (a respondent's rows mostly stand
 * together), and one string for each question id (a million answers to "q1" share one).
 */
export interface LastGroup {
  key?: string;
  group?: RawResponse;
  questions?: Map<string, string>;
}

/** Past this many distinct question ids a sheet's ids are not shared (they are not ids). */
const MAX_SHARED_QUESTIONS = 10_000;

/** Where a row stands, and how to point at one of its fields in a message. */
export interface RowPlace {
  line: number;
  /** The place of field `field` (0-based): `file:line:col` for CSV, `file.xlsx:Sheet1!C7` for a workbook. */
  at: (field: number) => { file: string; line: number; col: number };
}

/**
 * Adds one row of a sheet of answers (CSV or a workbook's sheet) to the response of its
 * respondent, checking each cell. With `questions` (a sheet with one column per question) the
 * row's answers are its question cells that are not empty, in column order, each as the row of
 * a sheet with one answer per row would give it.
 */
export function addRow(
  place: RowPlace,
  record: string[],
  columns: Partial<Record<Column, number>>,
  groups: Map<string, RawResponse>,
  sameRespondent: (name: string) => string,
  out: Diagnostic[],
  store?: TextStore,
  textBytes?: Uint8Array,
  textFlags = 0,
  last?: LastGroup,
  questions?: readonly QuestionColumn[],
) {
  const { line } = place;
  const cell = (c: Column) => (columns[c] === undefined ? '' : (record[columns[c]!] ?? '').trim());
  const here = (c: Column) => place.at(columns[c] ?? 0);
  const d = (c: Column, message: string, severity: Diagnostic['severity'] = 'error') => {
    const p = here(c);
    return diag(p.file, p.line, p.col, message, severity);
  };
  const respondent = cell('respondent');
  // Text handed over as bytes (see RowSink.take) is clean and not empty.
  const text = textBytes || questions ? '' : (record[columns.text!] ?? '');
  const answered = questions?.filter((q) => (record[q.column] ?? '').trim());
  let ok = true;
  if (!respondent) {
    out.push(d('respondent', 'the respondent is empty; every row needs the name of who answered'));
    ok = false;
  }
  if (answered) {
    if (!answered.length) {
      // Unanswered questions are no error; a row that answers none is told, as it adds nothing.
      if (respondent) out.push(d('respondent', `${respondent} answered none of the question columns on this row; it adds no response: write the answers, or remove the row`, 'warning'));
      return;
    }
  } else if (!textBytes && !text.trim()) {
    out.push(d('text', 'the answer text is empty; remove the row or write the answer'));
    ok = false;
  }
  const key = sameRespondent(respondent);
  let group = last && last.key === key ? last.group : groups.get(key);
  let stored = group !== undefined;
  if (!group) {
    group = { line, col: 1, respondent, answers: [], reservations: [] };
    if (ok) {
      groups.set(key, group);
      stored = true;
    }
  }
  if (last && stored) {
    last.key = key;
    last.group = group;
  }
  const date = cell('date');
  if (date) {
    const iso = parseDate(date);
    if (!iso) out.push(d('date', `"${date}" is not a real date; write YYYY-MM-DD (2016-02-15) or D/M/YYYY (15/2/2016)`));
    else setOnce(group, 'date', iso, () => here('date'), out);
  }
  const stance = cell('stance');
  if (stance) {
    const s = normaliseStance(stance);
    if (!s) out.push(d('stance', `unknown stance "${stance}"; ${stanceHelp()}`));
    else {
      setOnce(group, 'stance', s, () => here('stance'), out);
      if (s !== stance && group.stance === s) group.stanceText ??= stance;
    }
  }
  const reference = cell('reference');
  if (reference) setOnce(group, 'reference', reference, () => here('reference'), out);
  const type = cell('type').toLowerCase();
  if (type) {
    if (!TYPES.includes(type)) out.push(d('type', `unknown type "${cell('type')}"; accepted: ${TYPES.join(', ')}`));
    else setOnce(group, 'type', type as RespondentType, () => here('type'), out);
  }
  if (answered) {
    addAnswers(place, record, answered, group, respondent, ok, out, store);
    return;
  }
  let question = cell('question') || undefined;
  if (question && last) {
    const shared = (last.questions ??= new Map()).get(question);
    if (shared !== undefined) question = shared;
    else if (last.questions.size < MAX_SHARED_QUESTIONS) last.questions.set(question, question);
  }
  const first = question ? answeredOn(group, question) : undefined;
  if (first !== undefined) {
    out.push(d('question', `duplicate question id "${question}" for ${respondent} (first on line ${first}); each question may be answered once per respondent`));
  }
  if (!ok) return;
  const answer: RawResponse['answers'][number] = textBytes ? setTextBytes({ line, col: 1 }, textBytes, textFlags, store!) : setText({ line, col: 1 }, text, store);
  if (question) {
    answer.question = question;
    noteAnswered(group, question, line);
  }
  if (columns.themes !== undefined) {
    const themes = splitThemes(cell('themes'));
    const bad = themes.find((t) => !/^[a-z0-9][a-z0-9-]*$/.test(t));
    if (bad) out.push(d('themes', `"${bad}" is not a theme id; use ids such as self-government, separated by ; , or |`));
    answer.themes = themes;
  }
  group.answers.push(answer);
}

/** The answers of a row of a sheet with one column per question (see addRow): one per answered question cell. */
function addAnswers(place: RowPlace, record: string[], answered: readonly QuestionColumn[], group: RawResponse, respondent: string, ok: boolean, out: Diagnostic[], store?: TextStore) {
  const { line } = place;
  for (const q of answered) {
    const at = place.at(q.column);
    const first = answeredOn(group, q.id);
    if (first !== undefined) out.push(diag(at.file, at.line, at.col, `duplicate question id "${q.id}" for ${respondent} (first on line ${first}); each question may be answered once per respondent`));
    if (!ok) continue;
    // A CSV places the answer at its field; a workbook's place names the cell, and its column is the field's number.
    const answer: RawResponse['answers'][number] = setText({ line, col: at.col || q.column + 1 }, record[q.column], store);
    answer.question = q.id;
    noteAnswered(group, q.id, line);
    group.answers.push(answer);
  }
}

/**
 * The question ids a respondent answered, and on which line: a list of pairs on the response
 * itself while it is short (most respondents answer a few questions), a Map past SHORT pairs so
 * that a sheet of many rows for one respondent stays linear. (A WeakMap of a Map per response
 * was a tenth of the garbage collector's work at a million answers.)
 */
const ANSWERED = Symbol('answered questions');
const SHORT = 16;
type Answered = RawResponse & { [ANSWERED]?: (string | number)[] | Map<string, number> };

function answeredOn(group: RawResponse, question: string): number | undefined {
  const seen = (group as Answered)[ANSWERED];
  if (seen === undefined) return undefined;
  if (seen instanceof Map) return seen.get(question);
  for (let i = 0; i < seen.length; i += 2) if (seen[i] === question) return seen[i + 1] as number;
  return undefined;
}

function noteAnswered(group: RawResponse, question: string, line: number): void {
  const g = group as Answered;
  const seen = g[ANSWERED];
  if (seen === undefined) g[ANSWERED] = [question, line];
  else if (seen instanceof Map) seen.set(question, line);
  else if (seen.includes(question)) seen[seen.indexOf(question) + 1] = line;
  else if (seen.length < SHORT * 2) seen.push(question, line);
  else {
    const map = new Map<string, number>();
    for (let i = 0; i < seen.length; i += 2) map.set(seen[i] as string, seen[i + 1] as number);
    g[ANSWERED] = map.set(question, line);
  }
}

function setOnce<K extends 'date' | 'stance' | 'reference' | 'type'>(
  group: RawResponse,
  key: K,
  value: NonNullable<RawResponse[K]>,
  place: () => { file: string; line: number; col: number },
  out: Diagnostic[],
) {
  if (group[key] === undefined) group[key] = value;
  else if (group[key] !== value) {
    const at = place();
    out.push(diag(at.file, at.line, at.col, `${key} "${value}" differs from "${group[key]}" given on an earlier row for ${group.respondent}; the first is kept`, 'warning'));
  }
}
