// The French wording of the core: the same keys as the English templates (diagnostics.ts,
// knowledge.ts, notices.ts, quotes.ts), the same `{placeholders}`. Newsroom French: « extrait sonore »
// for soundbite, « plan » for shot, « intervenant » for speaker, « en-tête » for header; French
// guillemets and a no-break space before : ; ? ! and inside « ». Chosen at activation by locale.ts.
// test/unit/translations.test.ts fails on a missing key or a placeholder that differs.
import type { MessageCatalog } from './locale';

export const frenchMessages: MessageCatalog = {
  diagnostics: {
    'shot-number-duplicate': 'Le numéro de plan {number} est déjà utilisé à la ligne {firstLine}.',
    'shot-number-out-of-sequence': 'Le numéro de plan {number} rompt la séquence : {expected} était attendu.',
    'shot-number-missing': 'Cet extrait sonore n’a pas de numéro de plan.',
    'unclosed-quote': 'Cette citation s’ouvre par {mark} mais n’est jamais fermée.',
    'mismatched-quote-marks': 'Cette citation s’ouvre par {open} mais se ferme par {close}.',
    'soundbite-missing-colon': 'La ligne de l’extrait sonore n’a pas de deux-points après le nom de l’intervenant.',
    'soundbite-missing-quote': 'L’extrait sonore {number} n’a pas de texte cité.',
    'unknown-language': 'Langue inconnue « {language} »{suggestion}.',
    'header-missing-field': 'Il manque le champ {field} dans l’en-tête.',
    'header-duplicate-field': 'L’en-tête répète le champ {field} (déjà présent à la ligne {firstLine}).',
    'dateline-format': 'Lieu et date illisibles « {text} » : format attendu JJ MOIS AAAA, LIEU.',
    'trt-format': 'Durée illisible « {text} » : format attendu MM:SS.',
    'speaker-unsure': 'Le nom et la fonction se distinguent mal sur cette ligne d’intervenant : vérifiez l’attribution avant de citer.',
  },
  diagnosticVariants: {
    'shot-number-duplicate': {
      'out-of-sequence': 'Le numéro de plan {number} est déjà utilisé à la ligne {firstLine} et rompt la séquence : {expected} était attendu.',
    },
    'speaker-unsure': {
      'wrapped': 'Cette ligne d’intervenant semble se poursuivre sur la ligne suivante ; vérifiez le nom et la fonction avant de citer.',
      'title-first': 'La fonction semble précéder le nom sur cette ligne d’intervenant ; vérifiez l’attribution avant de citer.',
      'no-separator': 'Rien ne sépare le nom de la fonction sur cette ligne d’intervenant ; vérifiez l’attribution avant de citer.',
    },
  },
  fragments: {
    didYouMean: ' (vouliez-vous dire {suggestion} ?)',
  },
  knowledge: {
    'yaml-syntax': 'Erreur de syntaxe YAML : {detail}',
    'root-not-mapping': 'Un fichier de connaissances est un dictionnaire qui contient une liste « entries ».',
    'entries-not-sequence': '« entries » doit être une liste d’entrées.',
    'entry-not-mapping': 'Chaque entrée doit être un dictionnaire de champs (id, type, names…).',
    'unknown-field': 'Champ inconnu « {field} » ; champs connus : {known}.',
    'wrong-type': 'Le champ « {field} » doit être {expected}.',
    'missing-field': 'Cette entrée n’a pas de champ « {field} » ; elle est ignorée.',
    'unknown-entry-type': 'Type inconnu « {value} » ; types attendus : {known}.',
    'duplicate-id': 'L’identifiant « {id} » est déjà utilisé à la ligne {firstLine} ; cette entrée est ignorée.',
    'too-large': 'Ce fichier de connaissances pèse {size} Ko, au-delà de la limite de {limit} Ko : il n’a pas été lu. Scindez-le, ou ne gardez que les entrées utiles.',
    'too-deep': 'Ce fichier de connaissances s’imbrique ici sur plus de {limit} niveaux : il n’a pas été lu. Les entrées ont quatre niveaux ; cherchez un crochet [ ou une accolade { non fermés.',
    'more-problems': '…et {count} autres problèmes dans ce fichier (seuls les {shown} premiers sont listés).',
  },
  knowledgeTypes: {
    string: 'un texte',
    strings: 'un texte ou une liste de textes',
    year: 'une année (par exemple 2013) ou « active »',
    date: 'une date écrite AAAA-MM-JJ (par exemple 2023-12-31)',
    version: 'un nombre',
  },
  notices: {
    'markdown-nesting': '{file} : {lines} ligne(s) imbriquent des listes ou des citations sur plus de {limit} niveaux ; les marques au-delà ont été lues comme du texte (première à la ligne {line}).',
    'markdown-delimiters': '{file} : {lines} ligne(s) contiennent plus de {limit} marques d’emphase (* ou _) dans un même paragraphe ; les marques au-delà ont été lues comme du texte (première à la ligne {line}).',
    'markdown-brackets': '{file} : {lines} ligne(s) contiennent plus de {limit} crochets de lien ([) dans un même paragraphe ; les crochets au-delà ont été lus comme du texte (premier à la ligne {line}).',
    'markdown-setext': '{file} : plus de {limit} titres soulignés ; {lines} soulignement(s) de plus ont été lus comme du texte (premier à la ligne {line}).',
    'markdown-too-costly': '{file} : trop de structure Markdown pour une lecture rapide ; le fichier a été lu comme du texte brut (ni intitulés, ni listes, ni citations Markdown).',
  },
  quoteErrors: {
    'unknown-style': 'Style de citation inconnu « {style} ». Styles intégrés : {styles}.',
    'unknown-field': 'Champ inconnu « {placeholder} » à la position {position} du modèle. Champs connus : {fields}.',
    'empty-field': 'Champ vide {} à la position {position} du modèle (écrivez {{ pour une accolade littérale).',
    'unclosed-brace': 'L’accolade à la position {position} du modèle n’est jamais fermée (écrivez {{ pour une accolade littérale).',
    'unexpected-closing-brace': 'Accolade } inattendue à la position {position} du modèle (écrivez }} pour une accolade littérale).',
    'unclosed-group': 'Le groupe facultatif [ à la position {position} du modèle n’est jamais fermé (écrivez [[ pour un crochet littéral).',
    'unexpected-closing-bracket': 'Crochet ] inattendu à la position {position} du modèle (écrivez ]] pour un crochet littéral).',
    'group-too-deep': 'Le groupe facultatif [ à la position {position} du modèle est imbriqué sur plus de {limit} niveaux.',
  },
};
