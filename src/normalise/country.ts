import type { Region } from '../deal/schema.js';
import { DEMONYMS } from './demonyms.js';

/**
 * Country as an article writes it ("Germany", "German", "Berlin-based", "DE", "the U.K.") →
 * ISO 3166-1 alpha-2, and country → dealflow region.
 *
 * Region decisions: north_america is US, CA and their northern territories (GL, BM, PM, UM);
 * Mexico, Central America and the Caribbean are latin_america; middle_east is the Gulf and
 * Levant plus IR, IQ, YE and TR (Turkish startups are covered as part of MENA/META); North
 * Africa (EG, MA, TN, DZ, LY) is africa; RU, UA, BY and the Caucasus (GE, AM, AZ) are europe;
 * central_asia is the five "-stans" (KZ, KG, TJ, TM, UZ); AF is south_asia; MN is east_asia;
 * Antarctic territories (AQ, BV, TF, HM) have no region.
 */
const REGION_CODES: Record<Region, string> = {
  north_america: 'US CA GL BM PM UM',
  latin_america:
    'MX GT BZ SV HN NI CR PA CU DO HT JM BS BB TT AG DM GD KN LC VC PR VI VG AI AW BL BQ CW KY MF MQ GP ' +
    'MS SX TC BR AR CL CO PE VE EC BO PY UY GY SR GF FK GS',
  europe:
    'AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV ' +
    'MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK GE AM AZ',
  middle_east: 'AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE',
  africa:
    'DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR ' +
    'MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN UG EH ZM ZW',
  south_asia: 'AF BD BT IN IO LK MV NP PK',
  east_asia: 'CN HK JP KP KR MN MO TW',
  southeast_asia: 'BN ID KH LA MM MY PH SG TH TL VN',
  oceania: 'AU NZ FJ PG SB VU NC PF WS TO TV KI NR MH FM PW CK NU TK WF AS GU MP PN NF CX CC',
  central_asia: 'KZ KG TJ TM UZ',
};
/** Valid codes without a region. */
const UNREGIONED = ['AQ', 'BV', 'TF', 'HM'];

const REGION_OF = new Map<string, Region>(
  Object.entries(REGION_CODES).flatMap(([region, codes]) => codes.split(' ').map((code) => [code, region as Region] as const)),
);
const VALID = new Set([...REGION_OF.keys(), ...UNREGIONED]);

/** The dealflow region of an ISO alpha-2 code, or null when unknown or regionless. */
export function regionOf(code: string | null): Region | null {
  return code ? (REGION_OF.get(code.trim().toUpperCase()) ?? null) : null;
}

