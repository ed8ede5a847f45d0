// Frequent function words that are distinctive per language (shared words like "a"/"de" are left out
// where they would blur en/fr/es/pt/it/nl apart).
const STOPWORDS: Record<string, readonly string[]> = {
  en: ['the', 'and', 'of', 'to', 'is', 'that', 'with', 'for', 'was', 'this', 'are', 'have', 'from', 'it', 'which', 'be'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'sich', 'auf', 'für', 'ein', 'eine', 'dem', 'den', 'auch', 'wird'],
  fr: ['le', 'les', 'et', 'des', 'est', 'une', 'dans', 'pour', 'qui', 'pas', 'sur', 'au', 'avec', 'du', 'sont', 'cette'],
  es: ['el', 'los', 'las', 'y', 'del', 'es', 'una', 'por', 'para', 'con', 'que', 'se', 'su', 'al', 'como', 'más'],
  pt: ['os', 'as', 'e', 'do', 'da', 'uma', 'para', 'com', 'não', 'que', 'se', 'dos', 'das', 'ao', 'em', 'mais'],
  it: ['il', 'gli', 'e', 'di', 'che', 'è', 'una', 'per', 'con', 'non', 'sono', 'della', 'del', 'nel', 'alla', 'anche'],
  nl: ['de', 'het', 'en', 'van', 'een', 'is', 'dat', 'niet', 'met', 'voor', 'zijn', 'op', 'ook', 'naar', 'wordt', 'bij'],
};

const WORD_RE = /[\p{L}]+/gu;
const MIN_WORDS = 20;
const MAX_WORDS = 2000;

/** Cheap stopword vote among en/de/fr/es/pt/it/nl; null when the text is too short or nothing matches. */
export function detectLanguage(text: string): string | null {
  const words = text.slice(0, 20_000).toLowerCase().match(WORD_RE);
  if (!words || words.length < MIN_WORDS) return null;
  const counts = new Map<string, number>();
  for (const w of words.slice(0, MAX_WORDS)) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best: string | null = null;
  let bestHits = 0;
  for (const [lang, list] of Object.entries(STOPWORDS)) {
    let hits = 0;
    for (const w of list) hits += counts.get(w) ?? 0;
    if (hits > bestHits) {
      bestHits = hits;
      best = lang;
    }
  }
  // Require stopwords to be a noticeable share of the text, else it is probably another language.
  return bestHits >= Math.max(3, Math.min(words.length, MAX_WORDS) * 0.05) ? best : null;
}
