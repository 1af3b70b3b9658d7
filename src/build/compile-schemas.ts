import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { _ } from 'ajv';
// A CommonJS module whose function is also its `default`, which is how TypeScript types it.
import standalone from 'ajv/dist/standalone/index.js';
import { isIsoDate, PRECOMPILED_DIR, SCHEMA_NAMES, SCHEMA_PARTS, schemaAjv, schemaId, schemasHash, schemaTexts } from '../core/schemas.js';

/**
 * Run by `npm run build` after tsc: compiles every schema of schemas/ into one module of
 * validators (ajv's standalone code), which src/core/schemas.ts loads instead of compiling the
 * schemas at each start. The module records the hash of the schemas it was made from, so an
 * edited schema is compiled at run time until the next build: schemas/ stays the one source.
 */
function compileSchemas(): void {
  const texts = schemaTexts();
  const ajv = schemaAjv(texts, { source: true, formats: _`require("./formats.cjs")` });
  const exports: Record<string, string> = {};
  for (const name of SCHEMA_NAMES) exports[name] = schemaId(name);
  for (const [name, part] of SCHEMA_PARTS) exports[`${name}${part}`] = schemaId(name, part);
  const validators = `${standalone.default(ajv, exports)}\nexports.schemasHash = ${JSON.stringify(schemasHash(texts))};\n`;
  // The date format's own function, as src/core/schemas.ts defines it (it is self-contained).
  const formats = `"use strict";\nexports.date = { type: "string", validate: ${isIsoDate.toString()} };\n`;
  mkdirSync(PRECOMPILED_DIR, { recursive: true });
  for (const [file, text] of [['formats.cjs', formats], ['validators.cjs', validators]]) {
    const path = join(PRECOMPILED_DIR, file);
    writeFileSync(`${path}.tmp`, text);
    renameSync(`${path}.tmp`, path);
  }
}

compileSchemas();
