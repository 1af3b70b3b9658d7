import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, createReadStream, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { diag, type Diagnostic } from '../core/diagnostics.js';
import { terminalSafe } from '../core/text/safe-text.js';

export const INPUT_EXTENSIONS = ['.yaml', '.yml', '.csv', '.tsv', '.xlsx', '.pdf', '.docx', '.odt', '.rtf', '.txt', '.md', '.doc', '.pages', '.wpd', '.wps'];

/** Read beside documents, never as responses: `x.pdf.yaml` (a sidecar) and `manifest.yaml|yml|csv`. */
export function isDocumentCompanion(name: string): boolean {
  const lower = name.toLowerCase();
  if (['manifest.yaml', 'manifest.yml', 'manifest.csv'].includes(lower)) return true;
  return /\.(?:pdf|docx|odt|rtf|txt|md|doc|pages|wpd|wps)\.ya?ml$/.test(lower);
}

/**
 * Path as shown to users and stored in the corpus: relative to the working directory (the
 * workspace: where dialog.config.yaml lies), with `/`; never absolute, so that the same
 * workspace gives the same corpus wherever it lies.
 */
export function displayPath(p: string): string {
  return (relative(process.cwd(), p) || '.').split(sep).join('/');
}

/** Expands files and folders to input files (sorted), reporting names that do not exist. */
export function expandInputs(inputs: string[]): { files: string[]; diagnostics: Diagnostic[] } {
  const files = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (isDocumentCompanion(entry.name)) continue;
      else if (INPUT_EXTENSIONS.includes(extname(entry.name).toLowerCase()) && !isWorkspaceFile(entry.name)) files.add(full);
      else if (!isWorkspaceFile(entry.name))
        diagnostics.push(diag(displayPath(full), 0, 0, `skipped: not a response file (dialog reads ${INPUT_EXTENSIONS.join(', ')})`, 'notice'));
    }
  };
  for (const input of inputs) {
    if (input === '-') {
      files.add(input);
      continue;
    }
    if (!existsSync(input)) {
      diagnostics.push(diag(displayPath(input), 0, 0, 'no such file or folder; check the path'));
      continue;
    }
    if (statSync(input).isDirectory()) walk(input);
    else files.add(input);
  }
  return { files: [...files].sort(), diagnostics };
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
    super(`cannot write ${displayPath(path)}: ${reason}`);
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
};

function writeError(target: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (err instanceof WriteError) return err;
  if (code && REASONS[code]) return new WriteError(target, REASONS[code]);
  if (code) return new WriteError(target, `${code} (${(err as Error).message})`);
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
 * Writes a file piece by piece with synchronous, buffered writes to a temporary file that
 * replaces the target only on commit(): memory stays flat, readers never see half a file, the
 * data is on the disk (fsync of the file and its folder) before and after the rename, and the
 * file keeps its mode. Any failure leaves the old file as it was and no temporary file behind.
 */
export class AtomicFileWriter {
  private tmp = '';
  private fd: number | undefined;
  private buffer = '';
  private done = false;

  constructor(readonly target: string) {
    try {
      prepareFolder(target);
      this.tmp = tempPath(target);
      this.fd = openSync(this.tmp, 'wx', modeOf(target) ?? 0o666);
    } catch (err) {
      throw writeError(target, err);
    }
  }

  write(text: string | Uint8Array): void {
    if (typeof text !== 'string') {
      this.flush();
      this.guard(() => writeSync(this.fd!, text));
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
    this.guard(() => writeSync(this.fd!, text));
  }

  commit(): void {
    this.flush();
    const mode = modeOf(this.target);
    this.guard(() => {
      fsyncSync(this.fd!);
      closeSync(this.fd!);
      this.fd = undefined;
      if (mode !== undefined) chmodSync(this.tmp, mode);
      renameSync(this.tmp, this.target);
      this.done = true;
    });
    fsyncFolder(dirname(this.target));
  }

  /** Drops the temporary file; safe to call more than once, and after a failed commit. */
  abort(): void {
    if (this.fd !== undefined) {
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

/** The same file, however it is named (links, `..`, case of the path as given). */
function sameFile(a: string, b: string): boolean {
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return resolve(a) === resolve(b);
  }
}

/** An output must never replace one of the run's inputs (`ingest x.yaml --out x.yaml`). */
export function refuseOverwritingInputs(output: string, inputs: string[]): void {
  if (!existsSync(output)) return;
  const { files } = expandInputs(inputs.filter((i) => i !== '-'));
  const hit = files.find((f) => sameFile(f, output));
  if (hit) throw new WriteError(output, `it is an input of this run (${displayPath(hit)}); choose another output file`);
}
