import { READ_EXTENSIONS } from '../files/fsx.js';
import { UNREAD_SHEET_EXTENSIONS } from '../readers/sheet-formats.js';

/** What `dialog init` and `dialog codebook init` write: commented files the analyst fills in. */

export const CONFIG_TEXT = `# A dialog workspace (schemas/config.schema.json in the dialog package). Paths are relative to
# this file; dialog finds it from any folder below it, as git finds .git.
#   1. Describe your consultation in remiss.yaml (title, issuer, dates, questions).
#   2. Put the remissvar under remissvar/. dialog reads
#      ${READ_EXTENSIONS.join(', ')}
#      (letters as PDF or Word, answers in spreadsheets or YAML); .doc, .pages, .wpd and
#      .wps letters are listed as unreadable, with how to convert them; ${Object.keys(UNREAD_SHEET_EXTENSIONS).join(', ')}
#      sheets are errors: save them as .xlsx, .ods or CSV.
#   3. dialog ingest        read them into the corpus (it mirrors the inputs below)
#      dialog themes        themes per respondent and answer (your themes: codebook.yaml)
#      dialog report --all  write the reports listed under outputs
inputs: [remissvar]
consultation: remiss.yaml
register: register.yaml
codebook: codebook.yaml
corpus: .dialog/corpus.json
lang: sv
# A person's decisions on the tags: \`dialog review export -o granskning.xlsx\`, fill it in, then
# \`dialog review import granskning.xlsx\` writes them here; they win over the codebook.
review: review.yaml
# How good the codebook is on your answers: \`dialog audit sample\`, check it by hand, then
# \`dialog audit score\` writes this file; reports then give each share with an interval.
audit: audit.yaml
# labels: labels.csv   your theme labels per answer, for \`dialog themes --eval\`
#                      (\`dialog labels template > labels.csv\` writes one to fill)
outputs:
  sammanfattning: rapporter/sammanfattning.md
  remissammanstallning: rapporter/remissammanstallning.md
`;

export const CONSULTATION_TEXT = `# The consultation (remiss) of this workspace: what was sent, by whom, and what it asked.
# Reports take their title, issuer, dates and questions from here: replace the values below and
# remove the # before the lines you fill in. Format: schemas/consultation.schema.json in the
# dialog package.
id: min-remiss                 # a short id of your own: letters, digits, . _ -
title: Remissens titel (skriv den i remiss.yaml)
# issuer: Myndigheten som skickade remissen
# reference: Dnr 2026/123      # the issuer's diarienummer
# sent: 2026-01-15
# deadline: 2026-03-31
# recipients: Länets kommuner, regionen och länsstyrelsen
# remissinstanser:             # whom it was sent to: the report counts answers against this list
#   - län: "24"                # every municipality of a county (SCB county code, or its name)
#   - Region Västerbotten      # a body by name, or by its code in the register (2480)
#   - Länsstyrelsen i Västerbottens län
# purpose: Varför remissen skickades, i en eller två meningar; rapporten inleds med den.
# questions:                   # the questions of the remiss; answers refer to them by id
#   - id: q1
#     text: Vad anser ni om förslaget?
`;

export const REGISTER_TEXT = `# The respondents of this consultation as dialog should name and count them: each body's
# official name, its type, and other forms of the name that letters use (variants). Empty to
# begin with: fill it in, or remove the \`register:\` line of dialog.config.yaml.
# Format: schemas/register.schema.json in the dialog package. Examples (remove the #):
respondents: []
#  - code: "2480"               # SCB kommunkod, for a municipality
#    name: Umeå kommun
#    type: kommun
#    variants: [Umeå]
#  - code: "24"                 # länskod, for a region
#    name: Region Västerbotten
#    type: region
#  - code: vattenbolaget        # an id of your own, for any other body
#    name: Bergby Vatten AB
#    type: organisation
`;

export const CODEBOOK_TEXT = `# The codebook of this workspace: the themes dialog looks for in the answers, and the words
# that find them. The two themes below are EXAMPLES: replace them with the themes of your
# consultation. Format: schemas/codebook.schema.json in the dialog package, explained in the
# README ("The codebook"). Try a pattern with \`dialog themes --kwic "kostnad*"\`; with labelled
# answers, \`dialog themes --eval\` measures the codebook.
#
# Scoring: each pattern that matches an answer adds its weight (default 1); an answer gets the
# theme when the sum reaches the theme's threshold (default 1).
version: 1
language: sv
# consultation: min-remiss     # the id in remiss.yaml: dialog warns if the codebook is used for another
themes:
  # EXAMPLE: replace with a theme of your own.
  - id: kostnader
    label: { sv: Kostnader och finansiering, en: Costs and funding }
    patterns:
      - { glob: "kostnad*", note: "kostnad, kostnaderna, kostnadsökning" }
      - { glob: "finansier*", weight: 2 }
  # EXAMPLE: replace with a theme of your own.
  - id: tidplan
    label: { sv: Tidplan och genomförande, en: Timetable and implementation }
    threshold: 2
    patterns:
      - { glob: "tidplan*", weight: 2 }
      - { word: ikraftträdande, weight: 2 }
      - { phrase: "för kort tid", weight: 2 }
      - { word: övergångsbestämmelse }
`;
