// Vocabulary of the formats: header field names, languages, months, shot types and page chrome.
// Lists, not logic, so that a newsroom's variants can be added in one place.

/** Header fields every UNifeed shot list should carry, in their usual order. */
export const requiredHeaderFields: readonly string[] = ['STORY', 'TRT', 'SOURCE', 'RESTRICTIONS', 'LANGUAGES', 'DATELINE'];

/** Field names recognised as header fields (others in a header block are kept as unknown fields). */
export const knownHeaderFields: ReadonlySet<string> = new Set([
  'STORY', 'TITLE', 'TRT', 'SOURCE', 'SOURCES', 'RESTRICTIONS', 'RESTRICTION', 'LANGUAGE', 'LANGUAGES', 'DATELINE',
  'ASPECT RATIO', 'CREDIT REQUIRED', 'CREDIT', 'DURATION', 'LOCATION', 'DATE', 'SHOOTING DATE', 'CAMERA',
  'EDITOR', 'PRODUCER', 'REPORTER', 'FORMAT', 'CATEGORY', 'SLUG', 'ID', 'STORY NUMBER', 'ASSET ID',
]);

/** Some newsrooms write LANGUAGE, others LANGUAGES: both satisfy the same requirement. */
export function canonicalHeaderField(name: string): string {
  if (name === 'LANGUAGE') {
    return 'LANGUAGES';
  }
  if (name === 'RESTRICTION') {
    return 'RESTRICTIONS';
  }
  return name;
}

/** Language names seen in soundbite tags, lower-cased, mapped to their display form. */
const languageList = [
  'English', 'French', 'Spanish', 'Arabic', 'Russian', 'Chinese', 'Mandarin', 'Cantonese', 'Portuguese', 'Swahili',
  'Kiswahili', 'Sango', 'Lingala', 'Bambara', 'Hausa', 'Somali', 'Amharic', 'Tigrinya', 'Oromo', 'Dinka', 'Nuer',
  'Juba Arabic', 'Haitian Creole', 'Creole', 'Kreyol', 'Tetum', 'Dari', 'Pashto', 'Urdu', 'Hindi', 'Bengali',
  'Ukrainian', 'German', 'Italian', 'Dutch', 'Turkish', 'Hebrew', 'Persian', 'Farsi', 'Kurdish', 'Tamazight',
  'Berber', 'Songhai', 'Fulfulde', 'Fula', 'Peul', 'Wolof', 'Kinyarwanda', 'Kirundi', 'Luganda', 'Acholi', 'Zande',
  'Malagasy', 'Japanese', 'Korean', 'Indonesian', 'Bahasa', 'Nepali', 'Sinhala', 'Tamil', 'Burmese', 'Thai',
  'Vietnamese', 'Khmer', 'Greek', 'Serbian', 'Albanian', 'Croatian', 'Bosnian', 'Georgian', 'Armenian',
  'Azerbaijani', 'Romanian', 'Polish', 'Czech', 'Swedish', 'Norwegian', 'Danish', 'Finnish', 'Hungarian',
  'Bulgarian', 'Shona', 'Zulu', 'Xhosa', 'Sesotho', 'Tswana', 'Yoruba', 'Igbo', 'Twi', 'Ewe', 'Mende', 'Krio',
  'Temne', 'Kikongo', 'Tshiluba', 'Hassaniya', 'Zaghawa', 'Fur', 'Masalit', 'Bari', 'Shilluk', 'Murle',
  'Ateso', 'Karamojong', 'Sign Language', 'Uzbek', 'Tajik', 'Kyrgyz', 'Kazakh', 'Mongolian', 'Filipino',
  'Tagalog', 'Malay', 'Punjabi', 'Rohingya', 'Tigre', 'Afar', 'Kanuri', 'Zarma', 'Moore', 'Mooré', 'Dioula',
  'Susu', 'Malinke', 'Mandinka', 'Lugbara', 'Kakwa', 'Swati', 'Chichewa', 'Tok Pisin', 'Bislama', 'Samoan',
  'Tongan', 'Fijian', 'Aymara', 'Quechua', 'Guarani', 'Hebrew', 'Assyrian', 'Syriac', 'Turkmen', 'Latvian',
  'Lithuanian', 'Estonian', 'Slovak', 'Slovenian', 'Macedonian', 'Montenegrin', 'Belarusian', 'Moldovan',
  'Français', 'Anglais', 'Arabe', 'Espagnol', 'Russe', 'Chinois', 'Natural sound', 'Nats', 'Natsound',
];
const languagesByLowerName = new Map<string, string>(languageList.map((name) => [name.toLowerCase(), name]));

