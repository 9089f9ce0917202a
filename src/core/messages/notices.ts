// English wording of what the parser tells the user about a file beside the findings: what the
// Markdown guard changed or refused (parse/markdownGuard.ts). Shown in the Output channel and on the
// command line's standard error, once per file.
import { maxBracketsPerParagraph, maxContainerDepth, maxDelimitersPerParagraph, maxSetextHeadings, type MarkdownNotice, type MarkdownNoticeCode } from '../parse';
import { formatMessage } from './format';
import { localizedTemplate } from './locale';

export const markdownNoticeMessages: Readonly<Record<MarkdownNoticeCode, string>> = {
  'markdown-nesting': '{file}: {lines} line(s) nest lists or quotes more than {limit} deep; the markers past that were read as text (first on line {line}).',
  'markdown-delimiters': '{file}: {lines} line(s) hold more than {limit} emphasis marks (* or _) in one paragraph; the marks past that were read as text (first on line {line}).',
  'markdown-brackets': '{file}: {lines} line(s) hold more than {limit} link brackets ([) in one paragraph; the brackets past that were read as text (first on line {line}).',
  'markdown-setext': '{file}: more than {limit} underlined headings; {lines} more underline(s) were read as text (first on line {line}).',
  'markdown-too-costly': '{file}: too much Markdown structure to read quickly; the file was read as plain text instead (no Markdown labels, lists or quotes).',
};

const limits: Readonly<Record<MarkdownNoticeCode, number>> = {
  'markdown-nesting': maxContainerDepth,
  'markdown-delimiters': maxDelimitersPerParagraph,
  'markdown-brackets': maxBracketsPerParagraph,
  'markdown-setext': maxSetextHeadings,
  'markdown-too-costly': 0,
};

/** One line for the Output channel or standard error, in the active locale (locale.ts); `line` is shown 1-based. */
export function formatMarkdownNotice(notice: MarkdownNotice, file: string): string {
  return formatMessage(localizedTemplate('notices', notice.code, markdownNoticeMessages[notice.code]), { file, lines: notice.lines, line: notice.line + 1, limit: limits[notice.code] });
}
