export async function themes(_i: string[], _o: unknown) { throw new Error("not yet"); }
