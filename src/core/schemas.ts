import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv, ErrorObject, Options, ValidateFunction } from 'ajv';
import { didYouMean } from './diagnostics.js';


export const SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

export type SchemaName =
  | 'consultation'
  | 'response'
  | 'responses-file'
  | 'register'
  | 'codebook'
  | 'config'
  | 'document-facts'
  | 'document-manifest'
  | 'labels'
  | 'review'
  | 'audit'
  | 'corpus';

export const SCHEMA_NAMES: readonly SchemaName[] = ['consultation', 'response', 'responses-file', 'register', 'codebook', 'config', 'document-facts', 'document-manifest', 'labels', 'review', 'audit', 'corpus'];

/** The parts of a schema validated on their own, besides whole schemas. */
export const SCHEMA_PARTS: readonly (readonly [SchemaName, string])[] = [
  ['corpus', '#/definitions/response'],
  ['corpus', '#/definitions/header'],
];

export const schemaId = (name: SchemaName, part = '') => `https://dialog.local/schemas/${name}.schema.json${part}`;

/**
 * True for a real calendar date in YYYY-MM-DD form (rejects 2016-02-30). Self-contained: the
 * build writes its source into the precompiled validators' formats (build/compile-schemas.ts).
 */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Every schema's text, by name, as the files hold them. */
export function schemaTexts(): Map<SchemaName, string> {
  return new Map(SCHEMA_NAMES.map((name) => [name, readFileSync(`${SCHEMA_DIR}${name}.schema.json`, 'utf8')]));
}

const require = createRequire(import.meta.url);

/** What precompiled validators were made from: the schemas' texts and ajv's version (its code runs them). */
export function schemasHash(texts: Map<SchemaName, string>): string {
  const hash = createHash('sha256').update(`ajv ${(require('ajv/package.json') as { version: string }).version}\0`);
  for (const [name, text] of texts) hash.update(`${name}\0${text}\0`);
  return hash.digest('hex');
}

/**
 * An Ajv holding every schema, with dialog's options, date format and `hint` keyword; `code`
 * (for the build's standalone validators) is passed on to ajv.
 */
export function schemaAjv(texts: Map<SchemaName, string>, code?: Options['code']): Ajv {
  // Loaded here, not at start-up: with the validators compiled ahead, a command never needs it.
  const { Ajv } = require('ajv') as typeof import('ajv');
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, ...(code ? { code } : {}) });
  ajv.addFormat('date', { type: 'string', validate: isIsoDate });
  // Our own annotation: what to write instead, shown when a pattern does not match.
  ajv.addKeyword({ keyword: 'hint', schemaType: 'string' });
  for (const [name, text] of texts) ajv.addSchema(JSON.parse(text), `${name}.schema.json`);
  return ajv;
}

/** Where the build writes the validators compiled ahead (build/compile-schemas.ts). */
export const PRECOMPILED_DIR = fileURLToPath(new URL('../schemas-compiled/', import.meta.url));

export type Precompiled = Record<string, ValidateFunction> & { schemasHash?: string };

/**
 * The validators the build compiled, when they were compiled from the schemas as they are now:
 * compiling every schema at start-up took a tenth to a fifth of a second of each command.
 * A schema edited since the build (or no build) is compiled here instead, never run stale.
 */
export function loadPrecompiled(texts: Map<SchemaName, string> = schemaTexts()): Precompiled | undefined {
  let loaded: Precompiled;
  try {
    loaded = require(`${PRECOMPILED_DIR}validators.cjs`) as Precompiled;
  } catch (err) {
    if ((err as NodeJS.ErrnoException)?.code === 'MODULE_NOT_FOUND') return undefined;
    throw err;
  }
  return loaded.schemasHash === schemasHash(texts) ? loaded : undefined;
}

let ready: { ajv?: Ajv; built?: Precompiled } | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The validator of a schema, or of a part of it (`#/definitions/response`). */
export function validator(name: SchemaName, part = ''): ValidateFunction {
  const key = `${name}${part}`;
  let v = compiled.get(key);
  if (!v) {
    if (!ready) {
      const texts = schemaTexts();
      const built = process.env.DIALOG_SCHEMAS === 'compile' ? undefined : loadPrecompiled(texts);
      ready = built ? { built } : { ajv: schemaAjv(texts) };
    }
    v = ready.built?.[key] ?? ready.ajv?.getSchema(schemaId(name, part));
    if (!v) throw new Error(`schema ${name}${part} not found in ${SCHEMA_DIR}`);
    compiled.set(key, v);
  }
  return v;
}

export interface SchemaProblem {
  /** Path of the value the problem is about, as object keys and array indices. */
  path: (string | number)[];
  /** True when the problem is about the key itself (an unknown field). */
  atKey: boolean;
  message: string;
}

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Turns ajv's errors into messages a person can act on. */
export function explainErrors(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  for (const e of errors ?? []) {
    const path = pointerToPath(e.instancePath);
    const field = path.length ? String(path[path.length - 1]) : 'document';
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String(p.additionalProperty);
        const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
        out.push({
          path: [...path, key],
          atKey: true,
          message: `unknown field "${key}"${didYouMean(key, allowed)}; allowed here: ${allowed.join(', ')}`,
        });
        break;
      }
      case 'required':
        out.push({ path, atKey: false, message: `missing required field "${p.missingProperty}"; add it` });
        break;
      case 'type':
        out.push({ path, atKey: false, message: `"${field}" must be ${article(String(p.type))}, found ${describe(e.data)}` });
        break;
      case 'minLength':
      case 'pattern':
        if (typeof e.data === 'string' && e.data.trim() === '') {
          out.push({ path, atKey: false, message: `"${field}" is empty; write a value or remove the field` });
        } else if (e.keyword === 'pattern') {
          out.push({ path, atKey: false, message: `"${field}" has an invalid value ${describe(e.data)}; ${(e.parentSchema as { hint?: string })?.hint ?? `it must match ${e.schema}`}` });
        }
        break;
      case 'minItems':
        out.push({ path, atKey: false, message: `"${field}" must have at least ${p.limit} item${p.limit === 1 ? '' : 's'}` });
        break;
      case 'minProperties':
        out.push({ path, atKey: false, message: `the ${field} is empty; see the README for what it may hold` });
        break;
      case 'enum':
        out.push({
          path,
          atKey: false,
          message: `"${field}" is ${describe(e.data)}${didYouMean(String(e.data), p.allowedValues as string[])}; accepted: ${(p.allowedValues as string[]).join(', ')}`,
        });
        break;
      case 'format':
        out.push({
          path,
          atKey: false,
          message: `"${field}" is ${describe(e.data)}, which is not a real date; write YYYY-MM-DD, e.g. 2016-02-15`,
        });
        break;
      case 'minimum':
        out.push({ path, atKey: false, message: `"${field}" must be at least ${p.limit}` });
        break;
      default:
        out.push({ path, atKey: false, message: `"${field}" ${e.message ?? 'is invalid'}` });
    }
  }
  return out;
}

function article(type: string): string {
  const names: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a text', integer: 'a whole number', number: 'a number', boolean: 'true or false' };
  return names[type] ?? type;
}
