// The inflected forms of a word (docs/rules.md, "Terms"): plural/singular and verb forms,
// irregulars included, derived words excluded. Runs at rule compile time only, never per article.
// Built on compromise's lexicon, conjugator and pluraliser, plus a small table of gaps.
import nlp from 'compromise';

// compromise types its internals as `object`: this is the part of them we use.
interface World {
  readonly model: {
    readonly one: { readonly lexicon: Readonly<Record<string, string | readonly string[] | undefined>> };
    readonly two: {
      readonly switches: Readonly<Record<string, string | undefined>>;
      /** By suffix length: suffix → the tag compromise guesses for an unknown word ("ize" → Infinitive). */
      readonly suffixPatterns: readonly (Readonly<Record<string, string | undefined>> | undefined)[];
      /** By last letter: [pattern, tag] pairs tried after the suffixes. */
      readonly endsWith: Readonly<Record<string, readonly (readonly [RegExp, string])[] | undefined>>;
    };
  };
  readonly methods: { readonly two: { readonly transform: Transforms; readonly looksPlural: (word: string) => boolean } };
}

const world = nlp.world() as World;
const model = world.model;
const lexicon = model.one.lexicon;
const switches = model.two.switches;
const { verb, noun } = world.methods.two.transform;
const looksPlural = world.methods.two.looksPlural;

interface Transforms {
  readonly verb: {
    readonly all: (infinitive: string, m: unknown) => string[];
    readonly toInfinitive: (form: string, m: unknown, tense?: string) => string;
  };
  readonly noun: {
    readonly toPlural: (singular: string, m: unknown) => string;
    readonly toSingular: (plural: string, m: unknown) => string;
  };
}

/** Forms compromise lacks or gets wrong (second past forms, the copula). */
const EXTRA_VERB_FORMS: Readonly<Record<string, readonly string[]>> = {
  be: ['am', 'are', 'is', 'was', 'were', 'been', 'being'],
  burn: ['burnt'],
  learn: ['learnt'],
  spell: ['spelt'],
  spoil: ['spoilt'],
  leap: ['leapt'],
  kneel: ['knelt'],
  dream: ['dreamt'],
  wake: ['woke', 'woken'],
  get: ['gotten'],
  shine: ['shone'],
  hang: ['hanged'],
  bear: ['born', 'borne'],
  dive: ['dove'],
  smell: ['smelt'],
  lay: ['laid', 'lays', 'laying'],
};
/**
 * News verbs compromise's lexicon lacks or knows only as nouns ("clash", "raid"): they take verb
 * forms ("clashed", "raided") like any verb. Nouns that are rarely verbs ("rocket", "unit") are not here.
 */
const NEWS_VERBS = new Set([
  'clash', 'raid', 'shell', 'march', 'ambush', 'massacre', 'blockade', 'stampede', 'picket', 'parade', 'sabotage',
  'ransom', 'torch', 'halt', 'surrender', 'mob', 'behead', 'airlift', 'quarantine', 'topple', 'riot', 'loot',
]);
const COPULA = new Map(Object.entries(EXTRA_VERB_FORMS).flatMap(([lemma, forms]) => forms.map((f) => [f, lemma] as const)));

const NOUN_TAGS = new Set(['Singular', 'Noun', 'Actor', 'Unit', 'Demonym']);
const VERB_FORM_TAGS = new Set(['PastTense', 'PresentTense', 'Gerund', 'Participle']);
/** compromise "switches": words with two parts of speech. */
const LEMMA_VERB_SWITCHES = new Set(['Noun|Verb', 'Actor|Verb', 'Person|Verb']);
const FORM_VERB_SWITCHES = new Set(['Plural|Verb', 'Adj|Past', 'Adj|Present', 'Noun|Gerund', 'Adj|Gerund']);
const NOUN_SWITCHES = new Set(['Noun|Verb', 'Actor|Verb', 'Unit|Noun', 'Adj|Noun', 'Person|Noun']);
const INFLECTABLE = /^[a-z]{3,}$/;
const SHORT = /^[a-z]{2}$/;
const SINGULAR_LOOKING = /(?:ss|is|us)$/;
const REGULAR_VERB_ENDING = /(?:s|ed|ing)$/;

const cache = new Map<string, readonly string[]>();

/** All inflected forms of a folded word, the word itself first: "strike" → strike, strikes, struck, striking. */
export function wordForms(word: string): readonly string[] {
  let forms = cache.get(word);
  if (forms === undefined) {
    forms = computeForms(word);
    cache.set(word, forms);
  }
  return forms;
}

