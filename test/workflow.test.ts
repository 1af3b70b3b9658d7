import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateWorkflow } from '@action-validator/core';
import { ROOT } from './helpers.js';

const DIR = join(ROOT, '.github', 'workflows');

describe('GitHub workflows', () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yml'))) {
    const text = readFileSync(join(DIR, file), 'utf8');

    it(`${file} is valid against the published workflow schema`, () => {
      expect(validateWorkflow(text).errors).toEqual([]);
    });

    it(`${file} pins every action to a commit and asks only for the permissions it needs`, () => {
      const wf = parse(text);
      expect(wf.permissions).toEqual({ contents: 'read' });
      for (const job of Object.values(wf.jobs) as { steps: { uses?: string }[]; permissions?: object }[]) {
        for (const step of job.steps) if (step.uses) expect(step.uses).toMatch(/@[0-9a-f]{40}$/);
        if (job.permissions) expect(job.permissions).toEqual({ contents: 'write' });
      }
    });
  }

  it('the validator rejects a broken workflow (so the test above can fail)', () => {
    expect(validateWorkflow('on: push\njobs:\n  x:\n    runs-on: 3\n    stepz: []\n').errors.length).toBeGreaterThan(0);
  });
});
