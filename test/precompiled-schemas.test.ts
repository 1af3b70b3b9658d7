import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// From dist: the validators are found beside the compiled module, where the build writes them.
import { loadPrecompiled, PRECOMPILED_DIR, SCHEMA_NAMES, SCHEMA_PARTS, schemaAjv, schemaId, schemaTexts, type Precompiled } from '../dist/core/schemas.js';
import { dialog, ROOT, tmp } from './helpers.js';

/**
 * The validators `npm run build` compiles ahead (src/build/compile-schemas.ts) stand in for the
 * schemas compiled at start-up: they must be used only while the schemas are those they were
 * made from, and must say exactly what the compiled schemas say, errors and all.
 */

beforeAll(() => {
  // `npm test` builds them; a bare `vitest run` after tsc has not.
  if (!existsSync(join(PRECOMPILED_DIR, 'validators.cjs'))) execFileSync(process.execPath, [join(ROOT, 'dist', 'build', 'compile-schemas.js')]);
});

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (/\.(ya?ml|json)$/u.test(name)) out.push(path);
  }
  return out;
}

/** Every YAML and JSON document of the repository's data and fixtures that parses. */
function documents(): unknown[] {
  const docs: unknown[] = [];
  for (const path of [...files(join(ROOT, 'data')), ...files(join(ROOT, 'test', 'fixtures'))]) {
    try {
      docs.push(path.endsWith('.json') ? JSON.parse(readFileSync(path, 'utf8')) : parse(readFileSync(path, 'utf8')));
    } catch {
      // A fixture that is broken on purpose is no document to validate.
    }
  }
  return docs;
}

/** A seeded generator, so a failure can be run again. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

/** `doc` with one value somewhere in it replaced, removed or joined by an unknown key. */
function mutate(doc: unknown, next: () => number): unknown {
  const copy = structuredClone(doc);
  const containers: (Record<string, unknown> | unknown[])[] = [];
  const walk = (v: unknown) => {
    if (v && typeof v === 'object') {
      containers.push(v as Record<string, unknown>);
      for (const x of Object.values(v)) walk(x);
    }
  };
  walk(copy);
  if (!containers.length) return copy;
  const target = containers[Math.floor(next() * containers.length)];
  const keys = Object.keys(target);
  const replacements = [null, 7, '', 'x', [], {}, '2016-02-30', true];
  const pick = next();
  if (!keys.length || pick < 0.15) (target as Record<string, unknown>)[`okänd${Math.floor(next() * 3)}`] = 1;
  else {
    const key = keys[Math.floor(next() * keys.length)];
    if (pick < 0.4 && !Array.isArray(target)) delete (target as Record<string, unknown>)[key];
    else (target as Record<string, unknown>)[key] = replacements[Math.floor(next() * replacements.length)];
  }
  return copy;
}

describe('validators compiled ahead', () => {
  let built: Precompiled;
  beforeAll(() => {
    built = loadPrecompiled()!;
  });

  it('are used while the schemas are those they were made from, and not once one is edited', () => {
    expect(built, 'run `npm run build`').toBeDefined();
    const texts = schemaTexts();
    for (const name of SCHEMA_NAMES) {
      const edited = new Map(texts);
      edited.set(name, texts.get(name)!.replace('"type"', ' "type"'));
      expect(loadPrecompiled(edited), name).toBeUndefined();
    }
    expect(loadPrecompiled(new Map(texts))).toBeDefined();
  });

  it('say of every document and of mutations of it exactly what the schemas compiled at run time say', () => {
    const ajv = schemaAjv(schemaTexts());
    const keys = [...SCHEMA_NAMES.map((name) => [name, ''] as const), ...SCHEMA_PARTS];
    const docs = documents();
    expect(docs.length).toBeGreaterThan(40);
    const next = random(2026);
    let invalid = 0;
    let checked = 0;
    for (const doc of docs)
      for (let m = 0; m < 6; m++) {
        const value = m === 0 ? doc : mutate(doc, next);
        for (const [name, part] of keys) {
          const runtime = ajv.getSchema(schemaId(name, part))!;
          const ahead = built[`${name}${part}`];
          const ok = ahead(value);
          expect(ok, `${name}${part}`).toBe(runtime(value));
          expect(ahead.errors ?? null).toEqual(runtime.errors ?? null);
          if (!ok) invalid++;
          checked++;
        }
      }
    // Most documents fail most schemas (each is checked against every one): errors are compared, not only verdicts.
    expect(invalid).toBeGreaterThan(checked / 2);
    expect(checked - invalid).toBeGreaterThan(docs.length / 2);
  });

  it('leave ajv itself unloaded at start-up: no module but the build imports it statically', () => {
    const dist = join(ROOT, 'dist');
    const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js') && !f.startsWith('build'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files)
      for (const m of readFileSync(join(dist, f), 'utf8').matchAll(/^import\s[^;]*?from\s+['"]([^'"]+)['"]/gmu)) expect(m[1], `${f} imports ajv at start-up`).not.toMatch(/^ajv(?:\/|$)/u);
  });

  it('give the messages a command prints, with and without them', async () => {
    const dir = tmp();
    const config = 'inputs: [svar]\ncorpus: .dialog/corpus.json\nlang: fr\nokänd: 1\n';
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'dialog.config.yaml'), config);
    const ahead = await dialog(['ingest'], { cwd: dir });
    const compiled = await dialog(['ingest'], { cwd: dir, env: { DIALOG_SCHEMAS: 'compile' } });
    expect(ahead.code).toBe(1);
    expect(ahead.stderr).toContain('dialog.config.yaml:3:7: "lang" is the text "fr"');
    expect(ahead.stderr).toContain('unknown field "okänd"');
    expect({ ...compiled }).toEqual({ ...ahead });
  });
});
