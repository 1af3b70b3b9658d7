#!/usr/bin/env node
// Deterministic generator of synthetic remissvar corpora for the benchmark.
// usage: node bench/generate.mjs <answers> <outdir> [--seed N] [--yaml] [--real <labelled.yaml>]
// Writes <outdir>/svar.csv (";"-separated, like Swedish Excel) and, with --yaml, YAML files of
// 1 000 responses each under <outdir>/yaml/. Same seed and size → byte-identical files.
// With --real, each answer is 1–3 real passages drawn (seeded) from a labelled file such as
// ../shared/real-dev/dev.yaml, read at run time: real text has the cues, lengths and noise that
// generated sentences lack. Without it, answers are generated sentences.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const answers = Number(args[0]);
const outdir = args[1];
const seed = Number(args.includes('--seed') ? args[args.indexOf('--seed') + 1] : 2016);
const withYaml = args.includes('--yaml');
const realFile = args.includes('--real') ? args[args.indexOf('--real') + 1] : undefined;
if (!Number.isInteger(answers) || answers <= 0 || !outdir || (args.includes('--real') && !realFile)) {
  console.error('usage: node bench/generate.mjs <answers> <outdir> [--seed N] [--yaml] [--real <labelled.yaml>]');
  process.exit(2);
}

// mulberry32: small, fast, seeded.
let state = seed >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const MUNICIPALITIES = ['Upplands Väsby kommun', 'Vallentuna kommun', 'Österåkers kommun', 'Värmdö kommun', 'Järfälla kommun', 'Ekerö kommun',
  'Kommunstyrelsen i Huddinge', 'Botkyrka kommun', 'Salems kommun', 'Haninge kommun', 'Tyresö kommun', 'Upplands-Bro kommun', 'Nykvarns kommun',
  'Täby kommun', 'Danderyds kommun', 'Sollentuna kommun', 'Stockholms stad', 'Södertälje kommun', 'Nacka kommun', 'Sundbybergs stad', 'Solna stad',
  'Lidingö stad', 'Vaxholms stad', 'Norrtälje kommun', 'Sigtuna kommun', 'Nynäshamns kommun', 'Region Gotland'];
const STANCES = ['tillstyrker', 'tillstyrker med förbehåll', 'avstyrker', 'avstår från att yttra sig', '', '', 'tillstyrker delvis'];

// Sentence parts: theme terms appear inflected and in compounds at realistic rates.
const SUBJECTS = ['Kommunen', 'Kommunstyrelsen', 'Staden', 'Nämnden', 'Förbundet', 'Vi', 'Organisationen', 'Föreningen'];
const VERBS = ['anser att', 'vill betona att', 'konstaterar att', 'befarar att', 'förutsätter att', 'noterar att', 'menar att'];
const THEMED = [
  'det kommunala självstyret inte får inskränkas', 'den kommunala självstyrelsen ska respekteras', 'självstyrelseprincipen måste vara vägledande',
  'kommunernas självbestämmande ska värnas', 'planmonopolet ska ligga kvar hos kommunerna',
  'Indelningskommitténs förslag bör avvaktas', 'en sammanslagning med Gotland kräver en egen utredning', 'regionindelningen är en nationell fråga',
  'en storregion i östra Mellansverige inte är aktuell',
  'medborgarna måste kunna utkräva ansvar', 'väljarna ska kunna ställa de direktvalda till svars', 'invånarnas insyn och delaktighet behöver stärkas',
  'den demokratiska legitimiteten stärks', 'KSL:s roll behöver förtydligas', 'Kommunförbundet Stockholms Län bör samordna kommunernas synpunkter',
  'KSL ska företräda medlemskommunerna',
];
const PLAIN = [
  'kollektivtrafiken i länets yttre delar behöver byggas ut', 'bostadsbyggandet måste öka i hela regionen', 'pendeltågstrafiken ska få fler avgångar',
  'de regionala stadskärnorna bör utvecklas', 'kompetensförsörjningen är en avgörande fråga', 'skärgårdens förutsättningar ska beaktas',
  'samarbetet över länsgränsen mot Mälardalen är viktigt', 'underlaget saknar en analys av kostnaderna', 'vägarna i södra länsdelen behöver förbättras',
  'arbetsmarknaden i regionen fortsätter att växa', 'hälso- och sjukvården behöver mer resurser', 'ett bättre beslutsunderlag med för- och nackdelar efterfrågas',
  'tunnelbanan bör förlängas', 'utbildningsfrågorna bör samordnas regionalt', 'miljö- och klimatarbetet är en gemensam angelägenhet',
];
const TAILS = ['', '', ' i den fortsatta processen', ' i en framtida region', ' enligt kommunens bedömning', ', särskilt för de mindre kommunerna', ' på sikt'];

