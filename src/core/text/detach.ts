/**
 * A copy of a string that does not hold on to the text it was cut from. V8 keeps a slice of a
 * string (a respondent's name read from a YAML file, a sentence of an answer) as a view into the
 * whole, so one kept name keeps its whole file alive. The concatenation makes a new flat string
 * of the slice's own length.
 */
export function detach(text: string): string {
  return (' ' + text).slice(1);
}
