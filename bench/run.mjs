#!/usr/bin/env node
// The benchmark: builds corpora from real text (answers of 1–3 passages drawn, seeded, from
// ../shared/real-dev/dev.yaml at run time) or from generated sentences, runs ingest, themes and
// report on each size, and prints wall time (median of runs), throughput and peak memory, with
// ripgrep's time for the same keyword count as the ceiling of a pure scan, and start-up against
// `node -e 0`.
// usage: npm run bench [-- --source real|synthetic --sizes 10000,100000,1000000 --runs 3 --no-yaml]
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sizes = opt('--sizes', '10000,100000,1000000').split(',').map(Number);
const runs = Number(opt('--runs', '3'));
const yaml = !args.includes('--no-yaml');
const realText = join(root, '..', 'shared', 'real-dev', 'dev.yaml');
const source = opt('--source', existsSync(realText) ? 'real' : 'synthetic');
if (source === 'real' && !existsSync(realText)) throw new Error(`--source real needs ${realText}`);
if (source !== 'real' && source !== 'synthetic') throw new Error('--source is real or synthetic');
const out = join(root, 'bench', 'out', source);
const bin = join(root, 'bin', 'dialog');
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const hasRg = spawnSync('rg', ['--version']).status === 0;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs a command `runs` times; median wall seconds and the largest peak RSS in MB. */
function measure(cmd, argv, { cwd = root, env = {}, times = runs } = {}) {
  const walls = [];
  let rss = 0;
  for (let i = 0; i < times; i++) {
    const t0 = process.hrtime.bigint();
    const r = gnuTime
      ? spawnSync(gnuTime, ['-f', '%M', cmd, ...argv], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 30 })
      : spawnSync(cmd, argv, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 30 });
    walls.push(Number(process.hrtime.bigint() - t0) / 1e9);
    if (r.status !== 0 && !(cmd === 'rg' && r.status === 1)) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}`);
    if (gnuTime) rss = Math.max(rss, Number(r.stderr.trim().split('\n').pop()) / 1024);
  }
  return { seconds: median(walls), rssMb: gnuTime ? Math.round(rss) : undefined };
}

/** The codebook's keywords as ripgrep patterns: words and globs stripped of *, phrases with \s+. */
function rgPatterns() {
  const book = parse(readFileSync(join(root, 'data', 'codebook.yaml'), 'utf8'));
  const pats = new Set();
  for (const t of book.themes)
    for (const p of t.patterns) {
      // A near pair is found where either word is; forms are words of their own.
      const values = [p.word ?? p.glob ?? p.token ?? p.phrase, ...(p.near ?? []), ...(p.forms ?? [])].filter(Boolean);
      for (const v of values) pats.add(v.replace(/\*/g, '').trim().split(/\s+/).join('\\s+'));
    }
  return [...pats];
}

/** UTF-8 bytes of answer text in a corpus, read line by line (a million answers exceed V8's longest string). */
async function answerTextBytes(path) {
  let bytes = 0;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.startsWith('{"id"')) continue;
    for (const a of JSON.parse(line.replace(/,$/, '')).answers) bytes += Buffer.byteLength(a.text);
  }
  return bytes;
}

const rows = [];
const result = { source, machine: `${cpus().length} × ${cpus()[0].model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`, sizes: {} };
console.error(`machine: ${result.machine}`);

// Start-up.
const node0 = measure(process.execPath, ['-e', '0'], { times: 21 });
const version = measure(process.execPath, [bin, '--version'], { times: 21 });
const help = measure(process.execPath, [bin, '--help'], { times: 21 });
result.startup = { node: node0.seconds, version: version.seconds, help: help.seconds };
console.error(`start-up: node -e 0 ${node0.seconds.toFixed(3)} s, --version ${version.seconds.toFixed(3)} s (${(version.seconds / node0.seconds).toFixed(2)}×), --help ${help.seconds.toFixed(3)} s (${(help.seconds / node0.seconds).toFixed(2)}×)`);

const patternsFile = join(out, 'patterns.txt');
for (const n of sizes) {
  const dir = join(out, String(n));
  if (!existsSync(join(dir, 'svar.csv')) || (yaml && !existsSync(join(dir, 'yaml')))) {
    console.error(`generating ${n} answers…`);
    const real = source === 'real' ? ['--real', realText] : [];
    execFileSync(process.execPath, [join(root, 'bench', 'generate.mjs'), String(n), dir, ...(yaml ? ['--yaml'] : []), ...real], { stdio: 'inherit' });
  }
  const csvBytes = statSync(join(dir, 'svar.csv')).size;
  const corpus = join(dir, 'corpus.json');
  const times = n >= 1_000_000 ? Math.min(runs, 3) : runs;
  const r = {};
  r.ingestCsv = measure(process.execPath, [bin, 'ingest', 'svar.csv', '-o', corpus, '--replace', '-q'], { cwd: dir, times });
  if (yaml) r.ingestYaml = measure(process.execPath, [bin, 'ingest', 'yaml', '-o', join(dir, 'corpus-yaml.json'), '--replace', '-q'], { cwd: dir, times: 1 });
  const textBytes = await answerTextBytes(corpus);
  r.themes = measure(process.execPath, [bin, 'themes', '--corpus', corpus, '-q', '--no-write'], { cwd: dir, times });
  r.themesOneThread = measure(process.execPath, [bin, 'themes', '--corpus', corpus, '-q', '--no-write'], { cwd: dir, times, env: { DIALOG_WORKERS: '0' } });
  r.themesCsv = measure(process.execPath, [bin, 'themes', 'svar.csv', '-q'], { cwd: dir, times });
  r.report = measure(process.execPath, [bin, 'report', '--corpus', corpus, '-q', '-o', join(dir, 'report.md')], { cwd: dir, times });
  r.reportCsv = measure(process.execPath, [bin, 'report', 'svar.csv', '-q', '-o', join(dir, 'report-csv.md')], { cwd: dir, times });
  if (hasRg) {
    writeFileSync(patternsFile, rgPatterns().join('\n') + '\n');
    r.rg = measure('rg', ['-c', '-i', '-f', patternsFile, 'svar.csv'], { cwd: dir, times });
  }
  result.sizes[n] = { ...r, csvBytes, textBytes };
  const mbps = (s) => (textBytes / 1e6 / s).toFixed(1);
  const aps = (s) => Math.round(n / s).toLocaleString('en');
  for (const [name, m] of Object.entries(r))
    rows.push(`| ${n.toLocaleString('en')} | ${name} | ${m.seconds.toFixed(2)} | ${aps(m.seconds)} | ${mbps(m.seconds)} | ${m.rssMb ?? '–'} | ${r.rg ? (m.seconds / r.rg.seconds).toFixed(1) + '×' : '–'} |`);
  console.error(`${n}: done\n${rows.filter((row) => row.startsWith(`| ${n.toLocaleString('en')} |`)).join('\n')}`);
}

// Classification core, one thread, on the largest generated corpus up to 100 000 answers.
const coreSize = Math.max(...sizes.filter((s) => s <= 100_000), sizes[0]);
const core = JSON.parse(execFileSync(process.execPath, [join(root, 'bench', 'core.mjs'), join(out, String(coreSize), 'corpus.json'), '5'], { encoding: 'utf8' }));
result.core = core;
writeFileSync(join(out, 'results.json'), JSON.stringify(result, null, 2));

console.log(`Machine: ${result.machine}\nText: ${source === 'real' ? 'real passages from ../shared/real-dev/dev.yaml' : 'generated sentences'}\n`);
console.log(`Start-up (median of 21): \`node -e 0\` ${node0.seconds.toFixed(3)} s; \`dialog --version\` ${version.seconds.toFixed(3)} s (${(version.seconds / node0.seconds).toFixed(2)}×); \`dialog --help\` ${help.seconds.toFixed(3)} s (${(help.seconds / node0.seconds).toFixed(2)}×)\n`);
console.log(`Classification core (one thread, ${core.answers.toLocaleString('en')} answers, ${core.mb} MB): ${core.mbPerSecond} MB/s, ${core.answersPerSecond.toLocaleString('en')} answers/s\n`);
console.log('| answers | step | wall s (median) | answers/s | MB/s of text | peak RSS MB | × rg |');
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
