/**
 * Text from inputs made safe to show: a terminal must never receive a control sequence from a
 * remissvar (clear screen, OSC 52 clipboard writes, OSC 8 links, bidi overrides), and a message
 * must stay one readable line however long the value it quotes.
 */

// C0 and C1 controls, DEL, line and paragraph separators, and the bidi embedding, override and
// isolate characters that reorder what a reader sees.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const UNSAFE_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const UNSAFE_BUT_LAYOUT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
// The colour codes chalk writes (Select Graphic Rendition), and nothing else.
const SGR = /\u001b\[[0-9;]*m/gu;

function visible(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Control characters shown as escapes (`\x1b`, `\u202e`). With `keepLayout`, newlines stay (a
 * table or a report keeps its lines); a carriage return never does, since it lets a line
 * overwrite the one before it on a terminal, nor a tab, which moves text out of its column.
 */
export function escapeControls(text: string, keepLayout = false): string {
  if (!UNSAFE.test(text)) return text;
  if (keepLayout) return text.replace(/\r\n/gu, '\n').replace(UNSAFE_BUT_LAYOUT, visible);
  return text.replace(UNSAFE_ALL, visible);
}

/**
 * What may reach a terminal: input control characters escaped, layout kept, and, where the
 * stream shows colour, only dialog's own colour codes kept.
 */
export function terminalSafe(text: string, keepColour: boolean): string {
  if (!UNSAFE.test(text)) return text;
  if (!keepColour) return escapeControls(text, true);
  let out = '';
  let at = 0;
  for (const m of text.matchAll(SGR)) {
    out += escapeControls(text.slice(at, m.index), true) + m[0];
    at = m.index! + m[0].length;
  }
  return out + escapeControls(text.slice(at), true);
}

/** A value cut to `max` characters, with an ellipsis and the length where it was cut. */
export function shorten(text: string, max = 120): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length} characters)`;
}

/** Longest quoted value a message keeps whole. */
const MAX_QUOTED = 120;
/** Longest message; the middle of a longer one is left out, so that the advice at its end stays. */
const MAX_MESSAGE = 800;

/**
 * A message for people: one line, no control characters, quoted values cut, at most
 * MAX_MESSAGE characters. Idempotent, so a message may pass through it twice.
 */
export function safeMessage(message: string): string {
  let text = escapeControls(message);
  if (text.length > MAX_QUOTED)
    text = text.replace(/"([^"]{121,})"/gu, (_, value: string) => `"${value.slice(0, MAX_QUOTED)}…"`);
  if (text.length > MAX_MESSAGE) {
    const keep = Math.floor((MAX_MESSAGE - 5) / 2);
    text = `${text.slice(0, keep)} […] ${text.slice(text.length - keep)}`;
  }
  return text;
}
