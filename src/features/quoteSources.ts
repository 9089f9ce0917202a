// Where a story quote comes from: hovering a quoted passage of the story names its soundbite (or, in an
// interview, the answer) with a link to it, and Go to Definition jumps there. A misquote says so.
import * as vscode from 'vscode';
import { describeDifferences } from '../core/checks';
import { fidelityAt, type QuoteFidelity } from '../core/checks/quoteFidelity';
import type { TextSource } from '../core/text/chunkedText';
import { escapeMarkdownText } from '../core/text/markdown';
import type { TranscriptCache } from './shared/documentCache';
import { toRange, transcriptSelector } from './shared/editor';

async function sourceAt(cache: TranscriptCache, document: vscode.TextDocument, position: vscode.Position,
  token: vscode.CancellationToken): Promise<{ result: QuoteFidelity; text: TextSource } | undefined> {
  const model = await cache.model(document, token);
  if (model === undefined) {
    return undefined;
  }
  const text = cache.source(document);
  const result = fidelityAt(model, text, { line: position.line, offset: document.offsetAt(position) });
  return result && result.source !== null ? { result, text } : undefined;
}

class QuoteSourceHover implements vscode.HoverProvider {
  constructor(private readonly cache: TranscriptCache) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const found = await sourceAt(this.cache, document, position, token);
    const source = found?.result.source;
    if (!found || !source) {
      return undefined;
    }
    const { result, text } = found;
    const line = source.range.start.line + 1;
    const link = document.uri.with({ fragment: `L${line}` }).toString();
    const speaker = escapeMarkdownText(source.speaker ?? vscode.l10n.t('unknown speaker'));
    const where = source.kind === 'soundbite'
      ? vscode.l10n.t('From soundbite {0} ({1}), [line {2}]({3}).', source.number ?? '?', speaker, line, link)
      : vscode.l10n.t('From the answer of {0}, [line {1}]({2}).', speaker, line, link);
    const markdown = new vscode.MarkdownString(where);
    if (result.status === 'differs') {
      markdown.appendMarkdown(`\n\n${vscode.l10n.t('**Not word for word**: {0}', escapeMarkdownText(describeDifferences(result, text)))}`);
    } else if (result.status === 'too-long') {
      markdown.appendMarkdown(`\n\n${vscode.l10n.t('**Not word for word** (too long to compare word by word).')}`);
    }
    return new vscode.Hover(markdown, toRange(result.quote.range));
  }
}

class QuoteSourceDefinition implements vscode.DefinitionProvider {
  constructor(private readonly cache: TranscriptCache) {}

  async provideDefinition(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Location | undefined> {
    const source = (await sourceAt(this.cache, document, position, token))?.result.source;
    return source ? new vscode.Location(document.uri, toRange(source.range)) : undefined;
  }
}

export function registerQuoteSources(cache: TranscriptCache): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerHoverProvider(transcriptSelector, new QuoteSourceHover(cache)),
    vscode.languages.registerDefinitionProvider(transcriptSelector, new QuoteSourceDefinition(cache)),
  );
}
