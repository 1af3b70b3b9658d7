import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diag, InputError } from '../../core/diagnostics.js';
import type { Register } from '../../core/ingest/respondents.js';
import { incompleteEntries, layerRegisters, type RegisterFile } from '../../core/ingest/register.js';
import { loadNationalRegister } from './national-register.js';
import { validator, type SchemaName } from '../../core/schemas.js';
import { parseYaml, validateYaml } from '../../core/ingest/yaml-source.js';
import { displayPath } from '../files/paths.js';
import { message } from '../output.js';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Sweden's municipalities, regions and county administrative boards: under every workspace register. */
export const DEFAULT_REGISTER = resolve(PACKAGE_ROOT, 'data/sverige.json');
export const DEFAULT_CODEBOOK = resolve(PACKAGE_ROOT, 'data/codebook.yaml');
export const TEMPLATE_DIR = resolve(PACKAGE_ROOT, 'templates');
export const CONFIG_FILE = 'dialog.config.yaml';

export interface Workspace {
  /** The folder of dialog.config.yaml (else the working directory): stored paths are relative to it. */
  root: string;
  configPath?: string;
  inputs: string[];
  register: string;
  codebook: string;
  /** A YAML file holding the consultation (schemas/consultation.schema.json), read by ingest. */
  consultation?: string;
  corpus: string;
  templates: Record<string, string>;
  outputs: Record<string, string>;
  lang?: 'sv' | 'en';
  /** Theme labels for `dialog themes --eval` (CSV or YAML). */
  labels?: string;
  /** A person's decisions on the tags (schemas/review.schema.json). */
  review?: string;
  /** The scored audit of the codebook (schemas/audit.schema.json). */
  audit?: string;
}

interface ConfigFile {
  inputs?: string[];
  register?: string;
  codebook?: string;
  consultation?: string;
  corpus?: string;
  templates?: Record<string, string>;
  outputs?: Record<string, string>;
  lang?: 'sv' | 'en';
  labels?: string;
  review?: string;
  audit?: string;
}

/**
 * Reads and validates a YAML file against one of the schemas, then any checks the schema cannot
 * express (`more`, with paths to locate); throws InputError with every problem and its position.
 */
export function loadYamlFile<T>(
  path: string,
  schema: SchemaName,
  more: (data: T) => { path: (string | number)[]; message: string }[] = () => [],
  missing = 'no such file; check the path',
): T {
  const shown = displayPath(path);
  if (!existsSync(path)) throw new InputError([diag(shown, 0, 0, missing)]);
  // Only regular files are opened: a named pipe would block the run, a folder is no YAML file.
  if (!statSync(path).isFile()) throw new InputError([diag(shown, 0, 0, 'is a folder or a pipe, not a file; give the YAML file itself')]);
  return yamlFromText<T>(shown, readFileSync(path, 'utf8'), schema, more);
}

/** A YAML file's text, parsed and checked as loadYamlFile does, for a caller that has read it already. */
export function yamlFromText<T>(shown: string, text: string, schema: SchemaName, more: (data: T) => { path: (string | number)[]; message: string }[] = () => []): T {
  if (text.trim() === '') throw new InputError([diag(shown, 1, 1, 'the file is empty; see the README for its format')]);
  const src = parseYaml(shown, text);
  const problems = src.diagnostics.filter((d) => d.severity === 'error');
  if (!problems.length) problems.push(...validateYaml(shown, src, validator(schema)));
  if (!problems.length)
    for (const p of more(src.data as T)) {
      const { line, col } = src.locate(p.path);
      problems.push(diag(shown, line, col, p.message));
    }
  if (problems.length) throw new InputError(problems);
  return src.data as T;
}

/** dialog.config.yaml in `from` or the nearest folder above it (as git finds .git); undefined outside any workspace. */
export function findConfig(from = process.cwd()): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const file = join(dir, CONFIG_FILE);
    if (existsSync(file) && statSync(file).isFile()) return file;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The workspace's settings: dialog.config.yaml in the working directory or the nearest folder
 * above it, over defaults. `root` is the config's folder (else the working directory).
 */
