import { readFileSync } from 'node:fs';
import type { Register } from '../../core/ingest/respondents.js';
import { validator } from '../../core/schemas.js';

let cached: { path: string; register: Register } | undefined;

/**
 * dialog's national register, read once per process. It is JSON, not YAML: it is data dialog
 * ships, not a file people edit, and the YAML parser took longer over its 330 entries than the
 * rest of a small report. Invalid content is a bug in dialog (exit 3), not the user's input.
 */
export function loadNationalRegister(path: string): Register {
  if (cached?.path === path) return cached.register;
  const data = JSON.parse(readFileSync(path, 'utf8')) as Register;
  const validate = validator('register');
  if (!validate(data)) throw new Error(`${path} does not match schemas/register.schema.json: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  cached = { path, register: data };
  return data;
}
