// The extension's Output channel, "Shotlist": one line for each file the workspace index or the
// knowledge skipped and why, and for what the Markdown guard changed or refused, so that nothing is
// dropped silently. One log, created at activation and shared. The last lines are also kept in memory
// (a bounded list) for the "Show skipped files" message and the integration tests.
import * as vscode from 'vscode';

export const showLogCommand = 'shotlist.showLog';

/** Lines kept in memory. */
const keptLines = 200;

export class ShotlistLog implements vscode.Disposable {
  readonly #channel = vscode.window.createOutputChannel(vscode.l10n.t('Shotlist'), { log: true });
  readonly #recent: string[] = [];

  info(line: string): void {
    this.#keep(line);
    this.#channel.info(line);
  }

  warn(line: string): void {
    this.#keep(line);
    this.#channel.warn(line);
  }

  error(line: string): void {
    this.#keep(line);
    this.#channel.error(line);
  }

  /** Brings the channel into view. */
  show(): void {
    this.#channel.show(true);
  }

  /** The last lines written, oldest first. */
  get recent(): readonly string[] {
    return this.#recent;
  }

  #keep(line: string): void {
    this.#recent.push(line);
    if (this.#recent.length > keptLines) {
      this.#recent.splice(0, this.#recent.length - keptLines);
    }
  }

  dispose(): void {
    this.#channel.dispose();
  }
}
