import type { ChalkInstance } from 'chalk';
import { csvRow, csvStart, type CsvDialect } from './csv.js';
import { escapeControls } from '../../core/text/safe-text.js';
import { table } from './table.js';

export interface KwicLine {
  respondent: string;
  answer: string;
  left: string;
  match: string;
  right: string;
  start: number;
  end: number;
}

export function kwicLine(respondent: string, answer: string, text: string, start: number, end: number, width: number): KwicLine {
  const flat = (s: string) => s.replace(/\s+/gu, ' ');
  let left = flat(text.slice(Math.max(0, start - width), start));
  let right = flat(text.slice(end, end + width));
  if (start > width) left = '…' + left.slice(1);
  if (end + width < text.length) right = right.slice(0, -1) + '…';
  return { respondent, answer, left, match: flat(text.slice(start, end)), right, start, end };
}

export function renderKwic(lines: KwicLine[], format: string, c: ChalkInstance, dialect: CsvDialect): string {
  if (format === 'json') return JSON.stringify(lines, null, 2);
  if (format === 'csv')
    return csvStart(dialect) + [['respondent', 'answer', 'left', 'match', 'right'], ...lines.map((l) => [l.respondent, l.answer, l.left, l.match, l.right])].map((row) => csvRow(row, dialect)).join('');
  if (!lines.length) return 'No matches.';
  return table(
    lines.map((l) => [escapeControls(l.respondent), escapeControls(l.left), c.bold(escapeControls(l.match)), escapeControls(l.right)]),
    ['l', 'r', 'l', 'l'],
  );
}
