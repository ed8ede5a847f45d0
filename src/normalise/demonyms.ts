import { createRequire } from 'node:module';

/**
 * Demonyms → ISO 3166-1 alpha-2 ("Kenyan" → KE, "Swiss" → CH), for every country. The base list
 * is the `i18n-nationality` package's English data; entries that are not adjectives (territory
 * names such as "Bermuda", lists with parentheses or commas) are dropped, a few wrong ones are
 * corrected, and common variants the package lacks are added.
 */
const require = createRequire(import.meta.url);
const en = require('i18n-nationality/langs/en.json') as { nationalities: Record<string, string> };

/** Package entries that are wrong or name something else ("Welsh" is Wales, not Wallis and Futuna). */
const DROP = new Set(['WF', 'JE', 'GG', 'DJ', 'DM', 'GE']);

/** Variants and corrections: each demonym maps to one country. */
const ADDED: Record<string, string> = {
  Emirati: 'AE',
  Argentine: 'AR',
  Argentinian: 'AR',
  Bosnian: 'BA',
  Herzegovinian: 'BA',
  Motswana: 'BW',
  Congolese: 'CD',
  Dominican: 'DO',
  Ecuadorian: 'EC',
  Salvadorean: 'SV',
  Kazakh: 'KZ',
  Uzbek: 'UZ',
  Tajikistani: 'TJ',
  Turkmen: 'TM',
  Yemeni: 'YE',
  Maldivian: 'MV',
  Monegasque: 'MC',
  Sammarinese: 'SM',
  Surinamese: 'SR',
  Luxembourgish: 'LU',
  Nepali: 'NP',
  Slovak: 'SK',
  Slovene: 'SI',
  'Saudi Arabian': 'SA',
  'Sri Lankan': 'LK',
  'New Zealand': 'NZ',
  Aussie: 'AU',
  Filipino: 'PH',
  Philippine: 'PH',
  Korean: 'KR',
  'South Korean': 'KR',
  'North Korean': 'KP',
  Taiwanese: 'TW',
  Vietnamese: 'VN',
  Lao: 'LA',
  Myanmar: 'MM',
  Belarussian: 'BY',
  English: 'GB',
  Scottish: 'GB',
  Welsh: 'GB',
  'Northern Irish': 'GB',
  'Hong Konger': 'HK',
  Palestinian: 'PS',
  Kosovar: 'XK',
  Timorese: 'TL',
  Djiboutian: 'DJ',
};

function build(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [code, word] of Object.entries(en.nationalities)) {
    if (DROP.has(code) || /[(),]| - | or /.test(word) || /\b(?:Islands?|Territory|Saint|Sint|Sahara)\b/.test(word)) continue;
    out.set(word, code);
  }
  for (const [word, code] of Object.entries(ADDED)) out.set(word, code);
  return out;
}

/** Demonym as written (capitalised) → alpha-2. */
export const DEMONYMS: ReadonlyMap<string, string> = build();
