import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TextStore } from '../../core/ingest/raw.js';
import { textFlags } from '../../core/ingest/clean-text.js';

/** Sheets larger than this keep their answer texts on disk while they are read (DIALOG_SPILL_BYTES). */
export function spillThreshold(): number {
  const raw = Number(process.env.DIALOG_SPILL_BYTES);
  return Number.isFinite(raw) && raw >= 0 ? raw : 64 << 20;
}

/**
 * Answer texts kept in a temporary file instead of the heap, read back when they are used. The
 * file is removed from its folder as soon as it is opened, so that nothing is left behind,
 * whatever ends the run (even kill -9); the open descriptor keeps it readable until the process
 * ends.
 */
export class TextSpill implements TextStore {
  private fd: number;
  private size = 0;
  /** Bytes kept but not yet written, from the file's offset `size - pendingBytes`. */
  private pending: Buffer = Buffer.allocUnsafe(PENDING);
  private pendingBytes = 0;
  /** Where each kept text lies in the file, by the number `keep` gave it, and its flags (clean-text.ts). */
  private offsets: Float64Array = new Float64Array(1024);
  private lengths: Float64Array = new Float64Array(1024);
  private textFlags: Uint8Array = new Uint8Array(1024);
  private count = 0;
  /** Bytes of the file read ahead, from `windowStart`: texts are mostly read back in the order they were kept. */
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;
  private windowMemory: Buffer = Buffer.alloc(0);
  /** Where the text read last ends: a reader that goes on from there reads ahead. */
  private lastEnd = 0;

  constructor() {
    const path = join(tmpdir(), `dialog-texts-${process.pid}-${randomBytes(4).toString('hex')}`);
    this.fd = openSync(path, 'wx+', 0o600);
    unlinkSync(path);
  }

  keep(text: string): number {
    // A text is written into the pending buffer as UTF-8 directly, without a Buffer of its own.
    if (text.length * 3 > PENDING - this.pendingBytes) this.flush();
    if (text.length * 3 > PENDING) return this.keepBytes(Buffer.from(text, 'utf8'), textFlags(text));
    const length = this.pending.write(text, this.pendingBytes);
    return this.place(length, textFlags(text));
  }

  keepBytes(bytes: Uint8Array, flags: number): number {
    if (bytes.length > PENDING - this.pendingBytes) this.flush();
    if (bytes.length > PENDING) {
      this.writeOut(bytes);
      this.size += bytes.length;
      return this.record(this.size - bytes.length, bytes.length, flags);
    }
    this.pending.set(bytes, this.pendingBytes);
    return this.place(bytes.length, flags);
  }

  /** Records `length` bytes just put at the end of the pending buffer. */
  private place(length: number, flags: number): number {
    this.pendingBytes += length;
    this.size += length;
    return this.record(this.size - length, length, flags);
  }

  private record(offset: number, length: number, flags: number): number {
    const kept = this.count++;
    if (kept === this.offsets.length) {
      this.offsets = grow(this.offsets);
      this.lengths = grow(this.lengths);
      const bigger = new Uint8Array(this.textFlags.length * 2);
      bigger.set(this.textFlags);
      this.textFlags = bigger;
    }
    this.offsets[kept] = offset;
    this.lengths[kept] = length;
    this.textFlags[kept] = flags;
    return kept;
  }

  read(kept: number): string {
    return this.bytes(kept).toString('utf8');
  }

  flags(kept: number): number {
    if (!(kept >= 0 && kept < this.count)) throw new Error(`no kept text number ${kept}`);
    return this.textFlags[kept];
  }

  bytes(kept: number): Buffer {
    if (!(kept >= 0 && kept < this.count)) throw new Error(`no kept text number ${kept}`);
    return this.readBytes(this.offsets[kept], this.lengths[kept]);
  }

  private flush(): void {
    if (!this.pendingBytes) return;
    this.writeOut(this.pending.subarray(0, this.pendingBytes));
    this.pendingBytes = 0;
  }

  /** Writes bytes at the end of what is in the file (before `pendingBytes` are counted in `size`). */
  private writeOut(chunk: Uint8Array): void {
    const at = this.size - this.pendingBytes;
    let written = 0;
    while (written < chunk.length) written += writeSync(this.fd, chunk, written, chunk.length - written, at + written);
  }

  close(): void {
    closeSync(this.fd);
  }

  /** The bytes at `offset`: a view of the window or of a buffer of their own, never of `pending`. */
  private readBytes(offset: number, length: number): Buffer {
    if (offset + length > this.size - this.pendingBytes) this.flush();
    const inWindow = offset - this.windowStart;
    const last = this.lastEnd;
    this.lastEnd = offset + length;
    if (inWindow >= 0 && inWindow + length <= this.window.length) return this.window.subarray(inWindow, inWindow + length);
    // Reading one text per system call cost a tenth of a million-answer ingest; a text at or just
    // past the end of the one read before means the reader goes forward (a second pass over all
    // texts starts at the beginning again), so the next megabyte is read with it. A reader that
    // jumps about reads only what it asks for.
    const forward = offset >= last && offset <= last + READ_AHEAD;
    if (!forward) return this.readAt(offset, length, Buffer.allocUnsafe(length));
    const want = Math.max(length, Math.min(READ_AHEAD, this.size - this.pendingBytes - offset));
    // The window's memory is used again (a fresh megabyte per read cost page faults); what was
    // handed out of it before is no longer valid, as TextStore.bytes says.
    if (this.windowMemory.length < want) this.windowMemory = Buffer.allocUnsafe(Math.max(want, READ_AHEAD));
    this.window = this.readAt(offset, want, this.windowMemory);
    this.windowStart = offset;
    return this.window.subarray(0, length);
  }

  /** Reads `length` bytes at `offset` into the start of `buffer`. */
  private readAt(offset: number, length: number, buffer: Buffer): Buffer {
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd, buffer, got, length - got, offset + got);
      if (n === 0) throw new Error('the temporary file of answer texts ended early');
      got += n;
    }
    return buffer.subarray(0, length);
  }
}

/** Bytes gathered before they are written to the file. */
const PENDING = 1 << 20;
const READ_AHEAD = 1 << 20;

function grow(a: Float64Array): Float64Array {
  const bigger = new Float64Array(a.length * 2);
  bigger.set(a);
  return bigger;
}

let shared: TextSpill | undefined;

/** One spill per process, opened on first use; the operating system frees it at exit. */
export function sharedSpill(): TextSpill {
  shared ??= new TextSpill();
  return shared;
}

/** At the end of a command: nothing reads the kept texts any more. */
export function closeSharedSpill(): void {
  shared?.close();
  shared = undefined;
}
