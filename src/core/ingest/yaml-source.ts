import { isAlias, isMap, isNode, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { diag, type Diagnostic } from '../diagnostics.js';
import { explainErrors } from '../schemas.js';
import type { ValidateFunction } from 'ajv';

/** Aliases expand on conversion; more than this many per document is treated as an alias bomb. */
const MAX_ALIAS_COUNT = 100;
/** Remissvar need a handful of levels; deeper nesting is refused before anything recurses on it. */
export const MAX_DEPTH = 64;
/** What aliases may add, in bytes of expanded text: twice the file and a megabyte. */
const aliasBudget = (textLength: number) => 2 * textLength + (1 << 20);

export interface YamlSource {
  data: unknown;
  diagnostics: Diagnostic[];
  /** Line and column (1-based) of the value at `path`, or of its key when `atKey`. */
  locate(path: readonly (string | number)[], atKey?: boolean): { line: number; col: number };
  /** The parsed document, comments and all (absent when it could not be parsed): for editing it in place. */
  document?: Document.Parsed;
}

export function parseYaml(file: string, source: string): YamlSource {
  // A lone CR ends a line for YAML 1.2 and for editors, but not for the parser; as LF it does, and
  // every offset stays where it was.
  const text = source.includes('\r') ? source.replace(/\r(?!\n)/gu, '\n') : source;
  // yaml's LineCounter misses the line breaks inside tokens it could not parse, so that errors
  // after a broken flow collection point past the end of their line; line starts are counted here.
  const starts = lineStarts(text);
  const diagnostics: Diagnostic[] = [];
  const pos = (offset: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, col: Math.max(1, Math.min(offset, text.length) - starts[low] + 1) };
  };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { logLevel: 'error', uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    const deep = deepestOpening(text);
    diagnostics.push(diag(file, deep.line, deep.col, `the YAML is nested too deeply (more than ${MAX_DEPTH} levels); a remissvar file needs only a few`));
    return { data: undefined, diagnostics, locate: () => ({ line: 1, col: 1 }) };
  }
  for (const e of [...doc.errors, ...doc.warnings]) {
    const { line, col } = pos(e.pos[0]);
    let first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    if (/call stack/i.test(first)) first = `it is nested too deeply (dialog reads at most ${MAX_DEPTH} levels; a remissvar file needs only a few)`;
    diagnostics.push(
      diag(file, line, col, `invalid YAML: ${first}; fix the syntax at this place`, doc.errors.includes(e as never) ? 'error' : 'warning'),
    );
  }

  const locate = (path: readonly (string | number)[], atKey = false) => {
    let node: unknown = doc.contents;
    let keyNode: unknown;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(seg));
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        keyNode = undefined;
        node = node.items[seg];
      } else break;
    }
    const target = (atKey && keyNode ? keyNode : node) as Node | undefined;
    const offset = isNode(target) && target.range ? target.range[0] : 0;
    return pos(offset);
  };

  let data: unknown = undefined;
  if (doc.errors.length === 0) {
    const shape = checkShape(doc, aliasBudget(text.length));
    if (shape) {
      const { line, col } = pos(shape.offset);
      diagnostics.push(diag(file, line, col, shape.message));
      return { data, diagnostics, locate, document: doc };
    }
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      diagnostics.push(
        diag(file, 1, 1, `YAML aliases expand too much (${(err as Error).message.split('\n')[0]}); remove the repeated aliases (&/*) from the file`),
      );
    }
  }
  return { data, diagnostics, locate, document: doc };
}

/** Validates parsed YAML against a schema; problems are located at their line and column. */
export function validateYaml(file: string, source: YamlSource, validate: ValidateFunction, value = source.data, base: (string | number)[] = []): Diagnostic[] {
  if (validate(value)) return [];
  return explainErrors(validate.errors).map((p) => {
    const { line, col } = source.locate([...base, ...p.path], p.atKey);
    return diag(file, line, col, p.message);
  });
}

/**
 * Depth and expanded size of a parsed document, walked without recursion: nesting beyond
 * MAX_DEPTH, or aliases that would expand past the budget (a few aliases of a large anchor are
 * as much a bomb as many of a small one), are refused at their place.
 */
function checkShape(doc: Document.Parsed, budget: number): { offset: number; message: string } | undefined {
  const sizes = new Map<unknown, number>();
  // An alias names the last node anchored so before it in document order, as Alias.resolve finds
  // it; resolve walks the whole document for every alias (61 walks of the default codebook).
  const anchors = new Map<string, unknown>();
  const stack: { node: unknown; depth: number; done: boolean }[] = [{ node: doc.contents, depth: 1, done: false }];
  let expanded = 0;
  while (stack.length) {
    const top = stack[stack.length - 1];
    const node = top.node as Node | null;
    const offset = isNode(node) && node.range ? node.range[0] : 0;
    if (top.depth > MAX_DEPTH) return { offset, message: `the YAML is nested more than ${MAX_DEPTH} levels deep; a remissvar file needs only a few` };
    const children: unknown[] = isMap(node) ? node.items.flatMap((p) => [p.key, p.value]) : isSeq(node) ? node.items : [];
    if (!top.done) {
      top.done = true;
      if (isNode(node) && node.anchor) anchors.set(node.anchor, node);
      // In reverse, so that nodes finish in document order: an anchor before its aliases.
      for (let i = children.length - 1; i >= 0; i--) if (children[i] !== null && children[i] !== undefined) stack.push({ node: children[i], depth: top.depth + 1, done: false });
      continue;
    }
    stack.pop();
    let size = 1;
    if (isScalar(node)) size += String(node.value ?? '').length;
    else if (isAlias(node)) {
      const target = anchors.get(node.source);
      size += sizes.get(target) ?? 0;
      expanded += sizes.get(target) ?? 0;
      if (expanded > budget)
        return { offset, message: `YAML aliases expand to more than ${Math.round(budget / 1e6)} MB; write the repeated parts out, or remove the aliases (&/*)` };
    }
    for (const c of children) size += sizes.get(c) ?? 0;
    sizes.set(node, size);
  }
  return undefined;
}

/** Where a text's bracket or indentation nesting is deepest, for the message on too-deep YAML. */
function deepestOpening(text: string): { line: number; col: number } {
  let depth = 0;
  let line = 1;
  let col = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    col++;
    if (ch === '\n') {
      line++;
      col = 0;
    } else if (ch === '[' || ch === '{') {
      if (++depth > MAX_DEPTH) return { line, col };
    } else if (ch === ']' || ch === '}') depth--;
  }
  return { line: 1, col: 1 };
}

/** Offsets where lines start (after each LF; lone CRs are LFs by now). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
