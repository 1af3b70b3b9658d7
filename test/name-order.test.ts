import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NameOrder } from '../src/core/report/name-order.js';

// Names a collator may hold equal or order unlike code points: å ä ö after z, case, accents,
// a decomposed é (equal to the composed one), spaces and digits.
const PARTS = ['Å', 'å', 'Ä', 'ä', 'Ö', 'ö', 'A', 'a', 'Z', 'z', 'e', 'é', 'e\u0301', 'E', ' ', '-', '1', '10', '2', 'kommun', 'Region', 'v', 'w'];
const name = fc.array(fc.constantFrom(...PARTS), { minLength: 1, maxLength: 4 }).map((p) => p.join(''));

describe('names in the collator order', () => {
  it('orders every list as a stable sort of its names with the collator does', () => {
    const collator = new Intl.Collator('sv');
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), name), { selector: ([id]) => id, minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 60 }), (people, picks) => {
        const names = new Map(people);
        const nameOf = (id: string) => names.get(id) ?? id;
        const order = new NameOrder(names.keys(), nameOf, collator.compare);
        const ids = picks.map((k) => people[k % people.length][0]);
        expect(order.names(ids)).toEqual(ids.map(nameOf).sort(collator.compare));
        // An id no one ranked: the list is sorted by the collator, as before.
        expect(order.names([...ids, 'unranked'])).toEqual([...ids, 'unranked'].map(nameOf).sort(collator.compare));
      }),
      { numRuns: 300 },
    );
  });
});