/** Lowercase, accents folded, "&" as "and", punctuation to spaces ("Côte d’Ivoire" → "cote d ivoire"). */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.’'`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// Aliases, demonyms, regions and cities, keyed by their folded form. null marks phrases that
// name no single country ("European", "Latin American"), so a shorter word inside them
// ("American") does not match.
const EXTRA: Record<string, string | null> = {
  // United States (+ common states)
  'united states of america': 'US',
  america: 'US',
  american: 'US',
  'silicon valley': 'US',
  'bay area': 'US',
  california: 'US',
  texas: 'US',
  massachusetts: 'US',
  florida: 'US',
  colorado: 'US',
  illinois: 'US',
  utah: 'US',
  delaware: 'US',
  'new jersey': 'US',
  'north carolina': 'US',
  ohio: 'US',
  michigan: 'US',
  pennsylvania: 'US',
  virginia: 'US',
  arizona: 'US',
  minnesota: 'US',
  tennessee: 'US',
  oregon: 'US',
  // United Kingdom
  britain: 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  british: 'GB',
  english: 'GB',
  scottish: 'GB',
  welsh: 'GB',
  brit: 'GB',
  // Other names the display names do not give
  'czech republic': 'CZ',
  turkey: 'TR',
  turkiye: 'TR',
  korea: 'KR',
  'republic of korea': 'KR',
  'russian federation': 'RU',
  'viet nam': 'VN',
  'ivory coast': 'CI',
  drc: 'CD',
  'democratic republic of the congo': 'CD',
  'dr congo': 'CD',
  'republic of the congo': 'CG',
  congo: 'CD',
  'hong kong': 'HK',
  macau: 'MO',
  macao: 'MO',
  burma: 'MM',
  myanmar: 'MM',
  holland: 'NL',
  'the netherlands': 'NL',
  emirates: 'AE',
  swaziland: 'SZ',
  'east timor': 'TL',
  palestine: 'PS',
  vatican: 'VA',
  macedonia: 'MK',
  bosnia: 'BA',
  trinidad: 'TT',
  'cabo verde': 'CV',
  saudi: 'SA',
  ksa: 'SA',
  // Provinces and regions
  ontario: 'CA',
  quebec: 'CA',
  'british columbia': 'CA',
  alberta: 'CA',
  bavaria: 'DE',
  catalonia: 'ES',
  karnataka: 'IN',
  maharashtra: 'IN',
  'tamil nadu': 'IN',
  telangana: 'IN',
  // Demonyms
  canadian: 'CA',
  mexican: 'MX',
  brazilian: 'BR',
  argentine: 'AR',
  argentinian: 'AR',
  chilean: 'CL',
  colombian: 'CO',
  peruvian: 'PE',
  uruguayan: 'UY',
  ecuadorian: 'EC',
  venezuelan: 'VE',
  'costa rican': 'CR',
  jamaican: 'JM',
  guatemalan: 'GT',
  paraguayan: 'PY',
  bolivian: 'BO',
  german: 'DE',
  french: 'FR',
  dutch: 'NL',
  belgian: 'BE',
  luxembourgish: 'LU',
  austrian: 'AT',
  swiss: 'CH',
  swedish: 'SE',
  norwegian: 'NO',
  danish: 'DK',
  finnish: 'FI',
  icelandic: 'IS',
  irish: 'IE',
  spanish: 'ES',
  portuguese: 'PT',
  italian: 'IT',
  greek: 'GR',
  polish: 'PL',
  czech: 'CZ',
  slovak: 'SK',
  hungarian: 'HU',
  romanian: 'RO',
  bulgarian: 'BG',
  estonian: 'EE',
  latvian: 'LV',
  lithuanian: 'LT',
  ukrainian: 'UA',
  russian: 'RU',
  belarusian: 'BY',
  serbian: 'RS',
  croatian: 'HR',
  slovenian: 'SI',
  cypriot: 'CY',
  maltese: 'MT',
  georgian: 'GE',
  armenian: 'AM',
  azerbaijani: 'AZ',
  israeli: 'IL',
  emirati: 'AE',
  'saudi arabian': 'SA',
  qatari: 'QA',
  kuwaiti: 'KW',
  bahraini: 'BH',
  omani: 'OM',
  jordanian: 'JO',
  lebanese: 'LB',
  turkish: 'TR',
  iranian: 'IR',
  iraqi: 'IQ',
  egyptian: 'EG',
  moroccan: 'MA',
  tunisian: 'TN',
  algerian: 'DZ',
  nigerian: 'NG',
  ghanaian: 'GH',
  kenyan: 'KE',
  'south african': 'ZA',
  ethiopian: 'ET',
  rwandan: 'RW',
  ugandan: 'UG',
  tanzanian: 'TZ',
  senegalese: 'SN',
  ivorian: 'CI',
  cameroonian: 'CM',
  zambian: 'ZM',
  zimbabwean: 'ZW',
  congolese: 'CD',
  indian: 'IN',
  pakistani: 'PK',
  bangladeshi: 'BD',
  'sri lankan': 'LK',
  nepali: 'NP',
  nepalese: 'NP',
  chinese: 'CN',
  japanese: 'JP',
  korean: 'KR',
  'south korean': 'KR',
  taiwanese: 'TW',
  mongolian: 'MN',
  singaporean: 'SG',
  indonesian: 'ID',
  malaysian: 'MY',
  thai: 'TH',
  vietnamese: 'VN',
  filipino: 'PH',
  philippine: 'PH',
  cambodian: 'KH',
  australian: 'AU',
  aussie: 'AU',
  'new zealander': 'NZ',
  kiwi: 'NZ',
  kazakh: 'KZ',
  kazakhstani: 'KZ',
  uzbek: 'UZ',
  kyrgyz: 'KG',
  // Wider areas: no single country
  european: null,
  african: null,
  asian: null,
  'latin america': null,
  'latin american': null,
  'north american': null,
  'south american': null,
  'central american': null,
  'middle eastern': null,
  'new england': 'US',
  'new south wales': 'AU',
  'west african': null,
  'east african': null,
  'southeast asian': null,
  'south asian': null,
  'east asian': null,
  'central asian': null,
  nordic: null,
  scandinavian: null,
  'indian ocean': null,
  'north african': null,
};

