import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diag, InputError } from '../core/diagnostics.js';
import type { Register } from '../core/ingest/respondents.js';
import { validator, type SchemaName } from '../core/schemas.js';
import { parseYaml, validateYaml } from '../core/ingest/yaml-source.js';
import { displayPath } from './fsx.js';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_REGISTER = resolve(PACKAGE_ROOT, 'data/register.yaml');
export const DEFAULT_CODEBOOK = resolve(PACKAGE_ROOT, 'data/codebook.yaml');
export const TEMPLATE_DIR = resolve(PACKAGE_ROOT, 'templates');
export const CONFIG_FILE = 'dialog.config.yaml';

export interface Workspace {
  configPath?: string;
  inputs: string[];
  register: string;
  codebook: string;
  corpus: string;
  templates: Record<string, string>;
  outputs: Record<string, string>;
  lang?: 'sv' | 'en';
}

interface ConfigFile {
  inputs?: string[];
  register?: string;
  codebook?: string;
  corpus?: string;
  templates?: Record<string, string>;
  outputs?: Record<string, string>;
  lang?: 'sv' | 'en';
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
  const text = readFileSync(path, 'utf8');
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

/** The workspace's settings: dialog.config.yaml in the working directory, if any, over defaults. */
export function loadWorkspace(cwd = process.cwd()): Workspace {
  const configPath = resolve(cwd, CONFIG_FILE);
  const ws: Workspace = {
    inputs: [],
    register: DEFAULT_REGISTER,
    codebook: DEFAULT_CODEBOOK,
    corpus: resolve(cwd, '.dialog/corpus.json'),
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
  if (cfg.corpus) ws.corpus = rel(cfg.corpus);
  for (const [k, v] of Object.entries(cfg.templates ?? {})) ws.templates[k] = rel(v);
  for (const [k, v] of Object.entries(cfg.outputs ?? {})) ws.outputs[k] = rel(v);
  if (cfg.lang) ws.lang = cfg.lang;
  return ws;
}

export function loadRegister(path: string): Register {
  return loadYamlFile<Register>(path, 'register');
}
