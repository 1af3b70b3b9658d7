import { inflateRawSync } from 'node:zlib';
import { OverLimit, Unreadable } from './read-errors.js';

/**
 * How much a Word document or a workbook may hold once unpacked, in all (its pictures included).
 * A remissvar is a few hundred kilobytes of XML; a zip that inflates past this is refused before
 * anything is unpacked (it would take gigabytes of memory to read).
 */
export const MAX_INFLATED_BYTES = 100 * 1024 * 1024;
/** How much of that may be the text a reader parses (the XML parts): a Word document's, and a workbook's. */
export const MAX_WORD_TEXT_BYTES = 10 * 1024 * 1024;
export const MAX_WORKBOOK_TEXT_BYTES = 50 * 1024 * 1024;
/** How many files a Word document or workbook may hold. */
export const MAX_ZIP_ENTRIES = 10_000;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** The size the central directory states; inflating past it is an error. */
  size: number;
  /** Where the entry's local header starts. */
  localOffset: number;
}

const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
const article = (what: string) => `${/^[aeiou]/i.test(what) ? "an" : "a"} ${what}`;

/**
 * The entries of a zip archive as its central directory lists them (the list that JSZip and
 * fflate read), refused when they declare more than the limits allow. A file that is not a zip
 * gives an empty list: the reader that follows says what is wrong with it.
 */
export function zipEntries(bytes: Uint8Array, what: string): ZipEntry[] {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = view.length - 22; i >= Math.max(0, view.length - 22 - 0xffff); i--)
    if (view.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) return [];
  let count = view.readUInt16LE(eocd + 10);
  let offset = view.readUInt32LE(eocd + 16);
  // Zip64: the counts and offsets stand in the Zip64 end record that a locator just before points to.
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && view.readUInt32LE(eocd - 20) === 0x07064b50) {
    const at = Number(view.readBigUInt64LE(eocd - 12));
    if (at + 56 <= view.length && view.readUInt32LE(at) === 0x06064b50) {
      count = Number(view.readBigUInt64LE(at + 32));
      offset = Number(view.readBigUInt64LE(at + 48));
    }
  }
  if (count > MAX_ZIP_ENTRIES) throw new OverLimit(`holds ${count} files, more than the ${MAX_ZIP_ENTRIES} ${article(what)} may hold; it is not ${article(what)} dialog can read (save it again from Word, Excel or LibreOffice)`);
  const entries: ZipEntry[] = [];
  let total = 0;
  for (let i = 0, p = offset; i < count; i++) {
    if (p + 46 > view.length || view.readUInt32LE(p) !== 0x02014b50) return entries;
    const nameLength = view.readUInt16LE(p + 28);
    const extraLength = view.readUInt16LE(p + 30);
    const commentLength = view.readUInt16LE(p + 32);
    let compressedSize = view.readUInt32LE(p + 20);
    let size = view.readUInt32LE(p + 24);
    let localOffset = view.readUInt32LE(p + 42);
    const name = view.toString('utf8', p + 46, p + 46 + nameLength);
    // Zip64 sizes stand in the extra field, in this order, for the fields that are 0xffffffff.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength && e + 4 <= view.length; ) {
      const id = view.readUInt16LE(e);
      const length = view.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const next = () => {
          const v = q + 8 <= view.length ? Number(view.readBigUInt64LE(q)) : 0;
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      e += 4 + length;
    }
    total += size;
    if (total > MAX_INFLATED_BYTES)
      throw new OverLimit(
        `unpacks to more than ${mb(MAX_INFLATED_BYTES)} (the limit for ${article(what)}); it is not read. If it is a real response, save the text as PDF, or remove large pictures and save it again`,
      );
    entries.push({ name, method: view.readUInt16LE(p + 10), compressedSize, size, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * An entry's bytes, inflated with the size its directory states as the bound: an entry that
 * inflates past what it declares is refused (the libraries that read it after would not stop).
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, what: string): Buffer {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > view.length || view.readUInt32LE(at) !== 0x04034b50) throw new Unreadable(`is not a readable ${what}: the zip entry ${entry.name} is damaged`, 'save the file again');
  const start = at + 30 + view.readUInt16LE(at + 26) + view.readUInt16LE(at + 28);
  const data = view.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length > entry.size) throw new OverLimit(`is not a readable ${what}: the zip entry ${entry.name} is larger than it declares; save the file again`);
    return data;
  }
  if (entry.method !== 8) throw new Unreadable(`is not a readable ${what}: the zip entry ${entry.name} is packed in a way Office files are not (method ${entry.method})`, 'save the file again');
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)
      throw new OverLimit(`is not a readable ${what}: the zip entry ${entry.name} unpacks to more than the ${entry.size} bytes it declares (a damaged or hostile file); it is not read`);
    throw new Unreadable(`is not a readable ${what}: the zip entry ${entry.name} is damaged (${(err as Error).message})`, 'save the file again');
  }
}

/**
 * The files of an Office zip that `wanted` names, inflated within the limits, by name. Every such
 * file is checked here, so that the library that reads the zip after reads only what was checked.
 */
export function unpackChecked(bytes: Uint8Array, what: string, wanted: (name: string) => boolean, maxText: number): Map<string, Buffer> {
  const entries = zipEntries(bytes, what).filter((e) => wanted(e.name));
  // The parts that are read as text (XML) are what the reader holds in memory many times over.
  const text = entries.reduce((sum, e) => sum + e.size, 0);
  if (text > maxText)
    throw new OverLimit(
      `holds ${mb(text)} of text (XML) unpacked, more than the ${mb(maxText)} ${article(what)} may hold; it is not read. If it is a real response, save it as PDF or export the text, and give that`,
    );
  const out = new Map<string, Buffer>();
  for (const e of entries) out.set(e.name, inflateEntry(bytes, e, what));
  return out;
}
