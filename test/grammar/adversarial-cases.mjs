// Adversarial lines for the grammar's performance guards, shared by test/grammar/adversarial.mjs (CI)
// and scripts/bench-grammar.mjs (`npm run bench:grammar`), so both measure the same set.
// Every case is a function of the wanted length (the guards use 10,000 characters and a short form to
// compile the scanners first); every state is the list of lines tokenized before the case line.

export const LENGTH = 10_000;

/** `prefix` + `unit` repeated + `suffix`, exactly `length` characters long. */
export const fill = (unit, prefix = '', suffix = '', length = LENGTH) => {
  const body = unit.repeat(Math.ceil(Math.max(0, length - prefix.length - suffix.length) / unit.length));
  return (prefix + body).slice(0, length - suffix.length) + suffix;
};

/** name -> (length) => line of exactly that length. */
export const cases = {
  // quotes
  'curly open quotes': (n) => fill('“', '', '', n),
  'curly closing quotes': (n) => fill('”', '', '', n),
  'curly quote pairs': (n) => fill('“”', '', '', n),
  'curly quotes with words': (n) => fill('“a ', '', '', n),
  'low-9 quotes': (n) => fill('„', '', '', n),
  'straight quotes': (n) => fill('"', '', '', n),
  'straight quotes with words': (n) => fill('"a ', '', '', n),
  'single quotes and apostrophes': (n) => fill('‘a’b ', '', '', n),
  'single open quotes': (n) => fill('‘', '', '', n),
  'guillemets': (n) => fill('« ', '', '', n),
  'guillemets glued': (n) => fill('«', '', '', n),
  'guillemet pairs': (n) => fill('«a» ', '', '', n),
  'closing guillemets': (n) => fill('»', '', '', n),
  'all quote marks': (n) => fill('“”"«»‘’„', '', '', n),
  'all quote marks, spaced': (n) => fill('“ ” " « » ‘ ’ ', '', '', n),
  // commas, dashes
  'commas': (n) => fill(', ', '', '', n),
  'commas no space': (n) => fill(',', '', '', n),
  'dashes': (n) => fill(' – — - ', '', '', n),
  'dashes glued': (n) => fill('–—-', '', '', n),
  'hyphens': (n) => fill('-', '', '', n),
  // brackets
  'open parentheses': (n) => fill('(', '', '', n),
  'open parentheses with words': (n) => fill('(ENGLISH ', '', '', n),
  'closing parentheses': (n) => fill(')', '', '', n),
  'open brackets': (n) => fill('[a ', '', '', n),
  'open brackets glued': (n) => fill('[', '', '', n),
  'bracket pairs': (n) => fill('[a]', '', '', n),
  'closing brackets': (n) => fill(']', '', '', n),
  // white space and words
  'spaces': (n) => fill(' ', '', 'x', n),
  'tabs and nbsp': (n) => fill('\t\u00A0 ', '', 'x', n),
  'upper-case letters, no colon': (n) => fill('ABCDEFGHIJ', '', '', n),
  'upper-case words, no colon': (n) => fill('ASPECT RATIO ', '', '', n),
  'capitalised words, no colon': (n) => fill('Porte-parole Name ', '', ' x', n),
  'label words then colon far away': (n) => fill('Un News ', '', ':', n),
  'lower-case prose': (n) => fill('the mission said ', '', '', n),
  // soundbites
  'soundbite: SOUNDBITE repeated': (n) => fill('SOUNDBITE ', '', '', n),
  'soundbite: numbered prefixes repeated': (n) => fill('1. SOUNDBITE (English) ', '', '', n),
  'soundbite: unclosed language parens': (n) => fill('(', '1. SOUNDBITE ', '', n),
  'soundbite: many name words': (n) => fill('Word ', '1. SOUNDBITE (English) ', '', n),
  'soundbite: many ranks': (n) => fill('Lieut. Gen. ', '1. SOUNDBITE (English) ', 'x', n),
  'soundbite: commas': (n) => fill(', ', '1. SOUNDBITE (English) ', '', n),
  'soundbite: colons': (n) => fill(':', '1. SOUNDBITE (English) Name', '', n),
  'soundbite: dash separators': (n) => fill('Name –', '1. SOUNDBITE (English) ', '', n),
  'soundbite: hyphenated words': (n) => fill('Jean-Pierre-', '1. SOUNDBITE (English) ', '', n),
  'soundbite: nested affiliation parens': (n) => fill('(MINUSCA (', '1. SOUNDBITE (English) Name, Title ', ':', n),
  'soundbite: affiliation groups': (n) => fill('(UNMISS) ', 'SOUNDBITE (English) Name, Title ', ':', n),
  'soundbite: quote after colon, unclosed': (n) => fill('“word ', '1. SOUNDBITE (English) – Name, title: ', '', n),
  'soundbite: quote marks after colon': (n) => fill('“"«', '1. SOUNDBITE (English) – Name, title: ', '', n),
  // shots
  'shot: repeated shot-type words': (n) => fill('shot ', '1. Wide ', '', n),
  'shot: repeated modifiers': (n) => fill('left/right ', '1. Pan ', '', n),
  'shot: close-up chains': (n) => fill('close-up ', '2. ', '', n),
  'shot: quotes in description': (n) => fill('“a" ', '3. Wide shot, ', '', n),
  // digits and colons
  'numbers and dots': (n) => fill('1.', '', '', n),
  'digits': (n) => fill('1234567890', '', '', n),
  'digits and colons': (n) => fill('1:2:', '', '', n),
  'colons': (n) => fill(':', '', '', n),
  'timecodes': (n) => fill('12:34 ', '', '', n),
  'bracketed timecodes': (n) => fill('[00:12:34] ', '', '', n),
  // header fields
  'header: STORY slashes': (n) => fill('A / ', 'STORY: ', '', n),
  'header: TRT digits': (n) => fill('1:2.', 'TRT: ', '', n),
  'header: SOURCE separators': (n) => fill('UNTV - ', 'SOURCE: ', '', n),
  'header: LANGUAGES': (n) => fill('ENGLISH /', 'LANGUAGES: ', '', n),
  'header: DATELINE repeated dates': (n) => fill('08 DECEMBER 2023, ', 'DATELINE: ', '', n),
  'header: DATELINE place words': (n) => fill('NEW YORK ', 'DATELINE: 08 DECEMBER 2023, ', '/ FILE', n),
  'header: unknown field words': (n) => fill('ASPECT RATIO ', '', ': x', n),
  // sections and datelines
  'dateline-like line ending in prose': (n) => fill(' NEW YORK', '08 DECEMBER 2023,', ' city?', n),
  'dateline-like line, lower case tail': (n) => fill(' NEW YORK', '08 DECEMBER 2023', ' x', n),
  'FILE line with acronyms': (n) => fill('MINUSMA - ', 'FILE - ', '', n),
  'FILE line with places': (n) => fill('BAMAKO ', 'FILE – RECENT, ', '', n),
  'prose dateline shape': (n) => fill('BRUSSELS ', '', ', 9 October 2019 x', n),
  // entities
  'acronyms glued': (n) => fill('MINUSMA', '', '', n),
  'acronyms spaced': (n) => fill('A4P+ UNAMI ', '', '', n),
  'resolutions': (n) => fill('resolution 2719 (', '', '', n),
  // page chrome, separators, headings
  'separator stars': (n) => fill('*  ', '', 'x', n),
  'separator underscores': (n) => fill('_', '', 'x', n),
  'heading word repeated': (n) => fill('SHOTLIST ', '', '', n),
  'chrome-like': (n) => fill('View more', '', '', n),
  // mixed
  'mixed punctuation': (n) => fill('“a, – (b) [c] ‘d’ "e" : ', '', '', n),
  'mixed, no spaces': (n) => fill('“,–(["«:1', '', '', n),
};

/** state name -> lines tokenized before the case line (the rule stack is carried over). */
export const states = {
  'top level': [],
  'inside “ quote': ['“An unclosed quote'],
  'inside " quote': ['"An unclosed quote'],
  'inside « quote': ['« Une citation non fermée'],
  'inside soundbite quote': ['4. SOUNDBITE (English) Ana Berg, Harbour Master, UNMISS:', '“When we arrived, the channel'],
};
