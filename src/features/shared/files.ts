// Files through workspace.fs only, so that every feature works where the workspace is not on a local
// disk: VS Code for the Web, remote windows, virtual file systems (a GitHub repository, memory). No
// node:fs, no fsPath, no path.join here or in callers: URIs, their `/`-separated paths, Uri.joinPath.
// For any feature that reads or writes its own files (knowledge files, annotation sidecars).
import * as vscode from 'vscode';

/** What reading a text file gave. */
export type TextFileRead =
  /** `modified` is the file's mtime when read: hand it to writeTextFile to refuse overwriting a later change. */
  | { readonly kind: 'text'; readonly text: string; readonly modified: number }
  /** No such file, or not a file (a folder). */
  | { readonly kind: 'missing' }
  /** Over `maxBytes`: not read at all. */
  | { readonly kind: 'too-large'; readonly size: number }
  | { readonly kind: 'unreadable'; readonly reason: string };

const decoder = new TextDecoder('utf-8');

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isNotFound(error: unknown): boolean {
  return error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
}

/**
 * Reads a UTF-8 text file (a byte order mark is dropped). The size is checked from `stat` before
 * anything is read, so a file over `maxBytes` costs no read. Never throws.
 */
export async function readTextFile(uri: vscode.Uri, options: { readonly maxBytes?: number } = {}): Promise<TextFileRead> {
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (error) {
    return isNotFound(error) ? { kind: 'missing' } : { kind: 'unreadable', reason: reasonOf(error) };
  }
  if ((stat.type & vscode.FileType.File) === 0) {
    return { kind: 'missing' };
  }
  if (options.maxBytes !== undefined && stat.size > options.maxBytes) {
    return { kind: 'too-large', size: stat.size };
  }
  try {
    return { kind: 'text', text: decoder.decode(await vscode.workspace.fs.readFile(uri)), modified: stat.mtime };
  } catch (error) {
    return isNotFound(error) ? { kind: 'missing' } : { kind: 'unreadable', reason: reasonOf(error) };
  }
}

/** What writing a text file did. */
export type TextFileWrite =
  | { readonly kind: 'written'; readonly modified: number }
  /** The file changed (or appeared, or went) since `unchangedSince`: nothing was written. */
  | { readonly kind: 'changed' }
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * Writes a UTF-8 text file without ever leaving it half written: the text goes to a sibling temporary
 * file that is then renamed over the target (a failed write leaves the old file whole). With
 * `unchangedSince` (the `modified` of the read it was based on, or null for "must not exist yet"), a
 * file changed meanwhile by someone else is left alone and 'changed' returned, so that the caller
 * can read again and merge instead of overwriting the user's data. The check compares mtimes: on a
 * file system whose clock is coarser than the time between the two writes it cannot see the change.
 * Never throws.
 */
export async function writeTextFile(uri: vscode.Uri, text: string, options: { readonly unchangedSince?: number | null } = {}): Promise<TextFileWrite> {
  if (options.unchangedSince !== undefined) {
    const now = await currentModified(uri);
    if (now === 'unreadable' || now !== options.unchangedSince) {
      return { kind: 'changed' };
    }
  }
  const temporary = vscode.Uri.joinPath(uri, '..', `.${uriBaseName(uri)}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(text));
    await vscode.workspace.fs.rename(temporary, uri, { overwrite: true });
  } catch (error) {
    try {
      await vscode.workspace.fs.delete(temporary, { useTrash: false });
    } catch {
      // Never written, or already renamed.
    }
    return { kind: 'failed', reason: reasonOf(error) };
  }
  const written = await currentModified(uri);
  return { kind: 'written', modified: typeof written === 'number' ? written : Date.now() };
}

/** The file's mtime, null when it does not exist. */
async function currentModified(uri: vscode.Uri): Promise<number | null | 'unreadable'> {
  try {
    return (await vscode.workspace.fs.stat(uri)).mtime;
  } catch (error) {
    return isNotFound(error) ? null : 'unreadable';
  }
}

/** The last segment of a URI's path (`report.unifeed`), whatever its scheme. */
export function uriBaseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
