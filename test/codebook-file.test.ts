import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCodebook } from '../src/cli/workspace/codebook-file.js';
import { ROOT, tmp } from './helpers.js';

describe('a codebook loaded again in one process', () => {
  it('is compiled once while its file stays the same, and read again as soon as the file changes', () => {
    const dir = tmp('dialog-codebook-file-');
    const path = join(dir, 'codebook.yaml');
    copyFileSync(join(ROOT, 'data', 'codebook.yaml'), path);
    const first = loadCodebook(path);
    expect(loadCodebook(path)).toBe(first);
    // An edited label: another codebook, with the edit.
    writeFileSync(path, readFileSync(path, 'utf8').replace('Kommunalt självstyre', 'Det kommunala självstyret'));
    const edited = loadCodebook(path);
    expect(edited).not.toBe(first);
    expect(edited.themes.find((t) => t.id === 'self-government')?.label.sv).toBe('Det kommunala självstyret');
    // A broken file is an error every time, never an older compiled copy.
    writeFileSync(path, 'themes: [');
    expect(() => loadCodebook(path)).toThrow();
    expect(() => loadCodebook(path)).toThrow();
  });
});