/**
 * Languages a header may list under another name, by display name lower-cased: a soundbite in
 * Kiswahili is covered by SWAHILI, one in Mandarin by CHINESE, natural sound by NATS.
 */
export const languageAliases: ReadonlyMap<string, string> = new Map([
  ['kiswahili', 'swahili'], ['farsi', 'persian'], ['mandarin', 'chinese'], ['cantonese', 'chinese'],
  ['kreyol', 'haitian creole'], ['creole', 'haitian creole'], ['natural sound', 'nats'], ['natsound', 'nats'],
  ['français', 'french'], ['anglais', 'english'], ['arabe', 'arabic'], ['espagnol', 'spanish'], ['russe', 'russian'],
  ['chinois', 'chinese'], ['peul', 'fula'], ['fulfulde', 'fula'], ['bahasa', 'indonesian'], ['moore', 'mooré'],
]);

/** The display name of a language written in any case, or null when it is not a known language. */
export function recogniseLanguage(written: string): string | null {
  return languagesByLowerName.get(written.trim().toLowerCase()) ?? null;
}

/** The closest known language within two edits (for `Englsh`), or null. */
export function suggestLanguage(written: string): string | null {
  const lower = written.trim().toLowerCase();
  let best: string | null = null;
  let bestDistance = 3;
  for (const [candidate, display] of languagesByLowerName) {
    if (Math.abs(candidate.length - lower.length) >= bestDistance) {
      continue;
    }
    const distance = editDistance(lower, candidate, bestDistance);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = display;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once every cell of a row reaches `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum >= limit) {
      return limit;
    }
    previous = current;
  }
  return previous[b.length] ?? limit;
}

/** Month names and abbreviations (English and French, with and without accents) to month numbers. */
export const monthNumbers: ReadonlyMap<string, number> = new Map([
  ['january', 1], ['jan', 1], ['janvier', 1],
  ['february', 2], ['feb', 2], ['février', 2], ['fevrier', 2],
  ['march', 3], ['mar', 3], ['mars', 3],
  ['april', 4], ['apr', 4], ['avril', 4],
  ['may', 5], ['mai', 5],
  ['june', 6], ['jun', 6], ['juin', 6],
  ['july', 7], ['jul', 7], ['juillet', 7],
  ['august', 8], ['aug', 8], ['août', 8], ['aout', 8],
  ['september', 9], ['sep', 9], ['sept', 9], ['septembre', 9],
  ['october', 10], ['oct', 10], ['octobre', 10],
  ['november', 11], ['nov', 11], ['novembre', 11],
  ['december', 12], ['dec', 12], ['décembre', 12], ['decembre', 12],
]);

/** The English month names, January first: the house style of a DATELINE writes them in full, in capitals. */
export const englishMonthNames: readonly string[] = [
  'JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER',
];

/** English month abbreviations (`DEC`, `SEPT`): short, but English. */
export const englishMonthAbbreviations: ReadonlySet<string> = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/**
 * First words of a shot type (`Wide shot`, `Various shots`, `Pan left`, `Close-up`), lower-cased.
 * A shot type is one of these followed by any of `shotTypeContinuations`.
 */
export const shotTypeFirstWords: ReadonlySet<string> = new Set([
  'various', 'wide', 'extreme', 'medium', 'med', 'mid', 'close', 'close-up', 'close-ups', 'closeup', 'closeups',
  'tracking', 'aerial', 'aerials', 'drone', 'pan', 'panning', 'tilt', 'tilting', 'zoom', 'zooming', 'cutaway',
  'cutaways', 'two', 'long', 'low', 'high', 'low-angle', 'high-angle', 'exterior', 'interior', 'establishing',
  'travelling', 'traveling', 'handheld', 'slow', 'slow-motion', 'time-lapse', 'timelapse', 'top', 'overhead',
  'side', 'front', 'reverse', 'over-the-shoulder', 'upsound', 'natsot', 'nats', 'archive', 'graphic', 'graphics',
  'still', 'stills', 'photo', 'photos', 'map', 'pull', 'push', 'tight',
]);

/** Words that may follow a shot type's first word and still belong to the type (`shot`, `left`, `up`). */
export const shotTypeContinuations: ReadonlySet<string> = new Set([
  'shot', 'shots', 'up', 'ups', 'down', 'left', 'right', 'in', 'out', 'angle', 'wide', 'close', 'close-up',
  'motion', 'lapse', 'view', 'views', 'back', 'focus',
]);



/** Whole-line page chrome left by copying a web page, compared lower-cased and trimmed. */
export const chromeLines: ReadonlySet<string> = new Set([
  'download', 'share', 'there is no media available to download.', 'there is no media available to download',
  'view more', 'view less', 'view moreview less', 'view more view less', 'share this article:', 'share this article',
  'about the author', 'print', 'email', 'e-mail', 'tweet', 'facebook', 'twitter', 'whatsapp', 'linkedin',
  'related', 'related stories', 'related content', 'read more', 'back to top', 'subscribe', 'advertisement',
  'news & updates', 'news and updates', 'news', 'copy link', 'listen', 'play', 'video', 'audio', 'transcript',
  'source:', 'menu', 'search', 'home', 'more', 'tags', 'tags:', 'topics', 'topics:', 'share this:',
]);

/** Prefixes of credit and caption lines left by web copies (`Credit: UN Photo/…`). */
export const chromePrefixPattern = /^(?:credit|photo credit|photo|crédit|source|copyright|©|propos recueillis par|\(propos recueillis par)\b\s*:?/iu;

/** Interview labels that identify the interviewer's side. */
export const questionLabels: ReadonlySet<string> = new Set([
  'q', 'question', 'interviewer', 'un news', 'un radio', 'un news centre', 'journalist', 'reporter', 'host',
  'moderator', 'presenter', 'anchor', 'rfi', 'bbc', 'afp', 'reuters', 'ap', 'voa', 'france 24', 'tv5', 'tv5monde',
  'rfi afrique', 'le monde', 'al jazeera', 'b2', 'untv', 'dw', 'npr', 'cnn', 'journaliste', 'animateur',
  'animatrice', 'présentateur', 'présentatrice', 'correspondent', 'correspondant', 'correspondante',
]);

/** Interview labels that identify the interviewee's side. */
export const answerLabels: ReadonlySet<string> = new Set(['a', 'answer', 'réponse', 'r']);

/**
 * Length of the shot type at the start of a shot's text (`Wide shot, …` gives 9), or 0 when the text
 * does not open with one. Word lookups instead of a regular expression: this runs on every shot.
 */
export function shotTypeLength(text: string): number {
  const word = /^[A-Za-z]+(?:-[A-Za-z]+)*/.exec(text);
  if (!word || !shotTypeFirstWords.has(word[0].toLowerCase())) {
    return 0;
  }
  let length = word[0].length;
  const following = /^[ -]([A-Za-z]+(?:-[A-Za-z]+)*)/;
  for (let next = following.exec(text.slice(length)); next && next[1] && shotTypeContinuations.has(next[1].toLowerCase());
    next = following.exec(text.slice(length))) {
    length += next[0].length;
  }
  return length;
}

/**
 * Words a title starts with in a speaker line (`Head of …`, `Special Representative …`,
 * `Under-Secretary-General …`), lower-cased: when the part before the separator starts with one and
 * the part after reads as a name, the title came first.
 */
export const titleFirstWords: ReadonlySet<string> = new Set([
  'head', 'special', 'deputy', 'under-secretary-general', 'assistant', 'secretary-general', 'secretary', 'spokesperson',
  'spokesman', 'spokeswoman', 'director', 'director-general', 'chief', 'president', 'vice-president', 'prime', 'minister',
  'commander', 'force', 'representative', 'coordinator', 'ambassador', 'envoy', 'chair', 'chairperson', 'chairman',
  'chairwoman', 'executive', 'high', 'senior', 'acting', 'resident', 'humanitarian', 'officer', 'adviser', 'advisor',
  'governor', 'mayor', 'member', 'permanent', 'country', 'regional', 'programme', 'program', 'project', 'police',
  'commissioner', 'associate', 'administrator', 'manager', 'founder', 'co-founder', 'lead', 'principal',
  'military', 'political', 'civil', 'civilian', 'child', 'gender', 'human', 'field', 'team', 'sector', 'battalion',
  'platoon', 'company', 'unit', 'contingent', 'teacher', 'nurse', 'doctor', 'farmer', 'student', 'displaced',
  'refugee', 'survivor', 'local', 'community', 'village', 'tribal', 'traditional', 'religious', 'youth', 'women',
  'health', 'education', 'nutrition', 'protection', 'public', 'information', 'communications', 'press', 'media',
  'représentante', 'représentant', 'chef', 'porte-parole', 'directeur', 'directrice', 'ministre', 'président', 'présidente',
  'coordonnateur', 'coordonnatrice', 'commandant', 'secrétaire', 'sous-secrétaire', 'envoyé', 'envoyée', 'maire',
  'prefect', 'préfet', 'sub-prefect', 'sous-préfet',
]);

/**
 * Capitalised words that name an organisation, a body or a place's kind, never a person, lower-cased:
 * `United Nations Assistant Secretary-General`, `Peace and Security Commissioner, African Union`,
 * `Twic East County`. A speaker part holding one is no name, and a title may open with one.
 */
export const organisationWords: ReadonlySet<string> = new Set([
  'united', 'nations', 'un', 'union', 'african', 'european', 'arab', 'league', 'council', 'committee', 'commission',
  'department', 'ministry', 'office', 'organization', 'organisation', 'agency', 'fund', 'bank', 'forum', 'assembly',
  'government', 'republic', 'section', 'division', 'peace', 'security', 'affairs', 'operations', 'operational',
  'secretariat', 'county', 'state', 'province', 'provincial', 'district', 'region', 'mission', 'hospital', 'university',
  'association', 'institute', 'foundation', 'network', 'centre', 'center', 'international', 'national', 'federal',
  'nations-unies', 'onu', 'ministère', 'gouvernement', 'république',
]);

/** Ranks and honorifics written before a name (`Lieut. Gen.`, `Maj.`, `Hon.`), lower-cased, dots kept. */
export const nameHonorifics: ReadonlySet<string> = new Set([
  'lieut.', 'lieutenant', 'lt.', 'lt', 'gen.', 'general', 'maj.', 'maj', 'major', 'col.', 'col', 'colonel', 'capt.', 'capt',
  'captain', 'brig.', 'brigadier', 'cmdr.', 'cdr.', 'sgt.', 'sgt', 'sergeant', 'cpl.', 'corporal', 'pte.', 'private', 'adm.',
  'admiral', 'hon.', 'hon', 'honourable', 'honorable', 'dr.', 'dr', 'prof.', 'prof', 'mr.', 'mr', 'ms.', 'ms', 'mrs.', 'mrs',
  'mme', 'mme.', 'm.', 'h.e.', 'rev.', 'reverend', 'sheikh', 'chief', 'sr.', 'fr.', 'father', 'sister', 'bishop', 'imam',
  'pastor', 'ambassador', 'justice', 'judge', 'sen.', 'senator', 'gén.', 'général', 'colonel-major', 'inspector', 'insp.',
  'superintendent', 'supt.',
]);

/** Small words inside names (`Carlos dos Santos Cruz`, `Ursula von der Leyen`, `Ahmed bin Ali`), lower-cased. */
export const nameParticles: ReadonlySet<string> = new Set([
  'de', 'da', 'das', 'do', 'dos', 'du', 'des', 'del', 'della', 'di', 'van', 'von', 'der', 'den', 'ter', 'la', 'le', 'bin',
  'ben', 'ibn', 'al', 'el', 'al-', 'y', 'e', 'af', 'zu', 'st.',
]);

/**
 * Words after which a speaker line cannot end (`… Representative for`, `… Head of`), lower-cased:
 * a line ending on one was hard-wrapped.
 */
export const unfinishedLineWords: ReadonlySet<string> = new Set([
  'for', 'of', 'and', 'the', 'in', 'to', 'on', 'at', 'with', 'against', 'a', 'an', 'de', 'du', 'des', 'la', 'le', 'les',
  'et', 'à', 'aux', 'pour', 'en', 'sur', 'avec', "l'", "d'", 'del', 'y', 'para', 'por',
]);

/**
 * Labels that head notes, e-mails, logs and documentation rather than a speaker's turn, lower-cased.
 * `Note: … Tip: … Note: …` alternates like an interview but is not one.
 */
export const nonSpeakerLabels: ReadonlySet<string> = new Set([
  'note', 'notes', 'nb', 'n.b', 'ps', 'p.s', 'tip', 'tips', 'hint', 'warning', 'caution', 'important', 'attention',
  'danger', 'example', 'examples', 'e.g', 'usage', 'step', 'todo', 'fixme', 'update', 'edit', 'edited', 'correction',
  'subject', 'from', 'to', 'cc', 'bcc', 're', 'fwd', 'fw', 'sent', 'date', 'time', 'reply', 'info', 'error', 'warn',
  'debug', 'trace', 'fatal', 'notice', 'result', 'results', 'output', 'input', 'summary', 'conclusion', 'background',
  'objet', 'remarque', 'exemple', 'avertissement', 'mise à jour', 'action', 'actions', 'decision', 'decisions',
  'agenda', 'attendees', 'present', 'absent', 'minutes', 'next steps', 'follow-up', 'todo list', 'status',
  'intervenants', 'intervenant', 'intervenantes', 'participants', 'speakers', 'panellists', 'panelists',
]);
