// What the editor types for an annotation: tags (`#withdrawal, ceasefire`) and a package length (`1:30`).

/** Tags from `#a #b`, `a, b` or a mix: without the `#`, without repeats, in the order typed. */
export function parseTags(value: string): string[] {
  const tags: string[] = [];
  for (const word of value.split(/[\s,]+/u)) {
    let start = 0;
    while (word.charCodeAt(start) === 35 /* # */) {
      start++;
    }
    const tag = word.slice(start);
    if (tag !== '' && !tags.includes(tag)) {
      tags.push(tag);
    }
  }
  return tags;
}

/** `1:30`, `90` or `1:02:00` as seconds; null when it is not a length or is zero. */
export function parseDuration(value: string): number | null {
  const text = value.trim();
  if (!/^\d{1,6}(?::\d{1,2}){0,2}$/u.test(text)) {
    return null;
  }
  const parts = text.split(':').map(Number);
  if (parts.slice(1).some((part) => part >= 60)) {
    return null;
  }
  const seconds = parts.reduce((total, part) => total * 60 + part, 0);
  return seconds > 0 ? seconds : null;
}
