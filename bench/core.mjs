#!/usr/bin/env node
// Classification core throughput on one core: MB/s of answer text (UTF-8 bytes).
// usage: node bench/core.mjs <corpus.json> [repeats]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const root = fileURLToPath(new URL('..', import.meta.url));
const { loadCodebook } = await import(`${root}dist/cli/workspace/codebook-file.js`);
const { classify } = await import(`${root}dist/core/classify/classify.js`);
const corpus = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const repeats = Number(process.argv[3] ?? 3);
const texts = corpus.responses.flatMap((r) => r.answers.map((a) => a.text));
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
const book = loadCodebook(`${root}data/codebook.yaml`);
for (const t of texts.slice(0, 2000)) classify(book, t); // warm the caches and the JIT
const times = [];
let tagged = 0;
for (let r = 0; r < repeats; r++) {
  const t0 = process.hrtime.bigint();
  tagged = 0;
  for (const t of texts) if (classify(book, t).themes.some((x) => x.assigned)) tagged++;
  times.push(Number(process.hrtime.bigint() - t0) / 1e9);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(JSON.stringify({ answers: texts.length, mb: +(bytes / 1e6).toFixed(1), seconds: +median.toFixed(3), mbPerSecond: +(bytes / 1e6 / median).toFixed(1), answersPerSecond: Math.round(texts.length / median), tagged }));
