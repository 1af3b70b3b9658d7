import type { UnreadableReason } from '../../core/model.js';

/**
 * A file past one of dialog's limits (pages, unpacked size, sheet extent), or built to exhaust it:
 * an error that stops the run (exit 1), not a document recorded as unreadable, since reading it
 * would take the machine and a response never needs that much.
 */
export class OverLimit extends Error {}

/**
 * Why a file cannot be read, told to the user as `file: <what>; <advice>`; `reason` is recorded
 * in the corpus for a document, which the reports then name.
 */
export class Unreadable extends Error {
  constructor(
    readonly what: string,
    readonly advice: string,
    readonly reason: UnreadableReason = 'damaged',
  ) {
    super(`${what}; ${advice}`);
  }
}
