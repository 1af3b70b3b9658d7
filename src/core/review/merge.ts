import { isMap, isSeq, parseDocument, YAMLMap, YAMLSeq, type Document } from 'yaml';
import type { Decision, StanceDecision, ThemeDecision } from './decisions.js';

const HEADER = `A person's decisions on dialog's tags (schemas/review.schema.json). They win over the codebook in
every output, marked origin: review. \`dialog review import\` adds to this file; entries may be edited
by hand. An entry is anchored to its answer (or response) id, which follows the text: when the
text changes, the entry is reported at its line and not applied.`;

/**
 * The review file (its text, or its document as parsed) with `decisions` merged in: a decision replaces the entry for the same answer
 * (or response) where the file has one, in place, and is appended otherwise. Comments and the
 * other entries stay as they were written.
 */
export function mergeDecisions(existing: string | Document | undefined, decisions: readonly Decision[]): { text: string; added: number; replaced: number } {
  const given = typeof existing === 'string' ? (existing.trim() ? parseDocument(existing) : undefined) : existing;
  const doc: Document = given && given.contents !== null ? given : parseDocument('decisions: []\n');
  if (doc !== given) doc.commentBefore = HEADER.split('\n').map((l) => ` ${l}`).join('\n');
  let list = doc.get('decisions');
  if (!isSeq(list)) {
    list = new YAMLSeq();
    doc.set('decisions', list);
  }
  const seq = list as YAMLSeq;
  seq.flow = false;
  const index = new Map<string, number>();
  seq.items.forEach((item, i) => {
    if (!isMap(item)) return;
    const key = item.get('answer') ?? item.get('response');
    if (typeof key === 'string') index.set(key, i);
  });
  let added = 0;
  let replaced = 0;
  for (const d of decisions) {
    const node = entryNode(doc, d);
    const key = 'answer' in d ? d.answer : d.response;
    const at = index.get(key);
    if (at !== undefined) {
      seq.items[at] = node;
      replaced++;
    } else {
      index.set(key, seq.items.length);
      seq.items.push(node);
      added++;
    }
  }
  // Block scalars (`|+`) would not read back a note of spaces and line breaks: quoted scalars do.
  return { text: doc.toString({ lineWidth: 0, flowCollectionPadding: false, blockQuote: false }), added, replaced };
}

/** One entry, its fields in the order people read them, theme lists on one line. */
function entryNode(doc: Document, d: Decision): YAMLMap {
  const entry: Record<string, unknown> = {};
  if ('answer' in d) entry.answer = d.answer;
  else entry.response = d.response;
  if (d.respondent) entry.respondent = d.respondent;
  if (d.name) entry.name = d.name;
  if (d.text) entry.text = d.text;
  if ('answer' in d) themeLists(entry, d);
  else entry.stance = (d as StanceDecision).stance;
  entry.reviewer = d.reviewer;
  entry.date = d.date;
  if (d.note) entry.note = d.note;
  const node = doc.createNode(entry) as YAMLMap;
  for (const pair of node.items) if (isSeq(pair.value)) pair.value.flow = true;
  return node;
}

function themeLists(entry: Record<string, unknown>, d: ThemeDecision): void {
  if (d.confirm.length) entry.confirm = d.confirm;
  if (d.add.length) entry.add = d.add;
  if (d.remove.length) entry.remove = d.remove;
  // "No theme, and the machine gave none": still a decision, so one list stays, empty.
  if (!d.confirm.length && !d.add.length && !d.remove.length) entry.confirm = [];
}
