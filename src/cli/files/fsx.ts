import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, createReadStream, existsSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { diag, didYouMean, type Diagnostic } from '../../core/diagnostics.js';
import { terminalSafe } from '../../core/text/safe-text.js';
import { displayPath, realPath, shownPath, workspaceRoot } from './paths.js';
import { loadWorkspace } from '../workspace/workspace.js';
import { SHEET_EXTENSIONS, UNREAD_SHEET_EXTENSIONS } from '../readers/sheet-formats.js';

/** The files dialog reads. */
export const READ_EXTENSIONS = ['.yaml', '.yml', '.csv', '.tsv', ...SHEET_EXTENSIONS, '.pdf', '.docx', '.odt', '.rtf', '.txt', '.md'];
/**
 * Files dialog cannot read but never skips: documents, each recorded as unreadable with how to
 * convert it, and spreadsheets (.xls, .numbers …), each an error.
 */
export const UNREAD_EXTENSIONS = ['.doc', '.pages', '.wpd', '.wps', ...Object.keys(UNREAD_SHEET_EXTENSIONS)];
export const INPUT_EXTENSIONS = [...READ_EXTENSIONS, ...UNREAD_EXTENSIONS];

/** Read beside documents, never as responses: `x.pdf.yaml` (a sidecar) and `manifest.yaml|yml|csv`. */
export function isDocumentCompanion(name: string): boolean {
  const lower = name.toLowerCase();
  if (['manifest.yaml', 'manifest.yml', 'manifest.csv'].includes(lower)) return true;
  return /\.(?:pdf|docx|odt|rtf|txt|md|doc|pages|wpd|wps)\.ya?ml$/.test(lower);
}

/** `inner` is `outer` or lies inside it (both real paths). */
export function isInside(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);
}

/** A regular file (after links): the only kind dialog opens, so that a pipe or device never blocks a run. */
export function isRegularFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** What a file that is not a regular file is, for messages. */
function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** The name of a file that dialog would read as a response, or beside one (a sidecar, a manifest), in an input folder. */
export function isReadInInputFolder(name: string): boolean {
  if (name.startsWith('.') || isWorkspaceFile(name)) return false;
  return isDocumentCompanion(name) || INPUT_EXTENSIONS.includes(extname(name).toLowerCase());
}

const SIDECAR = /\.(?:pdf|docx|txt|md)\.ya?ml$/i;

/**
 * Expands files and folders to input files (sorted), reporting names that do not exist. Only
 * regular files are read (a pipe in a folder would block the run). Links in a folder are followed
 * when they stay inside the workspace or the folder given (each folder once: a loop guard); a link
 * that leads elsewhere is a warning and is not read, unless it is given by name. A file reached
 * twice (a link beside its target) is read once. A sidecar whose document is not there is an error.
 */
