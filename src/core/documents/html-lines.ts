import type { DocLine } from './types.js';

/**
 * Lines of the small HTML subset mammoth writes for a Word document: headings (`h1`–`h6`, from
 * Word's heading styles), paragraphs, list items and table rows. Everything else is read as text.
 */
export function htmlLines(html: string): DocLine[] {
  const out: DocLine[] = [];
  const re = /<(\/?)([a-z0-9]+)([^>]*)>|([^<]+)/giu;
  let current: DocLine | undefined;
  let cells: string[] | undefined;
  let cell: string | undefined;
  let boldOnly = true;
  let depth = 0;
  const flush = () => {
    if (!current) return;
    current.text = current.text.replace(/\s+/gu, ' ').trim();
    if (current.text) {
      if (boldOnly && !current.heading && current.text.length > 0) current.bold = true;
      out.push(current);
    }
    current = undefined;
  };
  const start = (l: Partial<DocLine>) => {
    flush();
    current = { text: '', page: 1, breakBefore: true, ...l };
    boldOnly = true;
  };
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[4] !== undefined) {
      const text = decodeEntities(m[4]);
      if (cell !== undefined) cell += text;
      else {
        if (!current) start({});
        current!.text += text;
        if (text.trim() && depth === 0) boldOnly = false;
      }
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    if (/^h[1-6]$/.test(tag)) {
      if (closing) flush();
      else start({ heading: Number(tag[1]) });
    } else if (tag === 'p') {
      if (cell !== undefined) {
        if (!closing && cell) cell += ' ';
      } else if (closing) flush();
      else start({});
    } else if (tag === 'li') {
      if (closing) flush();
      else start({ block: 'item' });
      if (!closing && current) current.text = '– ';
    } else if (tag === 'tr') {
      if (closing) {
        if (cells?.some((c) => c.trim())) {
          flush();
          out.push({ text: cells.map((c) => c.replace(/\s+/gu, ' ').trim()).join(' | '), page: 1, breakBefore: true, block: 'row' });
        }
        cells = undefined;
      } else cells = [];
    } else if (tag === 'td' || tag === 'th') {
      if (closing) {
        cells?.push(cell ?? '');
        cell = undefined;
      } else cell = '';
    } else if (tag === 'strong' || tag === 'b') {
      depth += closing ? -1 : 1;
    } else if (tag === 'br') {
      if (cell !== undefined) cell += ' ';
      else if (current) current.text += ' ';
    }
  }
  flush();
  // A list item's dash was written before its text arrived; an empty item is dropped.
  return out.filter((l) => l.text !== '–');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '\u00ad' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
    }
    return NAMED[e.toLowerCase()] ?? all;
  });
}
