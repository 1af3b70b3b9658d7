import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { append, diag, didYouMean, type Diagnostic } from '../../core/diagnostics.js';
import { readDocument, type DocumentContext, type DocumentFacts, type DocumentFormat, type DocumentReport } from '../../core/documents/document.js';
import { parseManifestCsv, parseManifestYaml, parseSidecar, type Manifest } from '../../core/documents/facts.js';
import { layoutLines } from '../../core/documents/pdf-layout.js';
import { textLines } from '../../core/documents/text-lines.js';
import type { DocLine } from '../../core/documents/types.js';
import type { ParsedFile } from '../../core/ingest/raw.js';
import type { FactsFile, UnreadableReason } from '../../core/model.js';
import { isRegularFile } from '../files/fsx.js';
import { displayPath } from '../files/paths.js';
import { findSidecar } from './sidecars.js';
import { extract, EXTRACTED, type Extracted } from './extract.js';
import { shellQuote } from './pdf.js';
import { OverLimit, Unreadable } from './read-errors.js';

export const DOCUMENT_EXTENSIONS = ['.pdf', '.docx', '.odt', '.rtf', '.txt', '.md'];

/** A page at least this much covered by images, with no text in its body, is a scanned page. */
const SCANNED_COVER = 0.2;

/** Names of manifests found in a folder of documents. */
export const MANIFEST_NAMES = ['manifest.yaml', 'manifest.yml', 'manifest.csv'];

/** Manifests by folder (absolute), read once each. */
export class Manifests {
  private readonly byFolder = new Map<string, { folder: string; path: string; manifest: Manifest } | null>();
  readonly diagnostics: Diagnostic[] = [];
  private readonly explicit: { folder: string; path: string; manifest: Manifest }[] = [];
  /** Rows that named a document read, by manifest path and row file. */
  private readonly used = new Set<string>();

  constructor(explicit?: string) {
    if (explicit) {
      const m = this.read(resolve(explicit));
      if (m) this.explicit.push({ folder: dirname(resolve(explicit)), ...m });
    }
  }

  private read(path: string): { path: string; manifest: Manifest } | undefined {
    const shown = displayPath(path);
    if (!existsSync(path)) {
      this.diagnostics.push(diag(shown, 0, 0, 'no such manifest; check the path given with --manifest'));
      return undefined;
    }
    if (!isRegularFile(path)) {
      this.diagnostics.push(diag(shown, 0, 0, 'is a folder (or a pipe), not a manifest; give the manifest file itself (CSV or YAML)'));
      return undefined;
    }
    const text = readFileSync(path, 'utf8');
    const parsed = /\.csv$/i.test(path) ? parseManifestCsv(shown, text) : parseManifestYaml(shown, text);
    append(this.diagnostics, parsed.diagnostics);
    return { path: shown, manifest: parsed.manifest };
  }

  /** The manifest in a folder (absolute), if there is one. */
  inFolder(folder: string): { path: string; manifest: Manifest } | undefined {
    if (!this.byFolder.has(folder)) {
      const name = MANIFEST_NAMES.find((n) => isRegularFile(join(folder, n)));
      const m = name ? this.read(join(folder, name)) : undefined;
      this.byFolder.set(folder, m ? { folder, ...m } : null);
    }
    return this.byFolder.get(folder) ?? undefined;
  }

  /** Facts for a document: from --manifest, else from a manifest in its folder or a folder above it (up to the workspace). */
  factsFor(file: string): { from: string; facts: DocumentFacts; file: string } | undefined {
    const abs = resolve(file);
    for (const e of this.explicit) {
      const key = relative(e.folder, abs).split(sep).join('/');
      const hit = e.manifest.get(key);
      if (hit) {
        this.used.add(`${e.path}\u0000${key}`);
        return { from: `manifest ${e.path}:${hit.line}`, facts: hit.facts, file: e.path };
      }
    }
    const top = process.cwd();
    for (let folder = dirname(abs); ; folder = dirname(folder)) {
      const m = this.inFolder(folder);
      const key = relative(folder, abs).split(sep).join('/');
      const hit = m?.manifest.get(key);
      if (m && hit) {
        this.used.add(`${m.path}\u0000${key}`);
        return { from: `manifest ${m.path}:${hit.line}`, facts: hit.facts, file: m.path };
      }
      if (folder === top || !folder.startsWith(top) || dirname(folder) === folder) return undefined;
    }
  }

  /** Every manifest read, in path order (the corpus records them: editing one makes it stale). */
  files(): string[] {
    const all = new Set([...this.explicit.map((e) => e.path), ...[...this.byFolder.values()].flatMap((m) => (m ? [m.path] : []))]);
    return [...all].sort();
  }

