// Hover cards for the knowledge base, from the shared knowledge (knowledge.ts: bundled entries
// merged with the workspace's knowledge files in trusted workspaces). Every value from a knowledge file
// is escaped before it reaches the card: nothing from a workspace can add links, HTML or commands. The
// only links are the card's own "Next mention" and "List all mentions", and the card trusts exactly
// those two commands, nothing else.
import * as vscode from 'vscode';
import { isLargeDocument } from './shared/documentCache';
import { countMentions, mentionAt } from '../core/kb/mentions';
import type { KbEntry, KbEntryType, KbYear } from '../core/kb/model';
import { escapeMarkdownText } from '../core/text/markdown';
import { knowledgeSelector, type Knowledge } from './shared/knowledge';
import { listMentionsCommand, mentionCommandUri, nextMentionCommand, type MentionCommandArgs } from './mentionCommands';


class KnowledgeHover implements vscode.HoverProvider {
  readonly #knowledge: Knowledge;
  /** Counts per document version and knowledge version: hovering around a file does not count again. */
  readonly #counts = new WeakMap<readonly unknown[], Map<string, number>>();

  constructor(knowledge: Knowledge) {
    this.#knowledge = knowledge;
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    // A large document is matched on the hovered line only; its card then gives no count.
    const large = isLargeDocument(document);
    const mentions = large ? this.#knowledge.mentionsOnLine(document, position.line) : this.#knowledge.mentions(document);
    const mention = mentionAt(mentions, document.offsetAt(position));
    const entry = mention && this.#knowledge.current().byId.get(mention.id);
    if (!mention || !entry) {
      return undefined;
    }
    let counts = this.#counts.get(mentions);
    if (!counts && !large) {
      counts = countMentions(mentions);
      this.#counts.set(mentions, counts);
    }
    const args: MentionCommandArgs = { uri: document.uri.toString(), id: entry.id, fromOffset: mention.start };
    const range = new vscode.Range(document.positionAt(mention.start), document.positionAt(mention.end));
    return new vscode.Hover(card(entry, counts ? counts.get(entry.id) ?? 1 : null, args), range);
  }
}

/** `2023-12-31` as the UI writes dates: `31 December 2023` in English (UN house style is British). */
function longDate(isoDate: string): string {
  const locale = vscode.env.language === 'en' ? 'en-GB' : vscode.env.language;
  try {
    return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
  } catch {
    return isoDate; // An unknown locale tag: the date as stored still reads.
  }
}

function typeLabel(type: KbEntryType): string {
  switch (type) {
    case 'peacekeeping-operation':
      return vscode.l10n.t('Peacekeeping operation');
    case 'political-mission':
      return vscode.l10n.t('Political mission');
    case 'department':
      return vscode.l10n.t('Department');
    case 'initiative':
      return vscode.l10n.t('Initiative');
    case 'official':
      return vscode.l10n.t('Official');
    case 'resolution':
      return vscode.l10n.t('Resolution');
  }
}

function year(value: KbYear): string {
  return value === 'active' ? vscode.l10n.t('present') : String(value);
}

function span(from: KbYear | undefined, to: KbYear | undefined): string | undefined {
  if (from === undefined) {
    return to === undefined ? undefined : vscode.l10n.t('until {0}', year(to));
  }
  return to === undefined ? vscode.l10n.t('since {0}', year(from)) : vscode.l10n.t('{0}–{1}', year(from), year(to));
}

/**
 * The card: labels are the extension's own Markdown, every value from the knowledge base is escaped text.
 * With more than one mention the count line links to the mention commands, the only commands it trusts.
 */
/** `count` is null when the mentions were not counted (a large document). */
function card(entry: KbEntry, count: number | null, args: MentionCommandArgs): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString('', false);
  markdown.supportHtml = false;
  markdown.isTrusted = false;
  const paragraphs: string[] = [];
  const field = (label: string, value: string | undefined): void => {
    if (value !== undefined && value.trim() !== '') {
      // The colon is part of the translation (French puts a no-break space before it, which escaping would
      // turn into a plain one): the label is escaped, our own template is not.
      paragraphs.push(`**${vscode.l10n.t('{0}:', escapeMarkdownText(label))}** ${escapeMarkdownText(value)}`);
    }
  };
  const name = entry.names[0] ?? entry.acronyms[0] ?? entry.id;
  paragraphs.push(`**${escapeMarkdownText(name)}**`);
  paragraphs.push(`*${escapeMarkdownText(typeLabel(entry.type))}*`);
  field(vscode.l10n.t('Acronyms'), entry.acronyms.length > 0 ? entry.acronyms.join(', ') : undefined);
  field(vscode.l10n.t('Region'), entry.region);
  field(vscode.l10n.t('Country'), entry.country);
  field(vscode.l10n.t('Years'), span(entry.start, entry.end));
  if (entry.end !== undefined) {
    field(vscode.l10n.t('Status'), entry.end === 'active' ? vscode.l10n.t('active') : vscode.l10n.t('closed {0}', entry.endDate ? longDate(entry.endDate) : String(entry.end)));
  }
  field(vscode.l10n.t('Mandate'), entry.mandate);
  field(vscode.l10n.t('Headquarters'), entry.headquarters);
  field(vscode.l10n.t('Title'), entry.title);
  field(vscode.l10n.t('Organisation'), entry.organisation);
  field(vscode.l10n.t('In post'), span(entry.since, entry.until));
  if (entry.description !== undefined && entry.description.trim() !== '') {
    paragraphs.push(escapeMarkdownText(entry.description));
  }
  if (count === 1) {
    // A link to the only mention would go nowhere: the line stays plain.
    paragraphs.push(`*${escapeMarkdownText(vscode.l10n.t('Mentioned once in this file'))}*`);
  } else {
    const next = `[${escapeMarkdownText(vscode.l10n.t('Next mention'))}](${mentionCommandUri(nextMentionCommand, args)})`;
    const list = `[${escapeMarkdownText(vscode.l10n.t('List all mentions'))}](${mentionCommandUri(listMentionsCommand, args)})`;
    const counted = count === null ? '' : `*${escapeMarkdownText(vscode.l10n.t('Mentioned {0} times in this file', count))}* · `;
    paragraphs.push(`${counted}${next} · ${list}`);
    markdown.isTrusted = { enabledCommands: [nextMentionCommand, listMentionsCommand] };
  }
  markdown.appendMarkdown(paragraphs.join('\n\n'));
  return markdown;
}

/** Hover cards for missions, officials, departments and resolutions in transcripts, plain text and Markdown. */
export function registerKnowledgeHover(knowledge: Knowledge): vscode.Disposable {
  return vscode.languages.registerHoverProvider(knowledgeSelector, new KnowledgeHover(knowledge));
}
