import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from './helpers.js';
import { diffResults } from '../dist/core/diff/compare.js';
import { renderDiffMarkdown, renderDiffText } from '../dist/core/diff/render.js';
import { emptyResult, type RunResult, type SideAnswer, type SideResponse } from '../dist/core/diff/result.js';

const mark = (change: 'confirmed' | 'added' | 'removed') => ({ change, reviewer: 'Eva Lund', date: '2027-04-01' });
const THEMES = [
  { id: 'a', label: 'Tema A' },
  { id: 'b', label: 'Tema B' },
];

/** A side built by hand: answers and responses as the collector would keep them. */
function side(label: string, answers: Omit<SideAnswer, 'index'>[], responses: SideResponse[], names: Record<string, string>): RunResult {
  const r = emptyResult(label, THEMES);
  answers.forEach((a, index) => r.answers.set(a.answer, { ...a, index }));
  for (const x of responses) r.responses.set(x.response, x);
  for (const [id, name] of Object.entries(names)) r.respondents.set(id, { id, name });
  return r;
}
const tag = (id: string, review?: ReturnType<typeof mark>) => ({ id, origin: review ? ('review' as const) : ('codebook' as const), evidence: [{ pattern: 'glob:x*', match: 'x', sentence: `Om ${id}.` }], ...(review ? { review } : {}) });

describe('diffResults', () => {
  it('tells a change of the codebook from one of a person, on either side', () => {
    const before = side(
      'före',
      [
        { answer: 'a-1', response: 'r-1', respondent: 'k1', themes: [tag('a')] },
        // A person added b; in the after run the decision is gone.
        { answer: 'a-2', response: 'r-1', respondent: 'k1', themes: [tag('b', mark('added'))] },
        // A person removed a; in the after run the codebook gives it again.
        { answer: 'a-3', response: 'r-2', respondent: 'k2', themes: [], removed: [{ id: 'a', review: mark('removed') }] },
        { answer: 'a-4', response: 'r-2', respondent: 'k2', themes: [tag('a')] },
      ],
      [],
      { k1: 'Öby kommun', k2: 'Aby kommun' },
    );
    const after = side(
      'efter',
      [
        { answer: 'a-1', response: 'r-1', respondent: 'k1', themes: [tag('a'), tag('b')] },
        { answer: 'a-2', response: 'r-1', respondent: 'k1', themes: [] },
        { answer: 'a-3', response: 'r-2', respondent: 'k2', themes: [tag('a')] },
        // A person removes a now.
        { answer: 'a-4', response: 'r-2', respondent: 'k2', themes: [], removed: [{ id: 'a', review: mark('removed') }] },
      ],
      [],
      { k1: 'Öby kommun', k2: 'Aby kommun' },
    );
    const d = diffResults(before, after);
    // Ordered by name as Swedish sorts it (Ö after A), then by place in the corpus.
    expect(d.answers.changed.map((a) => [a.answer, a.gained.map((t) => `+${t.theme}:${t.cause}`), a.lost.map((t) => `-${t.theme}:${t.cause}`)])).toEqual([
      ['a-3', ['+a:review'], []],
      ['a-4', [], ['-a:review']],
      ['a-1', ['+b:codebook'], []],
      ['a-2', [], ['-b:review']],
    ]);
    // The evidence is that of the side that has the tag.
    expect(d.answers.changed[0].gained[0].evidence).toEqual([{ pattern: 'glob:x*', match: 'x', sentence: 'Om a.' }]);
    expect(d.changed).toBe(true);
    expect(diffResults(after, after).changed).toBe(false);
  });

  it('pairs a response whose id changed with its respondent\'s only other one, and reports its change of position', () => {
    const r = (response: string, respondent: string, stance: SideResponse['stance'], origin: SideResponse['origin']): SideResponse => ({ response, respondent, stance, origin });
    const before = side('före', [], [r('r-1', 'k1', 'support', 'stated'), r('r-2', 'k2', 'oppose', 'stated'), r('r-3', 'k3', 'support', 'stated'), r('r-4', 'k3', 'support', 'stated')], { k1: 'A', k2: 'B', k3: 'C' });
    const after = side('efter', [], [r('r-1', 'k1', 'conditional', 'review'), r('r-9', 'k2', 'support', 'inferred'), r('r-5', 'k3', 'oppose', 'stated')], { k1: 'A', k2: 'B', k3: 'C' });
    const d = diffResults(before, after);
    // C has two responses before and one after: which one became which cannot be told, so none is paired.
    expect(d.stances.map((s) => [s.name, s.response, s.before.stance, s.after.stance, s.cause])).toEqual([
      ['A', { before: 'r-1', after: 'r-1' }, 'support', 'conditional', 'review'],
      ['B', { before: 'r-2', after: 'r-9' }, 'oppose', 'support', 'response'],
    ]);
  });

  it('counts a theme only one side has as new or gone, and caps the lists of the Markdown', () => {
    const before = emptyResult('före', [THEMES[0]]);
    const after = emptyResult('efter', THEMES);
    for (let i = 0; i < 120; i++) after.answers.set(`a-${i}`, { answer: `a-${i}`, response: 'r-1', respondent: 'k1', themes: [tag('b')], index: i });
    after.respondents.set('k1', { id: 'k1', name: 'Aby kommun' });
    const d = diffResults(before, after);
    expect(d.counts.themes.map((t) => [t.theme, t.respondents.before, t.respondents.after])).toEqual([
      ['a', 0, 0],
      ['b', null, 0],
    ]);
    const md = renderDiffMarkdown(d, 50);
    expect(md.match(/^- Aby kommun `a-\d+`/gmu)).toHaveLength(50);
    expect(md).toContain('- and 70 more');
    expect(md).toContain('| Tema B | – → **0** | – → **0** | – → **0 %** |');
    expect(renderDiffText(d, undefined, 10)).toContain('  and 110 more');
  });

  it('escapes names and sentences in the Markdown', () => {
    const mk = (themes: ReturnType<typeof tag>[]) => side('x', [{ answer: 'a-1', response: 'r-1', respondent: 'k1', themes }], [], { k1: '<script>|*Aby*' });
    const md = renderDiffMarkdown(diffResults(mk([]), mk([{ ...tag('a'), evidence: [{ pattern: 'p', match: 'm', sentence: 'Se [här](http://x.invalid) | *nu*' }] }])));
    expect(md).toContain('\\<script\\>\\|\\*Aby\\*');
    expect(md).toContain('”Se \\[här\\](http\\://x.invalid) \\| \\*nu\\*”');
  });
});

describe('the Markdown of dialog diff', () => {
  it('passes markdownlint, but for the top-level heading a part of a job summary does not have', async () => {
    const { main } = (await import('markdownlint-cli2')) as { main: (params: { directory: string; argv: string[]; optionsOverride?: object; logMessage: (m: string) => void; logError: (m: string) => void }) => Promise<number> };
    const output: string[] = [];
    const log = (m: string) => output.push(m);
    const code = await main({ directory: ROOT, argv: [join(FIXTURES, 'diff', 'expected', 'codebook.md')], optionsOverride: { config: { default: true, MD013: false, MD041: false } }, logMessage: log, logError: log });
    expect(code, output.join('\n')).toBe(0);
  });
});