  /**
   * Rows that named no document read. A row's facts (a position, a respondent) are what the
   * analyst stated; one that silently applies to nothing leaves the document with the opposite
   * of what was meant. A row naming a document that exists but was not among this run's inputs
   * (an ingest of some files only) is left alone; a row naming no file, or a file dialog does not
   * read as a document, is an error with the nearest document's name.
   */
  unmatched(documents: string[]): Diagnostic[] {
    const out: Diagnostic[] = [];
    const manifests = [...this.explicit, ...[...this.byFolder.values()].filter((m) => m !== null)];
    const seen = new Set<string>();
    for (const m of manifests) {
      if (seen.has(m.path)) continue;
      seen.add(m.path);
      const candidates = documents.map((d) => relative(m.folder, resolve(d)).split(sep).join('/')).filter((r) => !r.startsWith('..'));
      for (const [file, row] of m.manifest) {
        if (this.used.has(`${m.path}\u0000${file}`)) continue;
        const abs = resolve(m.folder, file);
        const at = { line: row.line, col: row.col ?? 1 };
        if (!existsSync(abs)) {
          const unused = candidates.filter((c) => !this.used.has(`${m.path}\u0000${c}`));
          // The same name with another extension or case ("brev.pdf" for "brev.docx") first.
          const stem = (f: string) => f.toLowerCase().replace(/\.[^./]+$/u, '');
          const sameStem = unused.filter((c) => stem(c) === stem(file));
          const hint = (sameStem.length === 1 ? ` (did you mean "${sameStem[0]}"?)` : '') || didYouMean(file, unused) || didYouMean(file, candidates);
          out.push(diag(m.path, at.line, at.col, `"${file}" names no document${hint}; the row's facts would apply to nothing: fix the file name (relative to the manifest's folder) or remove the row`));
        } else if (!DOCUMENT_EXTENSIONS.includes(extname(file).toLowerCase()))
          out.push(diag(m.path, at.line, at.col, `"${file}" is not a document dialog reads (${DOCUMENT_EXTENSIONS.join(', ')}); a manifest gives facts about documents: remove the row, or save the file as PDF or Word`));
      }
    }
    return out;
  }
}