export function loadWorkspace(cwd = process.cwd()): Workspace {
  const configPath = findConfig(cwd) ?? resolve(cwd, CONFIG_FILE);
  const ws: Workspace = {
    root: existsSync(configPath) ? dirname(configPath) : resolve(cwd),
    inputs: [],
    register: DEFAULT_REGISTER,
    codebook: DEFAULT_CODEBOOK,
    corpus: resolve(dirname(configPath), '.dialog/corpus.json'),
    // Names come from the config file: tables without a prototype, so "constructor" is just a name.
    templates: Object.create(null) as Record<string, string>,
    outputs: Object.create(null) as Record<string, string>,
  };
  if (!existsSync(configPath)) return ws;
  const cfg = loadYamlFile<ConfigFile>(configPath, 'config');
  const base = dirname(configPath);
  const rel = (p: string) => resolve(base, p);
  ws.configPath = configPath;
  if (cfg.inputs) ws.inputs = cfg.inputs.map(rel);
  if (cfg.register) ws.register = rel(cfg.register);
  if (cfg.codebook) ws.codebook = rel(cfg.codebook);
  if (cfg.consultation) ws.consultation = rel(cfg.consultation);
  if (cfg.corpus) ws.corpus = rel(cfg.corpus);
  for (const [k, v] of Object.entries(cfg.templates ?? {})) ws.templates[k] = rel(v);
  for (const [k, v] of Object.entries(cfg.outputs ?? {})) ws.outputs[k] = rel(v);
  if (cfg.lang) ws.lang = cfg.lang;
  if (cfg.labels) ws.labels = rel(cfg.labels);
  if (cfg.review) ws.review = rel(cfg.review);
  if (cfg.audit) ws.audit = rel(cfg.audit);
  return ws;
}

/** The national register, with the workspace's register at `path` (if another file) on top. */
export function loadRegister(path: string): Register {
  return readRegister(path).register;
}

/**
 * The register and every file it was read from, in order: names and categories in a corpus come
 * from these files, so the corpus records them and is stale when one changes.
 */
export function readRegister(path: string): { register: Register; files: string[] } {
  const national = loadNationalRegister(DEFAULT_REGISTER);
  if (resolve(path) === DEFAULT_REGISTER) return { register: national, files: registerFiles(path) };
  return { register: layerRegisters(national, loadYamlFile<RegisterFile>(path, 'register', (w) => incompleteEntries(national, w))), files: registerFiles(path) };
}

/** The files `readRegister` reads, without reading them (a large register takes seconds to parse). */
export function registerFiles(path: string): string[] {
  return resolve(path) === DEFAULT_REGISTER ? [DEFAULT_REGISTER] : [DEFAULT_REGISTER, path];
}

/**
 * How a corpus names a settings file: relative to the workspace, or `dialog:` and its place in
 * dialog's package for a file shipped with dialog, so that the corpus does not depend on where
 * either lies.
 */
export function settingPath(file: string, root = process.cwd()): string {
  const abs = resolve(root, file);
  const inside = (dir: string) => {
    const r = relative(dir, abs);
    return r !== '' && !r.startsWith('..') && !isAbsolute(r) ? r.split(sep).join('/') : undefined;
  };
  const own = inside(root);
  if (own !== undefined) return own;
  const shipped = inside(PACKAGE_ROOT);
  return shipped !== undefined ? `dialog:${shipped}` : relative(root, abs).split(sep).join('/');
}

/** The folder the user stood in when the command started. */
let userDir = process.cwd();

/** A path as the user would type it where they stand (for commands dialog suggests running). */
export const userPath = (p: string): string => (relative(userDir, p) || '.').split(sep).join('/');

/**
 * Opens the workspace a command works in, and moves there. Paths on the command line are the
 * user's, relative to where they stand: main.ts makes them absolute before any command runs.
 * Paths dialog stores and shows (corpus sources, diagnostics) are relative to the working
 * directory, which from here on is the workspace root: `dialog ingest` gives the same corpus in
 * the workspace and in any folder below it. Says which workspace it is, unless it is the folder
 * the user stands in.
 */
export function enterWorkspace(opts: { quiet?: boolean } = {}): Workspace {
  const here = process.cwd();
  userDir = here;
  const ws = loadWorkspace(here);
  if (!opts.quiet) {
    if (!ws.configPath)
      message(
        `notice: no ${CONFIG_FILE} in this folder or above it: not in a workspace, so the codebook and register are dialog's 2016 Stockholm example unless options name others; \`dialog init\` starts a workspace of your own`,
      );
    else if (ws.root !== here) message(`workspace: ${relative(here, ws.configPath).split(sep).join('/')}`);
  }
  process.chdir(ws.root);
  return ws;
}
