import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diag, InputError } from '../../core/diagnostics.js';
import { displayPath, writeFileAtomic } from '../fsx.js';
import { message } from '../output.js';
import { CONFIG_FILE } from '../workspace.js';

const CONFIG = `# A dialog workspace (schemas/config.schema.json in the dialog package). Paths are relative
# to this file. Put remissvar (.yaml, .yml, .csv, .tsv) under remissvar/, then:
#   dialog ingest        read them into the corpus (it mirrors the inputs below)
#   dialog themes        themes per respondent and answer
#   dialog report --all  write the reports listed under outputs
inputs: [remissvar]
corpus: .dialog/corpus.json
lang: sv
# register: register.yaml    your own respondents (default: the municipalities of Stockholm County)
# codebook: codebook.yaml    your own themes (default: the codebook shipped with dialog)
outputs:
  sammanfattning: rapporter/sammanfattning.md
  remissammanstallning: rapporter/remissammanstallning.md
`;

const EXAMPLE = `# One response (remove or replace it with your own). Fields: README of dialog, "Input formats".
consultation:
  id: min-remiss
  title: Min remiss
  issuer: Min myndighet
  illustrative: true
  questions:
    - id: q1
      text: Vad anser ni om förslaget?
responses:
  - respondent: Bergby kommun
    date: 2026-01-15
    stance: tillstyrker med förbehåll
    answers:
      - question: q1
        text: >-
          Kommunen tillstyrker förslaget men vill betona att det kommunala självstyret inte får
          inskränkas. Invånarna behöver kunna se vem som ansvarar för vilka beslut.
`;


/** Writes a new workspace: dialog.config.yaml and an inputs folder with one example response. */
export function init(folder: string | undefined, opts: { quiet?: boolean }): void {
  const root = resolve(folder ?? '.');
  const config = join(root, CONFIG_FILE);
  if (existsSync(config)) throw new InputError([diag(displayPath(config), 0, 0, 'a workspace is already here; nothing was written (edit it, or choose another folder)')]);
  const inputs = join(root, 'remissvar');
  if (existsSync(inputs) && readdirSync(inputs).length)
    throw new InputError([diag(displayPath(inputs), 0, 0, 'this folder already holds files; nothing was written (choose another folder)')]);
  mkdirSync(inputs, { recursive: true });
  writeFileAtomic(join(inputs, 'exempel.yaml'), EXAMPLE);
  writeFileAtomic(config, CONFIG);
  if (!opts.quiet) message(`wrote ${displayPath(config)} and ${displayPath(join(inputs, 'exempel.yaml'))}\nnext: cd ${displayPath(root)} && dialog ingest && dialog report`);
}