function decodeText(bytes: Buffer, shown: string, out: Diagnostic[]): { text: string; encoding: 'utf-8' | 'windows-1252' } | undefined {
  if (bytes.subarray(0, 8192).includes(0)) {
    out.push(diag(shown, 0, 0, 'is a binary file, not text; save the document as plain text (UTF-8), or give the PDF or Word file'));
    return undefined;
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    out.push(diag(shown, 1, 1, 'the file is not UTF-8; read it as Windows-1252. Save it as UTF-8 to silence this notice', 'notice'));
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** Documents in formats dialog does not read: recorded as unreadable and named in reports, never skipped. */
export const UNREAD_DOCUMENT_EXTENSIONS: Record<string, string> = {
  '.doc': 'an old Word document (.doc)',
  '.pages': 'an Apple Pages document',
  '.wpd': 'a WordPerfect document',
  '.wps': 'a Microsoft Works document',
};

/**
 * The diagnostic for a document that is not read: a warning (the file is recorded as unreadable
 * and the reports name it), or with --strict an error; `advice` says how to make it readable.
 */
function notRead(shown: string, what: string, advice: string, strict: boolean): Diagnostic {
  const outcome = strict ? ' (refused: --strict)' : '; it is recorded as unreadable, and the reports name it';
  return diag(shown, 0, 0, `${what}${outcome}. To read it, ${advice}`, strict ? 'error' : 'warning');
}

const OCR_ADVICE = (shown: string, redo: boolean) =>
  `run OCR on it in place (ocrmypdf replaces the file only when it succeeds; -l swe needs Tesseract's Swedish data, for example the package tesseract-ocr-swe): ocrmypdf -l swe${redo ? ' --redo-ocr' : ''} ${shellQuote(shown)} ${shellQuote(shown)}, then run the ingest again`;

/**
 * Reads one document (PDF, Word, OpenDocument, RTF, plain text or Markdown) as one response. A
 * document that cannot be read (a scan without text, an encrypted or damaged file, a format
 * dialog does not read) is recorded as unreadable with a warning naming the file and what to do
 * (an error under --strict); the run goes on, so that every such problem is listed at once.
 */
export async function parseDocumentFile(
  path: string,
  shown: string,
  ext: string,
  bytes: Buffer,
  sha256: string,
  ctx: Omit<DocumentContext, 'facts'>,
  manifests: Manifests,
  strict = false,
  /** The document read ahead on a worker thread (see document-pool.ts): undefined, or resolving to undefined, to read it here. */
  readAhead?: Promise<Extracted | undefined>,
): Promise<{ parsed: ParsedFile; report?: DocumentReport }> {
  const unread = UNREAD_DOCUMENT_EXTENSIONS[ext];
  const format = (unread ? 'other' : ext.slice(1)) as DocumentFormat | 'other';
  const parsed: ParsedFile = { path: shown, format, encoding: 'utf-8', sha256, size: bytes.length, responses: [], diagnostics: [] };
  const out = parsed.diagnostics;
  const { facts, read } = gatherFacts(path, manifests, out);
  if (read.length) parsed.facts = read;
  const unreadable = (reason: UnreadableReason, what: string, advice: string) => {
    out.push(notRead(shown, what, advice, strict));
    parsed.unreadable = reason;
    return { parsed };
  };
  if (unread) {
    const dir = dirname(shown) === '.' ? '.' : dirname(shown);
    return unreadable(
      'format',
      `is ${unread}, which dialog does not read`,
      `save it as .docx, .odt or PDF beside it (for example: soffice --headless --convert-to docx --outdir ${shellQuote(dir)} ${shellQuote(shown)}), move ${shellQuote(shown)} out of the inputs, and run the ingest again`,
    );
  }
  let lines: DocLine[];
  let pages: number | undefined;
  let furniture: string[] | undefined;
  try {
    const got = EXTRACTED.includes(ext) ? ((await readAhead) ?? (await extract(ext, bytes, shown))) : undefined;
    if (got?.format === 'pdf') {
      const items = got.pages;
      pages = items.length;
      const textless = items.every((p) => !p.items.some((it) => it.text.trim()));
      if (textless) {
        if (items.some((p) => (p.imageCover ?? 0) >= SCANNED_COVER)) return unreadable('scanned', 'has no text layer (a scanned document)', OCR_ADVICE(shown, false));
        return unreadable('no-text', 'has no text (no text layer and no scanned image)', 'export it again as PDF from the original (or ask the sender for a copy with text), put it in place of this file, and run the ingest again');
      }
      // A scanned page is an image with no text over it (at most a header or footer added later);
      // a page with only a signature and a footer is a page of the letter, not a scan.
      const scanned = items.map((p, i) => ((p.imageCover ?? 0) >= SCANNED_COVER ? i + 1 : 0)).filter(Boolean);
      // A scan that a diary system stamped with a text line ("Inkom 2027-03-01, Dnr …") is still a scan.
      if (scanned.length === items.length) return unreadable('scanned', 'is a scanned document (its pages are images, with text only in a header or footer)', OCR_ADVICE(shown, true));
      if (scanned.length)
        out.push(
          diag(
            shown,
            0,
            0,
            `${scanned.length === 1 ? 'page' : 'pages'} ${scanned.join(', ')} of ${pages} ${scanned.length === 1 ? 'is a scanned image' : 'are scanned images'} without text, so ${scanned.length === 1 ? 'its' : 'their'} content is not read. To read ${scanned.length === 1 ? 'it' : 'them'}, ${OCR_ADVICE(shown, true)}`,
            'warning',
          ),
        );
      lines = layoutLines(items);
    } else if (got) {
      if (got.format === 'docx') for (const w of got.warnings) out.push(diag(shown, 0, 0, `Word: ${w}`, 'warning'));
      ({ lines, furniture } = got);
    } else {
      const decoded = decodeText(bytes, shown, out);
      if (!decoded) return { parsed };
      parsed.encoding = decoded.encoding;
      lines = textLines(decoded.text, format === 'md');
    }
  } catch (err) {
    if (err instanceof Unreadable) return unreadable(err.reason, err.what, err.advice);
    if (err instanceof OverLimit) {
      out.push(diag(shown, 0, 0, err.message));
      return { parsed };
    }
    throw err;
  }
  if (!lines.length) {
    if (format === 'pdf') return unreadable('no-text', 'has no text', `if it is a scan, ${OCR_ADVICE(shown, false)}`);
    // A document that holds bytes but no text (`{\rtf1`, an .odt of pictures) is not "empty".
    out.push(diag(shown, 0, 0, bytes.length > 0 && format !== 'txt' && format !== 'md' ? 'the document has no text; it must hold the text of the response' : 'the file is empty; it must hold the text of the response'));
    return { parsed };
  }
  const doc = readDocument({ path: shown, format: format as DocumentFormat, lines, ...(pages !== undefined ? { pages } : {}), ...(furniture?.length ? { furniture } : {}) }, { ...ctx, facts });
  append(out, doc.diagnostics);
  if (doc.response) parsed.responses.push(doc.response);
  return { parsed, report: doc.report };
}

/**
 * The facts a manifest row and a sidecar state about a document, and the files they came from
 * (recorded in the corpus, so that editing one makes it stale): read for every document, an
 * unreadable one too.
 */
function gatherFacts(path: string, manifests: Manifests, out: Diagnostic[]): { facts: NonNullable<DocumentContext['facts']>; read: FactsFile[] } {
  const facts: NonNullable<DocumentContext['facts']> = [];
  const fromManifest = manifests.factsFor(path);
  const read: FactsFile[] = [];
  if (fromManifest) {
    facts.push({ from: fromManifest.from, facts: fromManifest.facts });
    read.push({ path: fromManifest.file, sha256: createHash('sha256').update(readFileSync(resolve(fromManifest.file))).digest('hex') });
  }
  const found = findSidecar(path);
  append(out, found.diagnostics);
  const sidecar = found.path;
  if (sidecar) {
    const shownSidecar = displayPath(sidecar);
    const content = readFileSync(sidecar);
    read.push({ path: shownSidecar, sha256: createHash('sha256').update(content).digest('hex') });
    const s = parseSidecar(shownSidecar, content.toString('utf8'));
    append(out, s.diagnostics);
    if (s.facts) facts.push({ from: `sidecar ${shownSidecar}`, facts: s.facts });
  }
  return { facts, read };
}
