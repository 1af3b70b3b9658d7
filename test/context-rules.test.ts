import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../src/core/classify/classify.js';
import { CompiledCodebook, checkCodebook, type Codebook } from '../src/core/classify/codebook.js';
import { classifyResponse } from '../src/core/classify/context.js';
import { outcomeOf } from '../src/core/classify/outcome.js';
import type { Response } from '../src/core/model.js';
import { dialog, dialogBin, tmp } from './helpers.js';

// Invented text; the two themes stand in for the default codebook's re-division and KSL themes.
const source: Codebook = {
  themes: [
    {
      id: 'division',
      label: { sv: 'Indelning' },
      threshold: 2,
      patterns: [
        { glob: '*regionindelning*', weight: 2 },
        { word: 'kommittén', requires: 'response', weight: 2 },
        { word: 'förslaget', requires: [{ glob: '*regionindelning*', scope: 'response' }], weight: 2 },
      ],
    },
    {
      id: 'association',
      label: { sv: 'Förbundet' },
      threshold: 2,
      patterns: [
        { token: 'KSL', weight: 2 },
        { glob: 'förbund*', weight: 2, requires: [{ token: 'KSL', scope: 'respondent' }, { token: 'Storsthlm', scope: 'respondent' }] },
      ],
    },
  ],
};
const book = new CompiledCodebook(source);

function response(respondent: string, texts: string[]): Response {
  return {
    id: 'r-1',
    source: 'svar.yaml',
    line: 1,
    respondent: 'x',
    respondentAsWritten: respondent,
    answers: texts.map((text, i) => ({ id: `r-1.${i + 1}`, text })),
    reservations: [],
  };
}
const assigned = (r: Response) => classifyResponse(book, r).map((c) => c.themes.filter((t) => t.assigned).map((t) => t.id));

describe('context rules: cues that count only with what stands around the answer', () => {
  it('requires: response — a word counts when its theme is assigned to another answer of the same response', () => {
    const letter = response('Exempelby kommun', ['Kommunen avvisar en ny regionindelning av landet.', 'Kommittén har inte lyssnat på kommunerna.']);
    expect(assigned(letter)).toEqual([['division'], ['division']]);
    // Alone, or in a response without the theme elsewhere, the same answer has no theme.
    expect(classify(book, 'Kommittén har inte lyssnat på kommunerna.').themes[0].assigned).toBe(false);
    expect(assigned(response('Exempelby kommun', ['Vi har inga synpunkter.', 'Kommittén har inte lyssnat på kommunerna.']))).toEqual([[], []]);
    // Only another answer counts: a single answer does not lift itself.
    expect(assigned(response('Exempelby kommun', ['Kommittén föreslår en ny regionindelning.']))).toEqual([['division']]);
    const ev = classifyResponse(book, letter)[1].themes[0].evidence[0];
    expect(ev).toMatchObject({ pattern: 'word:kommittén @response', context: 'its theme is in another answer of the response' });
  });

  it('is deterministic: the order of the answers does not change which answer gets what, nor the scores', () => {
    const texts = ['Kommittén har inte lyssnat.', 'En ny regionindelning avvisas.', 'Kommittén bör tänka om.', 'Inget mer.'];
    const forward = classifyResponse(book, response('Exempelby kommun', texts)).map((c) => c.themes.map((t) => t.score));
    const backward = classifyResponse(book, response('Exempelby kommun', [...texts].reverse())).map((c) => c.themes.map((t) => t.score)).reverse();
    expect(forward).toEqual(backward);
    expect(forward.map((s) => s[0])).toEqual([2, 2, 2, 0]);
    // Context comes from the first pass only: two answers with only context words do not lift each other.
    expect(assigned(response('Exempelby kommun', ['Kommittén har inte lyssnat.', 'Kommittén bör tänka om.']))).toEqual([[], []]);
  });

  it('scope: response — a companion anywhere in the response', () => {
    const r = response('Exempelby kommun', ['Om regionindelning har vi skrivit tidigare, men inget mer.', 'Förslaget bör omarbetas.']);
    const [, second] = classifyResponse(book, r);
    expect(second.themes[0].assigned).toBe(true);
    expect(second.themes[0].evidence[0].context).toBe('glob:*regionindelning* stands in the response');
    expect(classify(book, 'Förslaget bör omarbetas.').themes[0].evidence[0].unmet).toBe('needs glob:*regionindelning* in the response');
  });

  it("scope: respondent — a cue counts when the response is by a given body (its name as written)", () => {
    const text = 'Förbundet ska samordna kommunernas arbete.';
    expect(assigned(response('Storsthlm (förbundets kansli)', [text]))).toEqual([['association']]);
    expect(assigned(response('Kommunförbundet Exempellän', [text]))).toEqual([[]]);
    const ev = classifyResponse(book, response('Storsthlm', [text]))[0].themes[1].evidence[0];
    expect(ev.context).toBe("token:Storsthlm stands in the respondent's name (Storsthlm)");
    expect(ev.pattern).toBe('glob:förbund* @respondent');
  });

  it("outcomeOf keeps its shape and uses the response's context", () => {
    const o = outcomeOf(book, response('Exempelby kommun', ['Kommunen avvisar en ny regionindelning.', 'Kommittén har inte lyssnat.']), 1);
    expect(Object.keys(o)).toEqual(['response', 'respondent', 'stance', 'reservations', 'answers']);
    expect(o.answers.map((a) => a.themes.map((t) => t.id))).toEqual([['division'], ['division']]);
    expect(Object.keys(o.answers[1].themes[0].evidence[0])).toEqual(['pattern', 'match', 'start', 'end', 'sentence', 'sentenceStart', 'rank', 'procedure']);
  });

  it('rejects a veto with scope response or respondent, and requires: response without a cue of its own', () => {
    const bad: Codebook = {
      themes: [
        { id: 't', label: { sv: 'T' }, patterns: [{ word: 'a', exclude: [{ word: 'b', scope: 'response' }] }], exclude: [{ word: 'c', scope: 'respondent' }] },
        { id: 'u', label: { sv: 'U' }, patterns: [{ word: 'd', requires: 'response' }] },
      ],
    };
    expect(checkCodebook(bad).map((p) => `${p.path.join('.')}: ${p.message}`)).toEqual([
      'themes.0.patterns.0.exclude.0.scope: scope: response applies to the companions of requires only; an exclusion vetoes in its sentence or window',
      'themes.0.exclude.0.scope: scope: respondent applies to the companions of requires only; an exclusion vetoes in its sentence or window',
      'themes.1.patterns.0.requires: requires: response needs another pattern of the theme that counts on its own',
    ]);
  });
});

