// English wording of what Shotlist says about annotation sidecars (`<file>.notes.yaml`): the problems
// of reading one, and why a write was refused. Keyed by code; the data fills the {placeholders}.
import type { SidecarProblemCode } from '../annotations/sidecar';
import { formatMessage, type MessageData } from './format';
import { localizedTemplate } from './locale';

export const sidecarMessages: Readonly<Record<SidecarProblemCode, string>> = {
  'not-text': 'The sidecar is not text.',
  'too-large': 'The sidecar is larger than {limit} characters; it is not read, and not written.',
  'too-deep': 'The sidecar nests more than {limit} levels deep; it is not read, and not written.',
  'yaml-syntax': 'YAML error: {detail}. The sidecar is not written until this is fixed.',
  'yaml-warning': 'YAML warning: {detail}',
  'root-not-mapping': 'The sidecar must be a mapping with `version` and `annotations`; it is not written.',
  'missing-version': 'No `version`: read as version {version}.',
  'bad-version': '`version` must be a whole number from 1; the sidecar is not written.',
  'newer-version': 'Written by a newer Shotlist (format version {version}, this one reads {supported}): opened read-only.',
  'annotations-not-sequence': '`annotations` must be a list; the sidecar is not written.',
  'too-many-annotations': 'More than {limit} annotations ({count}): the first {limit} are shown and the sidecar is not written.',
  'annotation-not-mapping': 'This annotation is not a mapping; it is kept as it is and not shown.',
  'missing-id': 'This annotation has no `id`; it is kept as it is and not shown.',
  'bad-id': '`id` must be a short single-line text; this annotation is kept as it is and not shown.',
  'duplicate-id': 'Duplicate id `{id}` (first on line {firstLine}); this copy is kept as it is and not shown.',
  'missing-anchor': 'Annotation `{id}` has no `anchor`; it is kept as it is and not shown.',
  'missing-anchor-text': 'Annotation `{id}` has no `anchor.text`; it is kept as it is and not shown.',
  'empty-anchor-text': 'Annotation `{id}` has an empty `anchor.text`; it is kept as it is and not shown.',
  'anchor-too-long': 'Annotation `{id}`: `anchor.text` is longer than {limit} characters; it is kept as it is and not shown.',
  'wrong-type': '`{field}` must be {expected}; the value is kept in the file and ignored.',
  'bad-status': '`status` must be selected, maybe or rejected (found `{value}`); ignored.',
  'bad-date': '`{field}` is not an ISO 8601 date and time (found `{value}`).',
  'too-many-tags': 'More than {limit} tags; the first {limit} are used.',
  'unknown-field': 'Unknown field `{field}`: kept as it is.',
  'unresolved-conflict': 'Annotation `{id}` has a merge conflict on: {fields}.',
  'too-many-problems': '{count} more problems not listed.',
  'refused-unreadable': 'The sidecar on disk cannot be read safely ({reason}); it is not overwritten.',
  'refused-ours-unreadable': 'The unsaved annotations cannot be read ({reason}); nothing is merged.',
  'too-many-changes': 'More than {limit} changes in one update; none applied.',
  'unknown-id': 'No annotation `{id}` in the sidecar; the change is skipped.',
  'bad-change': 'Change for `{id}` skipped: {detail}.',
  'render-failed': 'The updated sidecar could not be written back identically; nothing is written.',
};

export function sidecarMessage(code: SidecarProblemCode, data: MessageData = {}): string {
  return formatMessage(localizedTemplate('sidecar', code, sidecarMessages[code]), data);
}

/** The selects sheet's words (src/core/annotations/selects.ts). */
export const selectsWording = {
  sheetTitle: 'Selects',
  total: 'Total {total}',
  totalOfTarget: 'Total {total} of {target}',
  needsReview: '(needs review)',
  source: 'Source: {source}',
  dateline: 'Dateline: {dateline}',
  restrictions: 'Restrictions: {restrictions}',
  location: '{file}, line {line}',
  note: 'Note: {note}',
} as const;
