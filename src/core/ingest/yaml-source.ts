import { LineCounter, isMap, isNode, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { diag, type Diagnostic } from '../diagnostics.js';
import { explainErrors } from '../schemas.js';
import type { ValidateFunction } from 'ajv';

/** Aliases expand on conversion; more than this many per document is treated as an alias bomb. */
const MAX_ALIAS_COUNT = 100;

export interface YamlSource {
  data: unknown;
  diagnostics: Diagnostic[];
  /** Line and column (1-based) of the value at `path`, or of its key when `atKey`. */
  locate(path: readonly (string | number)[], atKey?: boolean): { line: number; col: number };
}

export function parseYaml(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const diagnostics: Diagnostic[] = [];
  const pos = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  for (const e of [...doc.errors, ...doc.warnings]) {
    const { line, col } = pos(e.pos[0]);
    const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
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
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      diagnostics.push(
        diag(file, 1, 1, `YAML aliases expand too much (${(err as Error).message.split('\n')[0]}); remove the repeated aliases (&/*) from the file`),
      );
    }
  }
  return { data, diagnostics, locate };
}

/** Validates parsed YAML against a schema; problems are located at their line and column. */
export function validateYaml(file: string, source: YamlSource, validate: ValidateFunction, value = source.data, base: (string | number)[] = []): Diagnostic[] {
  if (validate(value)) return [];
  return explainErrors(validate.errors).map((p) => {
    const { line, col } = source.locate([...base, ...p.path], p.atKey);
    return diag(file, line, col, p.message);
  });
}
