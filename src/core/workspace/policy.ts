// Which files the workspace index reads: transcripts by extension, plain text and Markdown when
// content detection agrees, and what files.associations says before either.
import { matchesAssociationPattern } from './detect';

/** File name endings the workspace index looks at (the glob the extension hands to findFiles). */
export const indexedExtensions: readonly string[] = ['unifeed', 'shotlist', 'txt', 'md'];
/** Endings that are transcripts by name; the others must pass content detection. */
const transcriptExtensions: ReadonlySet<string> = new Set(['unifeed', 'shotlist']);
/** Folders never indexed, whatever the settings say. */
const ignoredFolders: ReadonlySet<string> = new Set(['node_modules', '.git']);

export interface IndexPolicyOptions {
  /** `files.associations` as the user wrote it: glob → language id. */
  readonly associations: Readonly<Record<string, string>>;
  /** The `shotlist.detectTranscripts` setting for the file's folder. */
  readonly detectTranscripts: boolean;
  /** The extension's language id. */
  readonly languageId: string;
}

/**
 * Whether a file (by path) is indexed without a look (`index`), indexed when detection agrees
 * (`detect`), or skipped. A `files.associations` pattern decides first, as it does for the editor.
 */
export function indexPolicy(path: string, options: IndexPolicyOptions): 'index' | 'detect' | 'skip' {
  const normalised = path.replace(/\\/gu, '/');
  if (normalised.split('/').some((segment) => ignoredFolders.has(segment))) {
    return 'skip';
  }
  const name = normalised.slice(normalised.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!indexedExtensions.includes(extension)) {
    return 'skip';
  }
  let associated: string | null = null;
  for (const [pattern, language] of Object.entries(options.associations)) {
    if (typeof language === 'string' && matchesAssociationPattern(normalised, pattern)) {
      associated = language;
    }
  }
  if (associated !== null) {
    return associated === options.languageId ? 'index' : 'skip';
  }
  if (transcriptExtensions.has(extension)) {
    return 'index';
  }
  return options.detectTranscripts ? 'detect' : 'skip';
}

