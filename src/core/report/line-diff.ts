/** A short unified-style diff of two texts, for `--check`: at most `limit` changed lines shown. */
export function shortDiff(expected: string, actual: string, limit = 20): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  if (a.length * b.length > 25_000_000) {
    const i = a.findIndex((line, k) => line !== b[k]);
    return `first difference at line ${i + 1}:\n- ${a[i] ?? ''}\n+ ${b[i] ?? ''}`;
  }
  // Longest common subsequence table, from the end.
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let shown = 0;
  let changes = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
      changes++;
      if (shown++ < limit) out.push(`+${j + 1}: ${b[j]}`);
      j++;
    } else {
      changes++;
      if (shown++ < limit) out.push(`-${i + 1}: ${a[i]}`);
      i++;
    }
  }
  if (changes > limit) out.push(`… and ${changes - limit} more changed lines`);
  return out.join('\n');
}
