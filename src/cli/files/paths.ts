import { realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

/**
 * Path as shown to users and stored in the corpus: relative to the working directory (the
 * workspace: where dialog.config.yaml lies), with `/`; never absolute, so that the same
 * workspace gives the same corpus wherever it lies.
 */
export function displayPath(p: string): string {
  return (relative(process.cwd(), p) || '.').split(sep).join('/');
}

/**
 * A path as shown in a message: relative to the working directory when it lies inside it, else
 * absolute (`/dev/full`, not `../../dev/full`). Stored paths use displayPath.
 */
export function shownPath(p: string): string {
  const rel = displayPath(p);
  return rel === '..' || rel.startsWith('../') ? resolve(p) : rel;
}

/**
 * The folder that "inside the workspace" is measured against (links in input folders are followed
 * only when they stay inside it): the workspace root, where every command moves before it works
 * (enterWorkspace in workspace.ts), or the working directory outside any workspace.
 */
export function workspaceRoot(): string {
  return process.cwd();
}

/** The real path of a file or folder that may not exist yet: its nearest existing folder resolved. */
export function realPath(p: string): string {
  const abs = resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(realPath(parent), basename(abs));
  }
}
