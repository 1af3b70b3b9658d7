import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { diag, type Diagnostic } from '../core/diagnostics.js';

export const INPUT_EXTENSIONS = ['.yaml', '.yml', '.csv', '.tsv'];

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
      diagnostics.push(diag(input, 0, 0, 'no such file or folder; check the path'));
      continue;
    }
    if (statSync(input).isDirectory()) walk(input);
    else files.add(input);
  }
  return { files: [...files].sort(), diagnostics };
}

/** Files that configure a workspace rather than hold responses. */
function isWorkspaceFile(name: string): boolean {
  return ['dialog.config.yaml', 'register.yaml', 'codebook.yaml'].includes(basename(name));
}

export async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  yield* createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>;
}

function tempPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes a whole file atomically: readers see the old or the new content, never a half. */
export function writeFileAtomic(target: string, content: string | Uint8Array): void {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = tempPath(target);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Writes a file piece by piece with synchronous, buffered writes to a temporary file that
 * replaces the target only on commit(): memory stays flat and readers never see half a file.
 */
export class AtomicFileWriter {
  private readonly tmp: string;
  private readonly fd: number;
  private buffer = '';

  constructor(readonly target: string) {
    mkdirSync(dirname(target), { recursive: true });
    this.tmp = tempPath(target);
    this.fd = openSync(this.tmp, 'w');
  }

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length > 1 << 20) this.flush();
  }

  private flush(): void {
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  commit(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(this.tmp, this.target);
  }

  abort(): void {
    closeSync(this.fd);
    rmSync(this.tmp, { force: true });
  }
}

/** Buffered writes to stdout, for output that may be large. */
export class StdoutWriter {
  private buffer = '';
  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.buffer) process.stdout.write(this.buffer);
    this.buffer = '';
  }
}