function sentence() {
  const body = random() < 0.22 ? pick(THEMED) : pick(PLAIN);
  return `${pick(SUBJECTS)} ${pick(VERBS)} ${body}${pick(TAILS)}.`;
}
/** The answer texts of a dialog YAML file (one response, or `responses:`), in file order. */
async function passagesOf(file) {
  const { parse } = await import('yaml');
  const doc = parse(readFileSync(file, 'utf8'));
  const responses = doc.responses ?? (doc.respondent ? [doc] : []);
  const texts = responses.flatMap((r) => (r.answers ?? []).map((a) => String(a.text).replace(/\s+/g, ' ').trim()));
  if (!texts.length) throw new Error(`${file}: no answers to draw passages from`);
  return texts;
}
const PASSAGES = realFile ? await passagesOf(realFile) : undefined;

function answerText() {
  if (PASSAGES) {
    const n = 1 + Math.floor(random() * 3);
    return Array.from({ length: n }, () => pick(PASSAGES)).join(' ');
  }
  const n = 1 + Math.floor(random() * 4);
  let s = '';
  for (let i = 0; i < n; i++) s += (i ? ' ' : '') + sentence();
  return s;
}

// The project's own atomic, buffered writer (the benchmark runs on the built package).
const { AtomicFileWriter } = await import(new URL('../dist/cli/files/fsx.js', import.meta.url).href);
function write(path, producer) {
  const out = new AtomicFileWriter(path);
  for (const piece of producer()) out.write(piece);
  out.commit();
}

mkdirSync(outdir, { recursive: true });
// Respondents: the county's municipalities first, then many other bodies, each answering 1–4 questions.
const rows = [];
function* csv() {
  yield 'Remissinstans;Datum;Ställningstagande;Fråga;Svar\n';
  let written = 0;
  let r = 0;
  while (written < answers) {
    const name = r < MUNICIPALITIES.length ? MUNICIPALITIES[r] : `Remissinstans ${r}`;
    const stance = pick(STANCES);
    const date = `2016-02-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const questions = Math.min(answers - written, 1 + Math.floor(random() * 4));
    const response = { name, stance, date, answers: [] };
    for (let q = 0; q < questions; q++) {
      const text = answerText();
      response.answers.push({ q: `q${q + 1}`, text });
      yield `${name};${q === 0 ? date : ''};${q === 0 ? stance : ''};q${q + 1};"${text.replace(/"/g, '""')}"\n`;
    }
    if (withYaml) rows.push(response);
    written += questions;
    r++;
  }
}
write(join(outdir, 'svar.csv'), csv);

if (withYaml) {
  mkdirSync(join(outdir, 'yaml'), { recursive: true });
  for (let f = 0; f * 1000 < rows.length; f++) {
    const chunk = rows.slice(f * 1000, (f + 1) * 1000);
    write(join(outdir, 'yaml', `svar-${String(f).padStart(5, '0')}.yaml`), function* () {
      yield 'responses:\n';
      for (const r of chunk) {
        yield `  - respondent: ${r.name}\n    date: ${r.date}\n`;
        if (r.stance) yield `    stance: ${r.stance}\n`;
        yield '    answers:\n';
        // A JSON string is a valid YAML double-quoted scalar: quotes and backslashes stay escaped.
        for (const a of r.answers) yield `      - question: ${a.q}\n        text: ${JSON.stringify(a.text)}\n`;
      }
    });
  }
}
