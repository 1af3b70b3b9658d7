import { describe, expect, it } from 'vitest';
import { escapeMarkdown, escapeMermaid } from '../src/core/report/markdown.js';

describe('escapeMarkdown', () => {
  it.each([
    ['a | b', 'a \\| b'],
    ['# rubrik', '\\# rubrik'],
    ['#hashtag', '#hashtag'],
    ['- punkt', '\\- punkt'],
    ['1. punkt', '1\\. punkt'],
    ['*fet* och _kursiv_', '\\*fet\\* och \\_kursiv\\_'],
    ['<b>html</b>', '\\<b\\>html\\</b\\>'],
    ['[länk](x)', '\\[länk\\](x)'],
    ['`kod`', '\\`kod\\`'],
    ['rad ett\nrad två', 'rad ett rad två'],
    ['a \\ b', 'a \\\\ b'],
    ['&amp; och &', '&amp;amp; och &'],
    ['se https://example.se', 'se https\\://example.se'],
    ['Självstyrelsen – «så» är det', 'Självstyrelsen – «så» är det'],
  ])('%j → %j', (input, expected) => expect(escapeMarkdown(input)).toBe(expected));
});

describe('escapeMermaid', () => {
  it('keeps labels inside their quotes', () => expect(escapeMermaid('Säg "nej" [nu]\n')).toBe("Säg 'nej' nu"));
});