describe('context rules through the CLI', () => {
  function workspace() {
    const dir = tmp('dialog-context-');
    writeFileSync(
      join(dir, 'codebook.yaml'),
      `themes:
  - id: division
    label: { sv: Indelning }
    threshold: 2
    patterns:
      - { glob: "*regionindelning*", weight: 2 }
      - { word: kommittén, requires: response, weight: 2 }
`,
    );
    writeFileSync(
      join(dir, 'svar.yaml'),
      `consultation: { id: test, title: Test }
responses:
  - respondent: Exempelby kommun
    answers:
      - text: Kommunen avvisar en ny regionindelning av landet.
        themes: [division]
      - text: Kommittén har inte lyssnat på kommunerna.
        themes: [division]
  - respondent: Provköpings kommun
    answers:
      - text: Kommittén sammanträdde i våras.
        themes: []
`,
    );
    return dir;
  }

  it('--explain shows that a match counts in context (real bin)', async () => {
    const dir = workspace();
    const r = dialogBin(['themes', 'svar.yaml', '--codebook', 'codebook.yaml', '--explain', 'Exempelby', '--no-write', '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+ word:kommittén @response (weight 2) matched "Kommittén" at 0-9 and counts in context: its theme is in another answer of the response');
    // The other respondent in-process: the bin's output is proved by the run above.
    const other = await dialog(['themes', 'svar.yaml', '--codebook', 'codebook.yaml', '--explain', 'Provköping', '--no-write', '-q'], { cwd: dir });
    expect(other.stdout).toContain('does not count: it needs its theme in another answer of the response');
  });

  it('--eval measures each context rule and what all of them bring', async () => {
    const dir = workspace();
    const r = await dialog(['themes', 'svar.yaml', '--codebook', 'codebook.yaml', '--eval', '--format', 'json', '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e.patterns.find((p: { pattern: string }) => p.pattern === 'word:kommittén @response')).toMatchObject({ fired: 1, precision: 1, uniqueTp: 1, uniqueFp: 0 });
    expect(e.context).toEqual({ patterns: 1, macroF1Without: 0.6667, tp: 1, fp: 0 });
    const text = await dialog(['themes', 'svar.yaml', '--codebook', 'codebook.yaml', '--eval', '-q'], { cwd: dir });
    expect(text.stdout).toContain('Context rules (1 patterns that look beyond their answer, marked @response or @respondent): +1 TP, +0 FP; macro F1 without them 0.667, with them 1.000');
  });
});
