import type { SingleBar } from 'cli-progress';

/** A progress bar on stderr, only on a terminal, only for work that takes more than a moment. */
export interface Progress {
  start(total: number): void;
  increment(n: number): void;
  stop(): void;
}

const SILENT: Progress = { start() {}, increment() {}, stop() {} };

export async function progressBar(label: string, opts: { quiet?: boolean } = {}, unit = 'answers'): Promise<Progress> {
  if (opts.quiet || !process.stderr.isTTY) return SILENT;
  const { default: cliProgress } = await import('cli-progress');
  let bar: SingleBar | undefined;
  let startedAt = 0;
  let total = 0;
  let done = 0;
  return {
    start(t) {
      total = t;
      done = 0;
      startedAt = Date.now();
    },
    increment(n) {
      done += n;
      // Show the bar only once the work has lasted a second: short runs stay quiet.
      if (!bar && Date.now() - startedAt > 1000) {
        bar = new cliProgress.SingleBar(
          { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {eta}s left`, hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(Math.max(total, done), done);
      } else bar?.update(Math.min(done, Math.max(total, done)));
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
