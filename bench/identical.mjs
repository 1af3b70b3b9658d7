#!/usr/bin/env node
// Byte-identical outputs of two builds of dialog: ingest (the corpus), themes (the results file
// and stdout as text, JSON and CSV, from the corpus and straight from the input, with one thread
// and with workers) and report (from the corpus and from the input), on the inputs given.
// usage: node bench/identical.mjs <other build's root> <input file> [<input file> …]
// Each input is copied into a fresh temporary folder per build, and the commands run there. The
// only texts normalised are the path of the bundled register in the corpus's settings, which names
// where each build is installed, and the input's modification time in the corpus's stamp.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const [other, ...inputs] = process.argv.slice(2);
if (!other || !inputs.length) {
  console.error('usage: node bench/identical.mjs <other build root> <input> [<input> …]');
  process.exit(2);
}
const builds = { this: here, other: resolve(other) };
const normalise = (text) => text.replace(/"path":"[^"]*?data\/sverige\.json"/gu, '"path":"data/sverige.json"').replace(/"mtimeMs":[0-9.]+/gu, '"mtimeMs":0');

function run(root, dir, args, env = {}) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'dialog'), ...args], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 30 });
  return `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

let failures = 0;
for (const input of inputs) {
  const outputs = {};
  for (const [name, root] of Object.entries(builds)) {
    const dir = mkdtempSync(join(tmpdir(), 'dialog-identical-'));
    try {
      const file = basename(input);
      copyFileSync(input, join(dir, file));
      const o = {};
      o.ingest = run(root, dir, ['ingest', file, '-o', 'corpus.json', '--replace', '-q']);
      for (const workers of ['0', '2']) {
        const env = { DIALOG_WORKERS: workers };
        o[`themes-text-w${workers}`] = run(root, dir, ['themes', '--corpus', 'corpus.json'], env);
        o[`themes-json-w${workers}`] = run(root, dir, ['themes', '--corpus', 'corpus.json', '--format', 'json', '--no-write'], env);
        o[`themes-csv-w${workers}`] = run(root, dir, ['themes', '--corpus', 'corpus.json', '--format', 'csv', '--no-write'], env);
        o[`themes-input-csv-w${workers}`] = run(root, dir, ['themes', file, '--format', 'csv'], env);
        o[`report-w${workers}`] = run(root, dir, ['report', '--corpus', 'corpus.json', '-q', '-o', `report-w${workers}.md`], env);
        o[`report-input-w${workers}`] = run(root, dir, ['report', file, '-q', '-o', `report-input-w${workers}.md`], env);
      }
      for (const f of readdirSync(dir)) if (f !== file && statSync(join(dir, f)).isFile()) o[`file ${f}`] = readFileSync(join(dir, f), 'utf8');
      for (const k of Object.keys(o)) o[k] = normalise(o[k].replaceAll(dir, '<dir>'));
      outputs[name] = o;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const keys = [...new Set([...Object.keys(outputs.this), ...Object.keys(outputs.other)])].sort();
  const differ = keys.filter((k) => outputs.this[k] !== outputs.other[k]);
  const bytes = keys.reduce((n, k) => n + (outputs.this[k]?.length ?? 0), 0);
  console.log(`${input}: ${keys.length} outputs (${(bytes / 1e6).toFixed(1)} MB), ${differ.length ? `DIFFER: ${differ.join(', ')}` : 'all identical'}`);
  failures += differ.length;
}
process.exit(failures ? 1 : 0);
