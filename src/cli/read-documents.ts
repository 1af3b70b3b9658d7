import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { append, diag, type Diagnostic } from '../core/diagnostics.js';
import { readDocument, type DocumentContext, type DocumentFacts, type DocumentFormat, type DocumentReport } from '../core/documents/document.js';
import { parseManifestCsv, parseManifestYaml, parseSidecar, type Manifest } from '../core/documents/facts.js';
import { htmlLines } from '../core/documents/html-lines.js';
import { layoutLines } from '../core/documents/pdf-layout.js';
import { textLines } from '../core/documents/text-lines.js';
import type { DocLine } from '../core/documents/types.js';
import type { ParsedFile } from '../core/ingest/raw.js';
import type { FactsFile } from '../core/model.js';
import { displayPath, isRegularFile } from './fsx.js';
import { findSidecar } from './sidecars.js';
import { docxHtml } from './readers/docx.js';
import { pdfPages, Unreadable } from './readers/pdf.js';

export const DOCUMENT_EXTENSIONS = ['.pdf', '.docx', '.txt', '.md'];

/** Names of manifests found in a folder of documents. */
export const MANIFEST_NAMES = ['manifest.yaml', 'manifest.yml', 'manifest.csv'];

/** Manifests by folder (absolute), read once each. */
export class Manifests {
  private readonly byFolder = new Map<string, { path: string; manifest: Manifest } | null>();
  readonly diagnostics: Diagnostic[] = [];
  private readonly explicit: { folder: string; path: string; manifest: Manifest }[] = [];

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

  private inFolder(folder: string): { path: string; manifest: Manifest } | undefined {
    if (!this.byFolder.has(folder)) {
      const name = MANIFEST_NAMES.find((n) => isRegularFile(join(folder, n)));
      this.byFolder.set(folder, name ? (this.read(join(folder, name)) ?? null) : null);
    }
    return this.byFolder.get(folder) ?? undefined;
  }

  /** Facts for a document: from --manifest, else from a manifest in its folder or a folder above it (up to the workspace). */
  factsFor(file: string): { from: string; facts: DocumentFacts; file: string } | undefined {
    const abs = resolve(file);
    for (const e of this.explicit) {
      const hit = e.manifest.get(relative(e.folder, abs).split(sep).join('/'));
      if (hit) return { from: `manifest ${e.path}:${hit.line}`, facts: hit.facts, file: e.path };
    }
    const top = process.cwd();
    for (let folder = dirname(abs); ; folder = dirname(folder)) {
      const m = this.inFolder(folder);
      const hit = m?.manifest.get(relative(folder, abs).split(sep).join('/'));
      if (m && hit) return { from: `manifest ${m.path}:${hit.line}`, facts: hit.facts, file: m.path };
      if (folder === top || !folder.startsWith(top) || dirname(folder) === folder) return undefined;
    }
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

/**
 * Reads one document (PDF, Word, plain text or Markdown) as one response. A file that cannot be
 * read (a scan without text, an encrypted or broken file) gives an error naming the file and what
 * to do; the run goes on, so that every such problem is listed at once.
 */
export async function parseDocumentFile(
  path: string,
  shown: string,
  ext: string,
  bytes: Buffer,
  sha256: string,
  ctx: Omit<DocumentContext, 'facts'>,
  manifests: Manifests,
): Promise<{ parsed: ParsedFile; report?: DocumentReport }> {
  const format = ext.slice(1) as DocumentFormat;
  const parsed: ParsedFile = { path: shown, format, encoding: 'utf-8', sha256, size: bytes.length, responses: [], diagnostics: [] };
  const out = parsed.diagnostics;
  let lines: DocLine[];
  let pages: number | undefined;
  let furniture: string[] | undefined;
  try {
    if (format === 'pdf') {
      const items = await pdfPages(bytes, shown);
      pages = items.length;
      const empty = items.map((p, i) => (p.items.some((it) => it.text.trim()) ? 0 : i + 1)).filter(Boolean);
      // A page with text only in its header and footer holds an image in between: a scanned page.
      const bodyless = items
        .map((p, i) => (p.items.some((it) => it.text.trim() && it.y > p.height * 0.12 && it.y < p.height * 0.88) ? 0 : i + 1))
        .filter(Boolean);
      if (empty.length === items.length) {
        const stem = basename(shown).replace(/\.pdf$/i, '');
        out.push(diag(shown, 0, 0, `has no text layer (a scanned document); run OCR first, for example ocrmypdf ${shown} ${stem}-ocr.pdf, and ingest that`));
        return { parsed };
      }
      if (bodyless.length && bodyless.length < items.length)
        out.push(diag(shown, 0, 0, `${bodyless.length === 1 ? 'page' : 'pages'} ${bodyless.join(', ')} of ${pages} ${bodyless.length === 1 ? 'has' : 'have'} no text (a scanned or image-only page), so ${bodyless.length === 1 ? 'its' : 'their'} content is not read; run OCR (ocrmypdf) on the file to include it`, 'warning'));
      lines = layoutLines(items);
    } else if (format === 'docx') {
      const { html, warnings, furniture: outside } = await docxHtml(bytes);
      for (const w of warnings) out.push(diag(shown, 0, 0, `Word: ${w}`, 'warning'));
      lines = htmlLines(html);
      furniture = outside;
    } else {
      const decoded = decodeText(bytes, shown, out);
      if (!decoded) return { parsed };
      parsed.encoding = decoded.encoding;
      lines = textLines(decoded.text, format === 'md');
    }
  } catch (err) {
    if (err instanceof Unreadable) {
      out.push(diag(shown, 0, 0, err.message));
      return { parsed };
    }
    throw err;
  }
  if (!lines.length) {
    out.push(diag(shown, 0, 0, format === 'pdf' ? 'has no text; if it is a scan, run OCR first (ocrmypdf)' : 'the file is empty; it must hold the text of the response'));
    return { parsed };
  }
  const facts: DocumentContext['facts'] = [];
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
  const doc = readDocument({ path: shown, format, lines, ...(pages !== undefined ? { pages } : {}), ...(furniture?.length ? { furniture } : {}) }, { ...ctx, facts });
  append(out, doc.diagnostics);
  if (doc.response) parsed.responses.push(doc.response);
  if (read.length) parsed.facts = read;
  return { parsed, report: doc.report };
}
