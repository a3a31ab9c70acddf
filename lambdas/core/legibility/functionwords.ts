/**
 * Closed-class ("function") words per language. English drives the function-word density signal and
 * the transition model; the short lists of other Latin-script languages identify a window's language
 * cheaply (stop-word profiles), because a full n-gram language detector does not fit the bundle.
 */
export const EN_FUNCTION_WORDS: readonly string[] = (
  "a an the this that these those some any no every each either neither both all another other such what which whose " +
  "i me my mine we us our ours you your yours he him his she her hers it its they them their theirs one ones myself " +
  "yourself himself herself itself ourselves themselves who whom whoever whatever whichever " +
  "and or but nor so yet for if then else than because since although though while whereas unless until till " +
  "whether as once when whenever where wherever why how however therefore thus hence also too very just only even " +
  "not never always often sometimes already still again now here there maybe perhaps rather quite almost " +
  "of in on at to from by with without within into onto upon about above below over under between among through " +
  "during before after against across along around behind beyond near off out up down per via toward towards " +
  "is are was were be been being am isn't aren't wasn't weren't do does did done doing don't doesn't didn't " +
  "have has had having haven't hasn't hadn't will would shall should can could may might must won't wouldn't " +
  "can't cannot couldn't shouldn't let's it's that's there's here's what's i'm we're you're they're he's she's " +
  "i'll we'll you'll i've we've you've i'd we'd " +
  "more most less least much many few several enough same own like yes ok okay first second next last"
).split(" ");

/** Stop-word profiles for the Latin-script languages the scorer can tell apart from English. */
export const LATIN_PROFILES: Readonly<Record<string, readonly string[]>> = {
  en: "the and of to is in that it for with as was on be this are not by we so if then have which".split(" "),
  fr: "le la les des est une du et que qui dans pour pas sur au avec ce il nous sont mais ou donc alors cette".split(
    " ",
  ),
  es: "el la los las del es una y que en por para con no se lo como pero su al sus entonces esto porque hay".split(
    " ",
  ),
  de: "der die das und ist nicht ein eine zu den mit sich des auf für im dem wir es auch also dann wenn aber".split(
    " ",
  ),
  it: "il di che è la non una sono del della le gli con si anche quindi allora questo ma come dei nel".split(
    " ",
  ),
  pt: "o os de que é não uma do da em para com se por mas como ao dos das então isso também são está".split(
    " ",
  ),
  nl: "de het een van en is dat niet op te zijn voor met die ook maar dan als wat er zo we dus wordt".split(
    " ",
  ),
};

export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: "English",
  fr: "French",
  es: "Spanish",
  de: "German",
  it: "Italian",
  pt: "Portuguese",
  nl: "Dutch",
  zh: "Chinese",
  ja: "Japanese",
  ko: "Korean",
  ru: "Russian (Cyrillic)",
  ar: "Arabic",
  he: "Hebrew",
  el: "Greek",
  hi: "Devanagari",
  th: "Thai",
  latin: "a Latin-script language",
  other: "another script",
};

/** The languages of `LATIN_PROFILES`, in order: bit i of a profile mask is language i. */
export const PROFILE_LANGS: readonly string[] = Object.keys(LATIN_PROFILES);
/** Stop word → bit mask of the languages whose profile holds it. */
const PROFILE_BITS = new Map<string, number>();
PROFILE_LANGS.forEach((lang, i) => {
  for (const w of LATIN_PROFILES[lang]!) PROFILE_BITS.set(w, (PROFILE_BITS.get(w) ?? 0) | (1 << i));
});

/** Stop-word profile bits of one lower-cased word (0 for a word in no profile). */
export const profileBitsOf = (w: string): number => PROFILE_BITS.get(w) ?? 0;