// The ~150 largest startup hubs, by country (the offline engine's gazetteer reads them too).
export const CITIES: Readonly<Record<string, string>> = {
  US:
    'San Francisco|SF|New York|New York City|NYC|Brooklyn|Manhattan|Los Angeles|Boston|Seattle|Austin|' +
    'Chicago|Miami|Denver|Boulder|Atlanta|Washington DC|Washington D.C.|Palo Alto|Menlo Park|Mountain View|' +
    'San Jose|San Diego|Salt Lake City|Pittsburgh|Philadelphia|Dallas|Houston|Nashville|Raleigh|' +
    'Minneapolis|Detroit|Portland|Phoenix|Oakland|Redwood City|Sunnyvale|Santa Monica|Cupertino|San Mateo|' +
    'Berkeley|Santa Clara|Irvine|Baltimore|St. Louis|Columbus',
  CA: 'Toronto|Montreal|Montréal|Vancouver|Ottawa|Waterloo|Calgary|Edmonton|Quebec City',
  GB: 'London|Manchester|Edinburgh|Glasgow|Bristol|Oxford|Leeds|Birmingham|Belfast|Cardiff|Liverpool|Newcastle',
  DE: 'Berlin|Munich|München|Hamburg|Frankfurt|Cologne|Köln|Düsseldorf|Stuttgart|Leipzig|Karlsruhe|Heidelberg',
  FR: 'Paris|Lyon|Marseille|Toulouse|Nantes|Bordeaux|Lille|Montpellier|Grenoble|Nice',
  NL: 'Amsterdam|Rotterdam|Utrecht|Eindhoven|The Hague|Delft',
  BE: 'Brussels|Antwerp|Ghent|Leuven',
  CH: 'Zurich|Zürich|Geneva|Lausanne|Basel|Zug',
  AT: 'Vienna|Wien|Graz|Linz',
  SE: 'Stockholm|Gothenburg|Malmö|Uppsala',
  NO: 'Oslo|Bergen|Trondheim',
  DK: 'Copenhagen|Aarhus',
  FI: 'Helsinki|Espoo|Tampere|Oulu',
  IS: 'Reykjavik',
  IE: 'Dublin|Cork|Galway',
  ES: 'Madrid|Barcelona|Valencia|Málaga|Bilbao|Seville',
  PT: 'Lisbon|Porto',
  IT: 'Milan|Rome|Turin|Bologna|Florence',
  GR: 'Athens|Thessaloniki',
  PL: 'Warsaw|Kraków|Krakow|Wrocław|Gdańsk|Poznań',
  CZ: 'Prague|Brno',
  HU: 'Budapest',
  RO: 'Bucharest|Cluj-Napoca|Cluj',
  BG: 'Sofia',
  EE: 'Tallinn|Tartu',
  LV: 'Riga',
  LT: 'Vilnius|Kaunas',
  UA: 'Kyiv|Kiev|Lviv|Kharkiv',
  RS: 'Belgrade',
  HR: 'Zagreb',
  SI: 'Ljubljana',
  SK: 'Bratislava',
  RU: 'Moscow|St. Petersburg|Saint Petersburg',
  TR: 'Istanbul|Ankara|Izmir',
  CY: 'Nicosia|Limassol',
  IL: 'Tel Aviv|Tel Aviv-Yafo|Jerusalem|Haifa|Herzliya',
  AE: 'Dubai|Abu Dhabi',
  SA: 'Riyadh|Jeddah',
  QA: 'Doha',
  JO: 'Amman',
  LB: 'Beirut',
  EG: 'Cairo|Alexandria',
  NG: 'Lagos|Abuja',
  KE: 'Nairobi',
  ZA: 'Cape Town|Johannesburg|Joburg|Durban|Pretoria|Stellenbosch',
  GH: 'Accra',
  RW: 'Kigali',
  UG: 'Kampala',
  TZ: 'Dar es Salaam',
  ET: 'Addis Ababa',
  MA: 'Casablanca|Rabat',
  TN: 'Tunis',
  SN: 'Dakar',
  CI: 'Abidjan',
  IN:
    'Bengaluru|Bangalore|Mumbai|Bombay|Delhi|New Delhi|Gurugram|Gurgaon|Noida|Hyderabad|Chennai|Pune|' +
    'Kolkata|Ahmedabad|Jaipur|Kochi|Chandigarh|Delhi NCR',
  PK: 'Karachi|Lahore|Islamabad',
  BD: 'Dhaka',
  LK: 'Colombo',
  CN: 'Beijing|Shanghai|Shenzhen|Hangzhou|Guangzhou|Chengdu|Wuhan|Nanjing|Suzhou',
  TW: 'Taipei|Hsinchu',
  JP: 'Tokyo|Osaka|Kyoto|Fukuoka',
  KR: 'Seoul|Busan|Pangyo',
  ID: 'Jakarta|Bandung',
  MY: 'Kuala Lumpur|Penang',
  TH: 'Bangkok',
  VN: 'Ho Chi Minh City|Saigon|Hanoi',
  PH: 'Manila|Makati',
  AU: 'Sydney|Melbourne|Brisbane|Perth|Adelaide|Canberra',
  NZ: 'Auckland|Wellington|Christchurch',
  BR: 'São Paulo|Rio de Janeiro|Belo Horizonte|Florianópolis|Curitiba|Porto Alegre',
  MX: 'Mexico City|Guadalajara|Monterrey',
  AR: 'Buenos Aires',
  CL: 'Santiago',
  CO: 'Bogotá|Medellín',
  PE: 'Lima',
  UY: 'Montevideo',
  KZ: 'Almaty|Astana',
  UZ: 'Tashkent',
};

