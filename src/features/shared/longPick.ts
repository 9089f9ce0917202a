// A quick pick over a list too long to hand to VS Code whole. VS Code copies every item of a quick pick
// across to the window in one message: the 73,000 soundbites of a 50 MB archive held the extension host
// 200-300 ms, and an entity can be mentioned tens of thousands of times. Such a list shows the items
// around the one the user starts on, and Shotlist searches all of them itself, in steps, as the user
// types. Used by "Go to Soundbite…" and the knowledge cards' "List all mentions".
import * as vscode from 'vscode';
import { filterByWordsSteps, filterQueryWords } from '../../core/workspace/search';
import { runSteps, TimeSlicer } from '../../core/workspace/timeSlicer';

/** A list of more entries than this is shown in part (a few thousand items copy in a few milliseconds). */
export const maxWholeListLength = 2000;
/** Items shown on each side of the starting one. */
const windowSide = 500;
/** Items a query shows. */
const maxMatches = 500;

/** What the last list was given when it opened: the integration tests check that a long list is cut. */
export interface ListCounts {
  /** Items handed to the quick pick (separators not counted). */
  readonly listed: number;
  /** Entries the list has. */
  readonly entries: number;
}

export const listCounts = { listed: 0, entries: 0 };

export interface LongList<E, T extends vscode.QuickPickItem> {
  readonly entries: readonly E[];
  /** The entry the list opens on (-1: none). */
  readonly current: number;
  /** The quick pick's title, to which the counts are added. */
  readonly title: string;
  /** The quick pick items of these entries, in order; with `alwaysShow` on each for a query's matches. */
  items(indices: Iterable<number>, alwaysShow: boolean): T[];
  /** Which entry an item shows, undefined for a separator. */
  entryOf(item: T): number | undefined;
  /** What a query searches in an entry: what VS Code's own filter would read, at least. */
  searchedText(entry: E): string;
}

function* range(from: number, to: number): Generator<number> {
  for (let index = from; index < to; index++) {
    yield index;
  }
}

/** Shows the items of entries `from`..`to`, the starting entry's item active when it is among them. */
function listEntries<E, T extends vscode.QuickPickItem>(quickPick: vscode.QuickPick<T>, list: LongList<E, T>, from: number, to: number): void {
  quickPick.items = list.items(range(from, to), false);
  const active = quickPick.items.find((item) => list.entryOf(item) === list.current);
  if (active) {
    quickPick.activeItems = [active];
  }
}

/**
 * Lists the entries around the starting one while the query is empty, else the first matches among
 * all the entries (every word of the query, in any case and with or without accents), each
 * keystroke cancelling the last search. Dispose when the quick pick closes.
 */
function listAroundAndSearch<E, T extends vscode.QuickPickItem>(quickPick: vscode.QuickPick<T>, list: LongList<E, T>): vscode.Disposable {
  const length = list.entries.length;
  const from = Math.max(0, Math.min(list.current - windowSide, length - 2 * windowSide - 1));
  const to = Math.min(length, from + 2 * windowSide + 1);
  const folded: string[] = [];
  let search = 0;
  let shown: string | undefined;
  const show = (query: string): void => {
    if (query === shown) {
      return; // VS Code echoes the value set before show() back as a change
    }
    shown = query;
    const searchNumber = ++search;
    // No word to look for (empty, or only punctuation): the items around the start, as when the box is empty.
    if (filterQueryWords(query).length === 0) {
      quickPick.busy = false;
      quickPick.title = vscode.l10n.t('{0} ({1} of {2} shown: type to search them all)', list.title, to - from, length);
      listEntries(quickPick, list, from, to);
      return;
    }
    quickPick.busy = true;
    const steps = filterByWordsSteps(list.entries, query, (entry) => list.searchedText(entry), maxMatches, folded);
    void runSteps(steps, new TimeSlicer(), () => search !== searchNumber).then((found) => {
      if (!found || search !== searchNumber) {
        return;
      }
      quickPick.busy = false;
      quickPick.title = found.total > found.indices.length
        ? vscode.l10n.t('{0} (first {1} of {2} found)', list.title, found.indices.length, found.total)
        : vscode.l10n.t('{0} ({1} found)', list.title, found.total);
      quickPick.items = list.items(found.indices, true);
    });
  };
  show(quickPick.value);
  const listening = quickPick.onDidChangeValue(show);
  return new vscode.Disposable(() => {
    search++;
    listening.dispose();
  });
}

/** Shows `list` whole or in part, as its length wants; the returned Disposable ends a search under way. */
export function fillList<E, T extends vscode.QuickPickItem>(quickPick: vscode.QuickPick<T>, list: LongList<E, T>): vscode.Disposable {
  const whole = list.entries.length <= maxWholeListLength;
  const filling = whole ? new vscode.Disposable(() => undefined) : listAroundAndSearch(quickPick, list);
  if (whole) {
    listEntries(quickPick, list, 0, list.entries.length);
  }
  listCounts.listed = quickPick.items.filter((item) => list.entryOf(item) !== undefined).length;
  listCounts.entries = list.entries.length;
  return filling;
}
