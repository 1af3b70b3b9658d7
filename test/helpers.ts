import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'bin', 'dialog');
export const FIXTURES = join(ROOT, 'test', 'fixtures');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

type Main = (argv: string[]) => Promise<number>;
let mainFn: Main | undefined;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the CLI in this process: the same `main` the bin calls, with the working directory,
 * environment, stdin and both output streams swapped for the call. Use `dialogBin` where only a
 * real process proves the point (the bin itself, signals, exit codes of the process).
 */
export function dialog(args: string[], opts: { cwd?: string; env?: Record<string, string>; stdin?: string } = {}): Promise<RunResult> {
  const run = queue.then(() => runInProcess(args, opts));
  queue = run.catch(() => undefined);
  return run;
}

async function runInProcess(args: string[], opts: { cwd?: string; env?: Record<string, string>; stdin?: string }): Promise<RunResult> {
  mainFn ??= ((await import(pathToFileURL(join(ROOT, 'dist', 'cli', 'main.js')).href)) as { main: Main }).main;
  const env: Record<string, string> = { NO_COLOR: '1', FORCE_COLOR: '', ...opts.env };
  const savedEnv = new Map(Object.keys(env).map((k) => [k, process.env[k]]));
  const savedCwd = process.cwd();
  const out: string[] = [];
  const err: string[] = [];
  const capture = (sink: string[]) =>
    ((chunk: string | Uint8Array, encOrCb?: unknown, cb?: unknown) => {
      sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = typeof encOrCb === 'function' ? encOrCb : cb;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    }) as typeof process.stdout.write;
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  const stdinDescriptor = Object.getOwnPropertyDescriptor(process, 'stdin');
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
  process.chdir(opts.cwd ?? ROOT);
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  if (opts.stdin !== undefined) Object.defineProperty(process, 'stdin', { value: Readable.from([Buffer.from(opts.stdin)]), configurable: true });
  process.exitCode = undefined;
  try {
    const code = await mainFn(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    if (stdinDescriptor) Object.defineProperty(process, 'stdin', stdinDescriptor);
    process.exitCode = undefined;
    process.chdir(savedCwd);
    for (const [k, v] of savedEnv) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Runs the built `dialog` executable in a child process, as a user would. */
export function dialogBin(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...opts.env },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The real bin under a time limit (a hang fails the test instead of stalling the suite), and with
 * a heap cap where memory is the point (past it the process aborts). `ms` is how long it ran.
 */
export function dialogBinWithin(args: string[], cwd: string, opts: { seconds?: number; heapMb?: number } = {}): RunResult & { ms: number } {
  const started = Date.now();
  const r = spawnSync(process.execPath, [...(opts.heapMb ? [`--max-old-space-size=${opts.heapMb}`] : []), BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
    encoding: 'utf8',
    timeout: (opts.seconds ?? 5) * 1000,
    maxBuffer: 64 << 20,
  });
  const ms = Date.now() - started;
  if (r.error) throw new Error(`dialog ${args.join(' ')} did not finish within ${opts.seconds ?? 5} s (${r.error.message})`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms };
}

const made: string[] = [];

/** A fresh temporary folder, removed after the test file (see test/setup.ts). */
export function tmp(prefix = 'dialog-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTemporaryFolders(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Compares with a golden file; UPDATE_GOLDEN=1 rewrites it instead. */
export function golden(path: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`golden file ${path} was missing and has been written; check it and run again`);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** stderr without the notice that a command runs outside any workspace (tested in workspace.test.ts). */
export const withoutWorkspaceNotice = (stderr: string): string => stderr.replace(/^notice: no dialog\.config\.yaml in this folder or above it.*\n/mu, '');

/**
 * A temporary folder holding svar.yaml: a test consultation and one respondent's answers, each
 * written as a plain YAML scalar (the texts must be plain-safe: no `: ` or leading `-`).
 */
export function answersFile(texts: string[], opts: { respondent?: string; prefix?: string } = {}): string {
  const dir = tmp(opts.prefix);
  const answers = texts.map((t) => `      - text: ${t}\n`).join('');
  writeFileSync(join(dir, 'svar.yaml'), `consultation: { id: test, title: Test }\nresponses:\n  - respondent: ${opts.respondent ?? 'Exempelby kommun'}\n    answers:\n${answers}`);
  return dir;
}

/**
 * The real bin run under bash's `time`: the CPU seconds it used (user + system), which a busy
 * machine does not inflate the way it does the wall clock (bench/README.md has wall times).
 */
export function binCpuSeconds(args: string[], cwd: string): { code: number; stderr: string; seconds: number } {
  const quoted = args.map((a) => `'${a.replace(/'/gu, "'\\''")}'`).join(' ');
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='cpu %U %S'; time '${process.execPath}' '${BIN}' ${quoted}`], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  const m = /cpu (\d+\.\d+) (\d+\.\d+)\s*$/u.exec(r.stderr);
  if (!m) throw new Error(`no timing from bash: ${r.stderr}`);
  return { code: r.status ?? -1, stderr: r.stderr, seconds: Number(m[1]) + Number(m[2]) };
}

/**
 * A copy of the review tests' workspace (test/fixtures/review/workspace, its own codebook) whose
 * inputs are one `;`-CSV of 10 000 answers from 250 associations, ingested: for timing tests.
 */
export async function tenThousandAnswerWorkspace(): Promise<string> {
  const dir = tmp();
  cpSync(join(FIXTURES, 'review', 'workspace'), dir, { recursive: true });
  const words = ['busstrafiken', 'finansieringen', 'landsbygden', 'kostnaderna', 'linjerna', 'turtätheten', 'skolskjutsarna', 'glesbygden', 'bidragen', 'planen'];
  let csv = 'respondent;text\n';
  for (let i = 0; i < 10_000; i++) csv += `Förening ${i % 250};Svar ${i}: vi anser att ${words[i % 10]} och ${words[(i * 7) % 10]} behöver ses över i planen för år ${2027 + (i % 13)}.\n`;
  writeFileSync(join(dir, 'svar', 'svar.yaml'), 'responses: []\n');
  writeFileSync(join(dir, 'svar', 'foreningar.csv'), csv);
  const r = await dialog(['ingest', '-q'], { cwd: dir });
  if (r.code !== 0) throw new Error(`ingest of the 10 000 answers failed: ${r.stderr}`);
  return dir;
}