// States, provinces and regions named as a company's base ("a Karnataka-based lender").
export const REGIONS: Readonly<Record<string, string>> = {
  IN: 'Karnataka|Maharashtra|Tamil Nadu|Telangana|Kerala|Gujarat|Rajasthan|Haryana|Uttar Pradesh|West Bengal|Andhra Pradesh|Odisha',
  CN: 'Guangdong|Zhejiang|Jiangsu|Sichuan|Fujian|Shandong|Hubei|Anhui',
  DE: 'Bavaria|Baden-Württemberg|North Rhine-Westphalia|Saxony|Hesse',
  ES: 'Catalonia|Andalusia|Basque Country',
  IT: 'Lombardy|Piedmont|Tuscany',
  FR: 'Brittany|Normandy|Occitanie|Provence',
  AU: 'Western Australia|South Australia|Tasmania',
  CA: 'Nova Scotia|Manitoba|Saskatchewan|New Brunswick',
  NG: 'Lagos State|Ogun',
  KE: 'Mombasa|Kisumu',
  ZA: 'Gauteng|Western Cape|KwaZulu-Natal',
  BR: 'Santa Catarina|Minas Gerais|Rio Grande do Sul',
  MX: 'Jalisco|Nuevo León|Nuevo Leon',
  JP: 'Hokkaido|Okinawa|Kanagawa',
  KR: 'Gyeonggi|Jeju',
  PK: 'Sindh',
  AE: 'Sharjah|Ras Al Khaimah',
  SA: 'NEOM',
};

/** Codes written as-is in prose; case matters so "us" (the pronoun) never matches. */
const CASED: Record<string, string> = { US: 'US', USA: 'US', UK: 'GB', UAE: 'AE', KSA: 'SA', NYC: 'US', SF: 'US' };

const LOOKUP: Map<string, string | null> = (() => {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const map = new Map<string, string | null>();
  for (const code of VALID) {
    const name = names.of(code);
    if (name) {
      map.set(fold(name), code);
      // "Congo - Kinshasa", "Hong Kong SAR China", "Myanmar (Burma)": the part before also names it.
      const head = name.split(/ - | SAR |\(/)[0];
      if (head && head !== name && !map.has(fold(head))) map.set(fold(head), code);
    }
  }
  for (const [demonym, code] of DEMONYMS) if (!map.has(fold(demonym))) map.set(fold(demonym), code);
  for (const [code, list] of Object.entries(CITIES)) for (const city of list.split('|')) map.set(fold(city), code);
  for (const [code, list] of Object.entries(REGIONS)) for (const region of list.split('|')) map.set(fold(region), code);
  for (const [alias, code] of Object.entries(EXTRA)) map.set(fold(alias), code);
  return map;
})();
const MAX_WORDS = Math.max(...[...LOOKUP.keys()].map((k) => k.split(' ').length));

/**
 * ISO 3166-1 alpha-2 for a country name, alias, demonym, code or startup city found in `text`,
 * else null. The longest matching phrase wins, then the leftmost ("Atlanta, Georgia" → US).
 */
export function toCountryCode(text: string | null): string | null {
  const raw = text?.trim();
  if (!raw) return null;
  // A bare code must be uppercase: "in" or "it" alone are words, not India or Italy.
  const bare = raw.replace(/\./g, '');
  if (/^[A-Z]{2}$/.test(bare) && VALID.has(bare)) return bare;
  const casedTokens = raw.replace(/\./g, '').split(/[^\p{L}\p{N}]+/u);
  const folded = fold(raw).split(' ');
  for (let n = Math.min(MAX_WORDS, folded.length); n >= 1; n--) {
    for (let i = 0; i + n <= folded.length; i++) {
      const phrase = folded.slice(i, i + n).join(' ');
      if (LOOKUP.has(phrase)) return LOOKUP.get(phrase) ?? null;
    }
  }
  for (const token of casedTokens) if (CASED[token]) return CASED[token];
  return null;
}
