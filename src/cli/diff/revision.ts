import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { UsageError } from '../../core/diagnostics.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** A git revision's files in a temporary folder, removed by `remove()` (and at exit, whatever happens). */
export interface RevisionTree {
  /** The revision as given, and the commit it names. */
  rev: string;
  commit: string;
  /** The workspace root (the folder of dialog.config.yaml) as it lies in the temporary folder. */
  root: string;
  remove(): void;
}

function git(args: string[], cwd: string, env?: NodeJS.ProcessEnv): { ok: boolean; stdout: string; stderr: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...env, GIT_TERMINAL_PROMPT: '0' }, maxBuffer: 64 << 20 });
  if (r.error) throw new UsageError(`--rev needs git, which could not be run (${r.error.message}); install git, or compare two corpora instead (dialog diff old.json new.json)`);
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr };
}

/** The top of the git repository the workspace lies in; a usage error outside one. */
export function repositoryOf(workspaceRoot: string): string {
  const top = git(['rev-parse', '--show-toplevel'], workspaceRoot);
  if (!top.ok) throw new UsageError(`--rev compares the workspace with itself at a git revision, but ${workspaceRoot} is not in a git repository; commit the workspace to git (git init), or compare two corpora instead (dialog diff old.json new.json)`);
  return top.stdout.trim();
}

/** The commit a revision names; a usage error (with what git knows) when it names none. */
export function commitOf(repo: string, rev: string): string {
  // A revision is a name, never an option git would read ("--output=…").
  if (rev.startsWith('-') || rev.trim() === '') throw new UsageError(`--rev takes a commit, branch or tag (HEAD~1, main, a1b2c3d), not "${rev}"`);
  const r = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], repo);
  if (!r.ok) {
    const empty = !git(['rev-parse', '--verify', '--quiet', 'HEAD'], repo).ok;
    const shallow = git(['rev-parse', '--is-shallow-repository'], repo).stdout.trim() === 'true';
    const why = empty ? ' (the repository has no commits yet)' : shallow ? ' (this clone is shallow and may not hold it: `git fetch --unshallow`, or in GitHub Actions check out with fetch-depth: 0)' : '';
    throw new UsageError(`--rev ${rev}: no such commit in ${repo}${why}; give a commit, branch or tag (\`git log --oneline\` lists them)`);
  }
  return r.stdout.trim();
}

/**
 * Writes the files of a commit into a temporary folder through an index of its own (the
 * repository's index, working tree and worktree list stay untouched; git's filters, LFS too,
 * apply as on checkout). The folder is removed by `remove()`, and at exit if the run stops first.
 */
export function checkoutRevision(workspaceRoot: string, rev: string): RevisionTree {
  const repo = repositoryOf(workspaceRoot);
  const commit = commitOf(repo, rev);
  const dir = mkdtempSync(join(tmpdir(), 'dialog-diff-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const atExit = () => remove();
  // Ctrl-C or a CI timeout: the folder goes, then the signal does what it would have done.
  const onSignal = (signal: NodeJS.Signals) => {
    detach();
    remove();
    process.kill(process.pid, signal);
  };
  const detach = () => {
    process.removeListener('exit', atExit);
    for (const s of SIGNALS) process.removeListener(s, onSignal);
  };
  process.once('exit', atExit);
  for (const s of SIGNALS) process.once(s, onSignal);
  try {
    const tree = join(dir, 'tree');
    mkdirSync(tree);
    const env = { GIT_INDEX_FILE: join(dir, 'index') };
    for (const args of [['read-tree', commit], ['--work-tree', tree, 'checkout-index', '--all', '--force']]) {
      const r = git(args, repo, env);
      if (!r.ok) throw new Error(`git ${args[0] === '--work-tree' ? 'checkout-index' : args[0]} failed for ${rev}: ${r.stderr.trim()}`);
    }
    const within = relative(realpathSync(repo), realpathSync(workspaceRoot));
    return {
      rev,
      commit,
      root: join(tree, within),
      remove: () => {
        detach();
        remove();
      },
    };
  } catch (err) {
    detach();
    remove();
    throw err;
  }
}
