import { mermaidText } from './chart-model.js';

/**
 * Escapes user text for Markdown so that it reads as written: no accidental emphasis, links,
 * HTML, headings, list items or table cells. Line breaks fold to spaces (a statement is one line).
 */
export function escapeMarkdown(text: string): string {
  let s = text.replace(/\s+/gu, ' ').trim();
  s = s.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
  s = s.replace(/^(#{1,6})(?=\s|$)/u, (m) => m.replace(/#/g, '\\#'));
  s = s.replace(/^([-+=])(?=\s|$)/u, '\\$1');
  s = s.replace(/^(\d+)([.)])(?=\s|$)/u, '$1\\$2');
  s = s.replace(/&(?=[#\p{L}\d]+;)/gu, '&amp;');
  // A quoted address stays text: GitHub would otherwise turn it into a link.
  s = s.replace(/(?<![\p{L}\p{N}])(https?|ftp):\/\//giu, '$1\\://').replace(/(?<![\p{L}\p{N}])www\./giu, 'www\\.');
  return s;
}

/** Text for a Mermaid label in double quotes: quotes and line breaks would end it early. */
export function escapeMermaid(text: string): string {
  return mermaidText(text);
}
