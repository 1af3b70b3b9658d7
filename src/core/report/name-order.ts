/**
 * Respondents' names in the collator's order, for many lists of the same respondents: every name
 * is ranked once, and each list is then ordered by its ranks. A report of 400 000 respondents
 * sorted their names with the collator for every theme and group again, which took seconds.
 * Names the collator holds equal share a rank, and ties keep their order in the list, so every
 * list comes out exactly as a (stable) sort of its names with the collator would give it.
 */
export class NameOrder {
  private readonly rank = new Map<string, number>();
  private readonly name = new Map<string, string>();

  constructor(
    ids: Iterable<string>,
    private readonly nameOf: (id: string) => string,
    private readonly compare: (a: string, b: string) => number,
  ) {
    const named = [...ids].map((id) => ({ id, name: nameOf(id) })).sort((a, b) => compare(a.name, b.name));
    let rank = 0;
    named.forEach((x, i) => {
      if (i > 0 && compare(named[i - 1].name, x.name) !== 0) rank = i;
      this.rank.set(x.id, rank);
      this.name.set(x.id, x.name);
    });
  }

  /** The names of `ids`, in order; a list with an id ranked by no one is sorted by the collator. */
  names(ids: readonly string[]): string[] {
    if (ids.length >= PLACES) return this.byCollator(ids);
    // Rank and place in one number, sorted as numbers: no comparator, ties in list order.
    const keys = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const rank = this.rank.get(ids[i]);
      if (rank === undefined) return this.byCollator(ids);
      keys[i] = rank * PLACES + i;
    }
    keys.sort();
    const out: string[] = new Array(ids.length);
    for (let i = 0; i < keys.length; i++) out[i] = this.name.get(ids[keys[i] % PLACES])!;
    return out;
  }

  /** The names sorted by the collator itself, as the report did before ranks. */
  private byCollator(ids: readonly string[]): string[] {
    return ids.map(this.nameOf).sort(this.compare);
  }
}

/** Rank and place each stay below this (2^26), so that their key is an exact double. */
const PLACES = 2 ** 26;