export function expandInputs(inputs: string[]): { files: string[]; diagnostics: Diagnostic[] } {
  const files = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const outputs = ownOutputs();
  const root = realPath(workspaceRoot());
  const walked = new Set<string>();
  /** Real path → the path it is read under, and whether that path is a link. */
  const byReal = new Map<string, { path: string; link: boolean }>();
  const twice: { path: string; real: string; link: boolean }[] = [];
  const add = (path: string, real: string, link: boolean) => {
    const seen = byReal.get(real);
    if (seen?.path === path) return;
    if (!seen) byReal.set(real, { path, link });
    else if (seen.link && !link) {
      twice.push({ ...seen, real });
      byReal.set(real, { path, link });
    } else twice.push({ path, real, link });
  };
  const walk = (dir: string, top: string) => {
    const realDir = realPath(dir);
    if (walked.has(realDir)) return;
    walked.add(realDir);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      diagnostics.push(diag(displayPath(dir), 0, 0, `cannot read this folder: ${reasonFor(err)}`));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    const names = entries.map((e) => e.name);
    let lower: Set<string> | undefined;
    const has = (name: string) => (lower ??= new Set(names.map((n) => n.toLowerCase()))).has(name.toLowerCase());
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      let real = join(realDir, entry.name);
      let st: Stats | undefined;
      const link = entry.isSymbolicLink();
      if (link) {
        try {
          real = realpathSync(full);
          st = statSync(real);
        } catch (err) {
          diagnostics.push(diag(displayPath(full), 0, 0, `skipped: a link that leads nowhere (${reasonFor(err)})`, 'warning'));
          continue;
        }
        if (!isInside(real, root) && !isInside(real, top)) {
          diagnostics.push(diag(displayPath(full), 0, 0, `skipped: a link to ${real}, outside the workspace; it is not read (give it by name to read it)`, 'warning'));
          continue;
        }
      }
      const isDir = st ? st.isDirectory() : entry.isDirectory();
      const isFile = st ? st.isFile() : entry.isFile();
      if (isDir) {
        walk(full, top);
        continue;
      }
      if (!isFile) {
        // A sidecar beside its document is told about when the document is read.
        const toldLater = SIDECAR.test(entry.name) && has(entry.name.replace(/\.ya?ml$/i, ''));
        if (isReadInInputFolder(entry.name) && !toldLater) diagnostics.push(diag(displayPath(full), 0, 0, `skipped: ${kindOf(st ?? lstatSync(full))}, not a file; only regular files are read`, 'warning'));
        continue;
      }
      if (isDocumentCompanion(entry.name)) {
        if (SIDECAR.test(entry.name) && !has(entry.name.replace(/\.ya?ml$/i, ''))) orphanSidecar(full, entry.name, names, diagnostics);
        continue;
      }
      if (isWorkspaceFile(entry.name)) continue;
      const own = outputs.get(real);
      if (own) diagnostics.push(diag(displayPath(full), 0, 0, `skipped: ${own} in dialog.config.yaml), not a response`, 'notice'));
      else if (INPUT_EXTENSIONS.includes(extname(entry.name).toLowerCase())) add(full, real, link);
      else diagnostics.push(diag(displayPath(full), 0, 0, `skipped: not a response file (dialog reads ${READ_EXTENSIONS.join(', ')})`, 'notice'));
    }
  };
  for (const input of inputs) {
    if (input === '-') {
      files.add(input);
      continue;
    }
    let st: Stats;
    try {
      st = statSync(input);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      diagnostics.push(diag(displayPath(input), 0, 0, code === 'ENOENT' ? 'no such file or folder; check the path' : `cannot read: ${reasonFor(err)}`));
      continue;
    }
    if (st.isDirectory()) walk(input, realPath(input));
    else if (st.isFile()) add(input, realPath(input), false);
    else diagnostics.push(diag(displayPath(input), 0, 0, `is ${kindOf(st)}, not a file; dialog reads regular files (use - to read standard input)`));
  }
  for (const { path } of byReal.values()) files.add(path);
  for (const t of twice)
    diagnostics.push(diag(displayPath(t.path), 0, 0, `skipped: the same file as ${displayPath(byReal.get(t.real)!.path)}${t.link ? ' (a link to it)' : ''}, read once`, 'notice'));
  return { files: [...files].sort(), diagnostics };
}

/**
 * dialog's own outputs, by real path, with their names under `outputs` in dialog.config.yaml:
 * never read as responses, wherever they lie (a report written among the inputs before this rule,
 * or by hand, is not a respondent). A config that does not load gives none; the command says why.
 */
function ownOutputs(): Map<string, string> {
  const found = new Map<string, string>();
  try {
    const ws = loadWorkspace();
    for (const [name, file] of Object.entries(ws.outputs)) found.set(realPath(file), `a report of this workspace (outputs: ${name}`);
    for (const key of ['review', 'labels', 'audit'] as const) if (ws[key]) found.set(realPath(ws[key]), `the ${key} file of this workspace (${key}:`);
  } catch {
    // reported by the command that loads the workspace
  }
  return found;
}

/** A sidecar (`x.pdf.yaml`) whose document is not in its folder: its facts would be lost without a word. */
function orphanSidecar(full: string, name: string, names: string[], out: Diagnostic[]): void {
  const documents = names.filter((n) => /\.(?:pdf|docx|txt|md)$/i.test(n));
  out.push(
    diag(
      displayPath(full),
      0,
      0,
      `a sidecar for ${name.replace(/\.ya?ml$/i, '')}, which is not in this folder, so its facts would be lost; name it after its document (document name + .yaml)${didYouMean(name, documents.map((d) => `${d}${extname(name)}`))}`,
    ),
  );
}

/** Files that configure a workspace rather than hold responses. */
function isWorkspaceFile(name: string): boolean {
  return ['dialog.config.yaml', 'register.yaml', 'codebook.yaml', 'remiss.yaml'].includes(basename(name));
}

export async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  yield* createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>;
}

function tempPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** A failed write, told as what it is: the path and the reason, exit 1, never a bug report. */
export class WriteError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot write ${shownPath(path)}: ${reason}`);
    this.name = 'WriteError';
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EISDIR: 'it is a folder; give a file name',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'something is in the way (a file where a folder is needed)',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EIO: 'an input/output error of the device',
  EFBIG: 'the file is larger than the system allows (a file size limit, ulimit -f)',
  ELOOP: 'the path goes round in a loop of links',
  ENOENT: 'no such file or folder',
  ENXIO: 'no such device, or no one reads the pipe',
  EBUSY: 'the file is in use',
  ETXTBSY: 'the file is in use',
};

/** A sentence for an errno, where one is known: people read messages, not ENOTDIR. */
export function reasonFor(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code && REASONS[e.code]) return REASONS[e.code];
  return e?.code ? `${e.code} (${e.message})` : String(e?.message ?? err);
}

function writeError(target: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (err instanceof WriteError) return err;
  if (code) return new WriteError(target, reasonFor(err));
  return err as Error;
}

function pidAlive(pid: number): boolean {
  if (!(pid > 0)) return false; // kill(0) would signal our own process group
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temporary files of runs that were killed before they could rename or remove them. */
function removeLeftovers(target: string): void {
  const dir = dirname(target);
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = name.startsWith(prefix) ? /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (m && !pidAlive(Number(m[1]))) rmSync(join(dir, name), { force: true });
  }
}

/** The mode a replacement must keep: an analyst who made the corpus private keeps it private. */
function modeOf(target: string): number | undefined {
  try {
    return statSync(target).mode & 0o7777;
  } catch {
    return undefined;
  }
}

function fsyncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems cannot sync a folder; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function prepareFolder(target: string): void {
  if (existsSync(target) && statSync(target).isDirectory()) throw new WriteError(target, REASONS.EISDIR);
  mkdirSync(dirname(target), { recursive: true });
  removeLeftovers(target);
}

/** Writes a whole file atomically: readers see the old or the new content, never a half. */
export function writeFileAtomic(target: string, content: string | Uint8Array): void {
  const out = new AtomicFileWriter(target);
  try {
    out.write(content);
    out.commit();
  } catch (err) {
    out.abort();
    throw err;
  }
}

/**
 * Where a write to `target` goes. A device, a pipe or a socket (`/dev/full`, a FIFO, `/dev/stdout`)
 * is written through, never renamed over: that would put a regular file where the device was. A
 * link to a regular file has the file it leads to replaced, so that the link stays.
 */
function destination(target: string): { path: string; through: boolean; fd?: number } {
  // This process's own descriptors: written to as they are (a socket cannot be opened again by name).
  const own = /^\/(?:dev\/(?:(stdout)|(stderr)|fd\/(\d+))|proc\/(?:self|\d+)\/fd\/(\d+))$/.exec(resolve(target));
  if (own && (!/^\/proc\/\d+\//.test(resolve(target)) || resolve(target).startsWith(`/proc/${process.pid}/`))) {
    const fd = own[1] ? 1 : own[2] ? 2 : Number(own[3] ?? own[4]);
    return { path: target, through: true, fd };
  }
  let st: Stats;
  try {
    st = statSync(target);
  } catch {
    return { path: target, through: false };
  }
  const abs = resolve(target);
  // /dev/stdout and /proc/self/fd/N name a process's open file: write to it, do not replace it.
  if (!st.isFile() && !st.isDirectory()) return { path: target, through: true };
  if (isInside(abs, '/proc') || (isInside(abs, '/dev') && lstatSync(abs).isSymbolicLink())) return { path: target, through: st.isFile() };
  try {
    return { path: lstatSync(target).isSymbolicLink() ? realpathSync(target) : target, through: false };
  } catch {
    return { path: target, through: false };
  }
}

/** Whether an output is a device, a pipe or a socket (written through, and with nothing beside it). */
export function isSpecialFile(target: string): boolean {
  return destination(target).through;
}

/** Waits a moment, synchronously (a pipe that is full for now). */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Writes all of `bytes`: write(2) may take fewer than it was given (a file size limit, a full disk,
 * a pipe), and what it did not take is written again until the system says why it cannot.
 */
function writeAll(fd: number, bytes: Uint8Array): void {
  let at = 0;
  let idle = 0;
  while (at < bytes.length) {
    let n: number;
    try {
      n = writeSync(fd, bytes, at, bytes.length - at);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN' || ++idle > 10_000) throw err;
      pause(1);
      continue;
    }
    if (n <= 0) throw Object.assign(new Error('the device took no more data'), { code: 'ENOSPC' });
    at += n;
  }
}

/**
 * Writes a file piece by piece with synchronous, buffered writes to a temporary file that
 * replaces the target only on commit(): memory stays flat, readers never see half a file, the
 * data is on the disk (fsync of the file and its folder) before and after the rename, and the
 * file keeps its mode. Every write is checked to have taken all it was given. Any failure leaves
 * the old file as it was and no temporary file behind. A device or pipe is written through.
 */
export class AtomicFileWriter {
  private tmp = '';
  private fd: number | undefined;
  private buffer = '';
  private done = false;
  /** The file that is replaced (a link's target), or the device written through. */
  private readonly path: string;
  private readonly through: boolean;
  /** A descriptor this process already had (standard output): written to, never closed. */
  private ownFd = false;

  constructor(readonly target: string) {
    try {
      const d = destination(target);
      this.path = d.path;
      this.through = d.through;
      if (this.through) {
        this.ownFd = d.fd !== undefined;
        this.fd = d.fd ?? openSync(this.path, 'w');
        return;
      }
      prepareFolder(this.path);
      this.tmp = tempPath(this.path);
      this.fd = openSync(this.tmp, 'wx', modeOf(this.path) ?? 0o666);
    } catch (err) {
      throw writeError(target, err);
    }
  }

  write(text: string | Uint8Array): void {
    if (typeof text !== 'string') {
      this.flush();
      this.guard(() => writeAll(this.fd!, text));
      return;
    }
    this.buffer += text;
    if (this.buffer.length > 1 << 20) this.flush();
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      this.abort();
      throw writeError(this.target, err);
    }
  }

  private flush(): void {
    if (!this.buffer) return;
    const text = this.buffer;
    this.buffer = '';
    this.guard(() => writeAll(this.fd!, Buffer.from(text, 'utf8')));
  }

  commit(): void {
    this.flush();
    if (this.through) {
      this.guard(() => {
        try {
          fsyncSync(this.fd!);
        } catch (err) {
          // A pipe or a terminal cannot be synced; a device that failed to store the data can.
          const code = (err as NodeJS.ErrnoException).code;
          if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EROFS') throw err;
        }
        if (!this.ownFd) closeSync(this.fd!);
        this.fd = undefined;
        this.done = true;
      });
      return;
    }
    const mode = modeOf(this.path);
    this.guard(() => {
      fsyncSync(this.fd!);
      closeSync(this.fd!);
      this.fd = undefined;
      if (mode !== undefined) chmodSync(this.tmp, mode);
      renameSync(this.tmp, this.path);
      this.done = true;
    });
    fsyncFolder(dirname(this.path));
  }

  /** Drops the temporary file; safe to call more than once, and after a failed commit. */
  abort(): void {
    if (this.fd !== undefined && !this.ownFd) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed by the system after a failure
      }
      this.fd = undefined;
    }
    if (!this.done && this.tmp) rmSync(this.tmp, { force: true });
  }
}

function createLockDirectly(lock: string): boolean {
  try {
    const fd = openSync(lock, 'wx');
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw writeError(lock, err);
  }
}

/** The pid in a lock file; undefined when the file is gone. A file without a pid counts as a dead run's. */
function lockHolder(lock: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(lock, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : 0;
}

/** How long a second writer waits for the lock: DIALOG_LOCK_WAIT_MS, else 10 s (CI on a busy runner may want more). */
function lockWait(): number {
  const ms = Number(process.env.DIALOG_LOCK_WAIT_MS);
  return Number.isFinite(ms) && ms >= 0 ? ms : 10_000;
}

/**
 * An exclusive lock on a file that several runs may write (the corpus): a second writer waits a
 * little, then is refused with a message that says which process holds it. A lock whose process
 * is gone (a killed run) is taken over.
 */
export async function withLock<T>(target: string, fn: () => Promise<T> | T, waitMs = lockWait()): Promise<T> {
  const lock = join(dirname(target), `.${basename(target)}.lock`);
  try {
    mkdirSync(dirname(target), { recursive: true });
  } catch (err) {
    throw writeError(target, err);
  }
  const deadline = Date.now() + waitMs;
  // The lock appears with its holder's pid already in it (written aside, then linked into place),
  // so that no other run can find it empty and take it for a dead run's.
  // Named like a temporary file, so that the next run removes it if this one is killed.
  const mine = tempPath(target);
  try {
    writeFileSync(mine, `${process.pid}\n`);
  } catch (err) {
    throw writeError(lock, err);
  }
  try {
    for (;;) {
      try {
        linkSync(mine, lock);
        break;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') {
          // A file system without hard links: create the lock directly (a reader may briefly see it empty).
          if (createLockDirectly(lock)) break;
        } else if (code !== 'EEXIST') throw writeError(lock, err);
      }
      const holder = lockHolder(lock);
      if (holder === undefined) continue; // released meanwhile: try again at once
      if (!pidAlive(holder)) {
        // A killed run's lock. Look again just before removing it, so as not to remove a lock
        // that another waiting run has taken over meanwhile.
        if (lockHolder(lock) === holder) rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() >= deadline)
        throw new WriteError(target, `another dialog run (process ${holder}) is writing it; wait for it to finish and run again (if no such run exists, remove ${displayPath(lock)})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    rmSync(mine, { force: true });
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Buffered writes to stdout, for output that may be large. */
export class StdoutWriter {
  private buffer = '';
  /** Colour codes are dialog's own only where stdout shows colour; input control characters never pass. */
  constructor(private readonly keepColour = false) {}
  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.buffer) process.stdout.write(terminalSafe(this.buffer, this.keepColour));
    this.buffer = '';
  }
}