function computeForms(word: string): readonly string[] {
  const lemma = COPULA.get(word) ?? word;
  // Two-letter words are inflected only when they are verbs the lexicon knows ("go", "do"), not "us".
  const inflectable = INFLECTABLE.test(lemma) || (SHORT.test(lemma) && isVerbLemma(lemma));
  if (!inflectable) return [word];
  const forms = new Set([word]);
  const verbs = verbLemmas(lemma);
  for (const v of verbs) {
    for (const f of verb.all(v, model)) forms.add(f);
    for (const f of own(EXTRA_VERB_FORMS, v) ?? []) forms.add(f);
  }
  // A verb form the lexicon does not know as a word ("clashed", "rocketed") is not also a noun ("clasheds").
  const verbFormOnly = !isKnown(lemma) && ((verbs.length > 0 && !verbs.includes(lemma)) || lemma.endsWith('ed'));
  for (const n of verbFormOnly ? [] : nounLemmas(lemma)) {
    forms.add(n);
    const plural = pluralOf(n);
    if (plural !== '' && !plural.includes(' ')) forms.add(plural);
  }
  return [...forms].filter((f) => f !== '' && !f.includes(' '));
}

// Lookups go through own(): a word such as "constructor" must not find Object.prototype's.
function own<T>(record: Readonly<Record<string, T | undefined>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function tagsOf(word: string): readonly string[] {
  const tag = own(lexicon, word);
  return tag === undefined ? [] : typeof tag === 'string' ? [tag] : tag;
}

function isKnown(word: string): boolean {
  return own(lexicon, word) !== undefined || own(switches, word) !== undefined;
}

/**
 * An infinitive in any reading ("attack", "strike"; "suspect", an adjective that is also the verb's
 * present tense; "clash" from NEWS_VERBS; "evacuate", unknown to the lexicon but a verb to
 * compromise's suffix guess), not a form of another verb ("attacks", "united").
 */
function isVerbLemma(word: string): boolean {
  if (tagsOf(word).includes('Infinitive') || LEMMA_VERB_SWITCHES.has(own(switches, word) ?? '')) return true;
  if (own(EXTRA_VERB_FORMS, word) !== undefined || NEWS_VERBS.has(word)) return true;
  if (own(switches, word) === 'Adj|Present') return verb.toInfinitive(word, model, 'PresentTense') === word;
  return !isKnown(word) && INFLECTABLE.test(word) && guessTag(word) === 'Infinitive';
}

/** The tag compromise's tagger gives an unknown word from its ending alone (as nlp(word) would, without the cost). */
function guessTag(word: string): string | undefined {
  const bySuffix = model.two.suffixPatterns;
  for (let n = Math.min(word.length - 1, bySuffix.length - 1); n > 0; n--) {
    const tag = own(bySuffix[n] ?? {}, word.slice(-n));
    if (tag !== undefined) return tag;
  }
  return (own(model.two.endsWith, word.slice(-1)) ?? []).find(([re]) => re.test(word))?.[1];
}

/** The lexicon knows every irregular form: a word it does not know is a verb form only by a regular ending. */
function mayBeVerbForm(word: string): boolean {
  if (!isKnown(word)) return REGULAR_VERB_ENDING.test(word);
  return tagsOf(word).some((t) => VERB_FORM_TAGS.has(t)) || FORM_VERB_SWITCHES.has(own(switches, word) ?? '');
}

/** The infinitives whose forms include `word` ("struck" → strike; "united" → unite, never "unit"). */
function verbLemmas(word: string): string[] {
  // A word that is itself an infinitive keeps its own forms only: "wound" is not "wind".
  if (isVerbLemma(word)) return [word];
  if (!mayBeVerbForm(word)) return [];
  const lemmas: string[] = [];
  for (const tense of ['PastTense', 'PresentTense', 'Gerund', 'Participle', undefined]) {
    const infinitive = verb.toInfinitive(word, model, tense);
    if (infinitive === word || infinitive === '' || lemmas.includes(infinitive) || !isVerbLemma(infinitive)) continue;
    if (verb.all(infinitive, model).includes(word) || (own(EXTRA_VERB_FORMS, infinitive) ?? []).includes(word)) lemmas.push(infinitive);
  }
  return lemmas;
}

/** The singular nouns whose forms include `word` ("children" → child; "news" stays "news"). */
function nounLemmas(word: string): string[] {
  const tags = tagsOf(word);
  const known = isKnown(word);
  const pluralLooking = tags.includes('Plural') || own(switches, word) === 'Plural|Verb' || (!known && looksPlural(word));
  if (pluralLooking) {
    const singular = noun.toSingular(word, model);
    const plausible = isKnown(singular) ? isNoun(singular) : word.endsWith('s') && !SINGULAR_LOOKING.test(word);
    if (singular !== word && singular !== '' && plausible && noun.toPlural(singular, model) === word) return [singular];
    if (known) return [];
  }
  return isNoun(word) ? [word] : [];
}

/** compromise leaves some unknown singulars as they are ("militia"); English adds -s. */
function pluralOf(word: string): string {
  const plural = noun.toPlural(word, model);
  return plural === word && !isKnown(word) ? `${word}s` : plural;
}

function isNoun(word: string): boolean {
  return !isKnown(word) || tagsOf(word).some((t) => NOUN_TAGS.has(t)) || NOUN_SWITCHES.has(own(switches, word) ?? '');
}
