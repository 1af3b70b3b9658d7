import type { Register, RegisterEntry } from './respondents.js';

/** A register entry as written in a workspace register: name and type may come from the national one. */
export type RegisterFileEntry = Omit<RegisterEntry, 'name' | 'type'> & Partial<Pick<RegisterEntry, 'name' | 'type'>>;

export interface RegisterFile extends Omit<Register, 'respondents'> {
  respondents: RegisterFileEntry[];
}

const union = (a?: string[], b?: string[]) => (a || b ? [...new Set([...(a ?? []), ...(b ?? [])])] : undefined);

/**
 * Entries of a workspace register that the national register cannot complete: a code it does not
 * know, without a name or a type. Paths are for locating the problem in the workspace file.
 */
export function incompleteEntries(national: Register, workspace: RegisterFile): { path: (string | number)[]; message: string }[] {
  const known = new Map(national.respondents.map((e) => [e.code, e]));
  const problems: { path: (string | number)[]; message: string }[] = [];
  workspace.respondents.forEach((e, i) => {
    const base = known.get(e.code);
    // A national code names one body of one type: another type would move it (and every answer
    // from it) to another category of the report without a word.
    if (base && e.type && e.type !== base.type)
      problems.push({ path: ['respondents', i, 'type'], message: `"${e.code}" is ${base.name}, a ${base.type} in the national register, not of type ${e.type}; remove \`type:\`, or give your body a code of its own` });
    if (base) return;
    const missing = [e.name ? '' : 'name', e.type ? '' : 'type'].filter(Boolean);
    if (missing.length)
      problems.push({ path: ['respondents', i], message: `"${e.code}" is not in the national register (data/sverige.json), so it needs ${missing.join(' and ')}; add ${missing.map((m) => `\`${m}:\``).join(' and ')}, or fix the code` });
  });
  return problems;
}

/**
 * The national register with a workspace's on top: an entry with a national code keeps the
 * official name, type and county unless it sets them, and adds its data (population, category)
 * and names; other entries are added as they are. Check `incompleteEntries` first.
 */
export function layerRegisters(national: Register, workspace: RegisterFile): Register {
  const byCode = new Map(national.respondents.map((e) => [e.code, { ...e }]));
  for (const w of workspace.respondents) {
    const base = byCode.get(w.code);
    const merged = { ...base, ...w, variants: union(base?.variants, w.variants), formerly: union(base?.formerly, w.formerly) } as RegisterEntry;
    // A workspace that renames a body keeps the official name as a way to write it.
    if (base && w.name && w.name !== base.name) merged.variants = union(merged.variants, [base.name]);
    if (!merged.variants) delete merged.variants;
    if (!merged.formerly) delete merged.formerly;
    byCode.set(w.code, merged);
  }
  const source = [workspace.source, national.source].filter(Boolean).join('; ');
  const out: Register = { ...national, respondents: [...byCode.values()] };
  if (workspace.county) out.county = workspace.county;
  if (source) out.source = source;
  return out;
}