/** A file the run reads, with what it is to the run ("the codebook"), for the message that refuses to replace it. */
export interface RunRead {
  path: string;
  role: string;
}

/** Device and inode: the same file, however it is named (links, `..`, another spelling). */
function fileKey(p: string): string | undefined {
  try {
    const st = statSync(p);
    return st.isFile() ? `${st.dev}:${st.ino}` : undefined;
  } catch {
    return undefined;
  }
}

const MANIFESTS = ['manifest.yaml', 'manifest.yml', 'manifest.csv'];
const DOCUMENT = /\.(?:pdf|docx|txt|md)$/i;

/**
 * A check for the outputs of a run: none may be a file the run reads (its inputs, sidecars,
 * manifests, codebook, register, template, config, corpus), by any spelling or link, nor a file
 * that a later `ingest` would read as a response (a name dialog reads, inside an input folder;
 * a sidecar or manifest of an input document). Throws WriteError (exit 1) naming both roles.
 * `inputs` are the run's inputs and the workspace's; the files under them are listed once, on the
 * first check.
 */
export function outputGuard(inputs: string[], reads: RunRead[] = []): (output: string, what?: string) => void {
  let known: Map<string, RunRead> | undefined;
  const named = inputs.filter((i) => i !== '-');
  const folders: string[] = [];
  const documents: string[] = [];
  const index = () => {
    known = new Map();
    const put = (r: RunRead) => {
      const key = fileKey(r.path);
      if (key && !known!.has(key)) known!.set(key, r);
    };
    for (const r of reads) put(r);
    for (const f of expandInputs(named).files) {
      put({ path: f, role: 'an input' });
      if (DOCUMENT.test(f)) documents.push(realPath(f));
    }
    for (const i of named) if (existsSync(i) && statSync(i).isDirectory()) folders.push(realPath(i));
  };
  return (output: string, what = 'the output') => {
    if (!known) index();
    const refuse = (why: string) => {
      throw new WriteError(output, `${why}; choose another file for ${what}`);
    };
    const key = fileKey(output);
    const hit = key ? known!.get(key) : undefined;
    if (hit) refuse(`it is ${hit.role} this run reads${resolve(hit.path) === resolve(output) ? '' : ` (${displayPath(hit.path)})`}`);
    const real = realPath(output);
    const name = basename(real);
    const folder = folders.find((f) => isInside(dirname(real), f));
    if (folder && isReadInInputFolder(name)) {
      const kind = MANIFESTS.includes(name.toLowerCase()) ? 'a manifest' : isDocumentCompanion(name) ? 'a sidecar' : undefined;
      refuse(kind ? `it is ${kind} in the input folder ${displayPath(folder)}, which ingest reads` : `it lies in the input folder ${displayPath(folder)}, so the next ingest would read ${what} as a response`);
    }
    const lower = name.toLowerCase();
    const sidecarOf = documents.find((d) => dirname(d) === dirname(real) && (lower === `${basename(d).toLowerCase()}.yaml` || lower === `${basename(d).toLowerCase()}.yml`));
    if (sidecarOf) refuse(`it would be read as the sidecar of the input ${displayPath(sidecarOf)}`);
    if (MANIFESTS.includes(lower) && documents.some((d) => isInside(dirname(d), dirname(real)) && isInside(dirname(real), realPath(workspaceRoot()))))
      refuse('it would be read as the manifest of the input documents under it');
  };
}

/** An output must never replace one of the run's inputs (`ingest x.yaml --out x.yaml`). */
export function refuseOverwritingInputs(output: string, inputs: string[], reads: RunRead[] = [], what?: string): void {
  outputGuard(inputs, reads)(output, what);
}
