import { createRequire } from 'node:module';
import countries, { type LocaleData } from 'i18n-iso-countries';
import type { Region } from '../deal/schema.js';
import { DEMONYMS } from './demonyms.js';

/**
 * Every name the pipeline reads as a country: the i18n-iso-countries English names and aliases
 * ("Türkiye", "Ivory Coast", "USA"), the demonyms (demonyms.ts), and here the few tables the
 * packages lack: other names, abbreviations, startup cities, states and provinces, wider areas.
 * The normaliser (country.ts) and the offline engine's gazetteer (extract/offline/places.ts) both
 * read `placeNames()`; each decides only which kind wins a name both kinds use.
 */

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/en.json') as LocaleData);

/**
 * Region decisions: north_america is US, CA and their northern territories (GL, BM, PM, UM);
 * Mexico, Central America and the Caribbean are latin_america; middle_east is the Gulf and
 * Levant plus IR, IQ, YE and TR (Turkish startups are covered as part of MENA/META); North
 * Africa (EG, MA, TN, DZ, LY) is africa; RU, UA, BY and the Caucasus (GE, AM, AZ) are europe;
 * central_asia is the five "-stans" (KZ, KG, TJ, TM, UZ); AF is south_asia; MN is east_asia;
 * Antarctic territories (AQ, BV, TF, HM) have no region.
 */
export const REGION_CODES: Readonly<Record<Region, string>> = {
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
export const UNREGIONED: readonly string[] = ['AQ', 'BV', 'TF', 'HM'];

/** Other names for a country than the package's ("Britain", "Holland", "DRC"), and nicknames. */
const ALIASES: Readonly<Record<string, string>> = {
  // Short names where the package gives only the formal one ("Syrian Arab Republic").
  BN: 'Brunei',
  LA: 'Laos',
  SY: 'Syria',
  MD: 'Moldova',
  FM: 'Micronesia',
  FK: 'Falkland Islands',
  VG: 'British Virgin Islands',
  VI: 'U.S. Virgin Islands',
  UM: 'U.S. Outlying Islands',
  BQ: 'Caribbean Netherlands|Bonaire',
  GS: 'South Georgia',
  HM: 'Heard and McDonald Islands',
  VC: 'Saint Vincent|Saint Vincent and Grenadines',
  CG: 'Congo-Brazzaville',
  MF: 'Saint Martin',
  SX: 'Sint Maarten',
  US: 'America',
  GB: 'Britain|England|Scotland|Wales|Northern Ireland|Brit',
  KR: 'Korea',
  VN: 'Viet Nam',
  CD: 'Congo|Congo-Kinshasa|DRC|DR Congo',
  MO: 'Macau',
  MM: 'Burma',
  NL: 'Holland',
  AE: 'Emirates',
  SZ: 'Swaziland',
  TL: 'East Timor',
  VA: 'Vatican',
  MK: 'Macedonia',
  BA: 'Bosnia',
  TT: 'Trinidad',
  CV: 'Cabo Verde',
  SA: 'Saudi',
  GE: 'Georgian',
  NZ: 'Kiwi',
};

/** Abbreviations, matched as written (case and dots): "us" is a pronoun, "Calif." a state. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  US: 'Calif.|Mass.|Wash.|N.Y.|Tex.|Fla.|Ill.|Colo.|Ga.|Pa.|Ore.|Mich.|Minn.|Conn.|N.J.|Ariz.|NYC|SF',
  GB: 'U.K.',
  SA: 'KSA',
  // "SA" is South Africa in prose; the bare code SA stays Saudi Arabia (see toCountryCode).
  ZA: 'SA',
};

// The startup hubs funding news names most, by country.
const CITIES: Readonly<Record<string, string>> = {
  US:
    'San Francisco|SF|New York|New York City|NYC|Brooklyn|Manhattan|Los Angeles|Boston|Seattle|Austin|' +
    'Chicago|Miami|Denver|Boulder|Atlanta|Washington DC|Washington D.C.|Palo Alto|Menlo Park|Mountain View|' +
    'San Jose|San Diego|Salt Lake City|Pittsburgh|Philadelphia|Dallas|Houston|Nashville|Raleigh|Durham|Charlotte|' +
    'Minneapolis|Detroit|Portland|Phoenix|Oakland|Redwood City|Sunnyvale|Santa Monica|Cupertino|San Mateo|' +
    'Berkeley|Santa Clara|Irvine|Baltimore|St. Louis|Columbus|Cleveland|Cincinnati|Kansas City|Reno|Las Vegas|' +
    'Cambridge, Massachusetts|Cambridge, Mass.',
  CA: 'Toronto|Montreal|Montréal|Vancouver|Ottawa|Waterloo|Calgary|Edmonton|Quebec City',
  GB:
    'London|Manchester|Edinburgh|Glasgow|Bristol|Oxford|Cambridge|Leeds|Birmingham|Belfast|Cardiff|Liverpool|' +
    'Newcastle|Sheffield|Nottingham',
  DE: 'Berlin|Munich|München|Hamburg|Frankfurt|Cologne|Köln|Düsseldorf|Stuttgart|Leipzig|Dresden|Karlsruhe|Heidelberg',
  FR: 'Paris|Lyon|Marseille|Toulouse|Nantes|Bordeaux|Lille|Montpellier|Grenoble|Nice',
  NL: 'Amsterdam|Rotterdam|Utrecht|Eindhoven|The Hague|Delft|Leiden',
  BE: 'Brussels|Antwerp|Ghent|Leuven',
  CH: 'Zurich|Zürich|Geneva|Lausanne|Basel|Bern|Zug|Lugano',
  AT: 'Vienna|Wien|Graz|Linz|Innsbruck',
  SE: 'Stockholm|Gothenburg|Malmö|Malmo|Uppsala|Skellefteå|Lund',
  NO: 'Oslo|Bergen|Trondheim|Stavanger',
  DK: 'Copenhagen|Aarhus|Odense',
  FI: 'Helsinki|Espoo|Tampere|Oulu|Turku|Vaasa',
  IS: 'Reykjavik',
  IE: 'Dublin|Cork|Galway',
  ES: 'Madrid|Barcelona|Valencia|Málaga|Malaga|Bilbao|Seville',
  PT: 'Lisbon|Porto|Braga',
  IT: 'Milan|Rome|Turin|Naples|Bologna|Florence',
  GR: 'Athens|Thessaloniki',
  PL: 'Warsaw|Kraków|Krakow|Wrocław|Wroclaw|Gdańsk|Gdansk|Poznań',
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
  IL: 'Tel Aviv|Tel Aviv-Yafo|Jerusalem|Haifa|Herzliya|Rehovot',
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
    'Kolkata|Ahmedabad|Jaipur|Kochi|Chandigarh|Delhi NCR|Indore',
  PK: 'Karachi|Lahore|Islamabad',
  BD: 'Dhaka',
  LK: 'Colombo',
  CN: 'Beijing|Shanghai|Shenzhen|Hangzhou|Guangzhou|Chengdu|Wuhan|Nanjing|Suzhou',
  TW: 'Taipei|Hsinchu',
  JP: 'Tokyo|Osaka|Kyoto|Yokohama|Nagoya|Fukuoka|Sapporo',
  KR: 'Seoul|Busan|Pangyo|Incheon|Daejeon',
  ID: 'Jakarta|Bandung|Surabaya|Bali',
  MY: 'Kuala Lumpur|Penang',
  TH: 'Bangkok',
  VN: 'Ho Chi Minh City|Saigon|Hanoi|Da Nang',
  PH: 'Manila|Makati',
  AU: 'Sydney|Melbourne|Brisbane|Perth|Adelaide|Canberra',
  NZ: 'Auckland|Wellington|Christchurch',
  BR: 'São Paulo|Sao Paulo|Rio de Janeiro|Belo Horizonte|Florianópolis|Curitiba|Porto Alegre',
  MX: 'Mexico City|Guadalajara|Monterrey',
  AR: 'Buenos Aires',
  CL: 'Santiago',
  CO: 'Bogotá|Bogota|Medellín|Medellin',
  PE: 'Lima',
  UY: 'Montevideo',
  KZ: 'Almaty|Astana',
  UZ: 'Tashkent',
};

// States, provinces and regions named as a company's base ("a Karnataka-based lender").
const SUBDIVISIONS: Readonly<Record<string, string>> = {
  US:
    'Silicon Valley|Bay Area|New England|Washington|Alabama|Alaska|Arizona|Arkansas|California|Colorado|' +
    'Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|' +
    'Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|' +
    'New Jersey|New Mexico|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|' +
    'South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Wisconsin|Wyoming',
  CA: 'Ontario|Quebec|Québec|British Columbia|Alberta|Nova Scotia|Manitoba|Saskatchewan|New Brunswick',
  IN: 'Karnataka|Maharashtra|Tamil Nadu|Telangana|Kerala|Gujarat|Rajasthan|Haryana|Uttar Pradesh|West Bengal|Andhra Pradesh|Odisha',
  CN: 'Guangdong|Zhejiang|Jiangsu|Sichuan|Fujian|Shandong|Hubei|Anhui',
  DE: 'Bavaria|Baden-Württemberg|North Rhine-Westphalia|Saxony|Hesse',
  ES: 'Catalonia|Andalusia|Basque Country',
  IT: 'Lombardy|Piedmont|Tuscany',
  FR: 'Brittany|Normandy|Occitanie|Provence',
  AU: 'Queensland|New South Wales|Victoria|Western Australia|South Australia|Tasmania',
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

/** Wider areas that name no single country: a phrase containing a country word ("Latin American") is not that country. */
const AREAS =
  'European|African|Asian|Latin America|Latin American|North American|South American|Central American|' +
  'Middle Eastern|West African|East African|Southeast Asian|South Asian|East Asian|Central Asian|Nordic|' +
  'Scandinavian|Indian Ocean|North African';

export type PlaceKind = 'abbreviation' | 'alias' | 'country' | 'demonym' | 'city' | 'subdivision' | 'area';

export interface PlaceName {
  name: string;
  /** ISO 3166-1 alpha-2, or null for an area that names no single country. */
  code: string | null;
  kind: PlaceKind;
}

/** A name, and its "St." form when it starts with "Saint" ("St. Lucia"). */
const spellings = (name: string): string[] => (name.startsWith('Saint ') ? [name, `St. ${name.slice(6)}`] : [name]);

const split = (table: Readonly<Record<string, string>>, kind: PlaceKind): PlaceName[] =>
  Object.entries(table).flatMap(([code, names]) => names.split('|').map((name) => ({ name, code, kind })));

/** Every country code the package knows (ISO 3166-1 plus XK). */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(Object.keys(countries.getAlpha2Codes()));

/** All names of every kind, the package's first name of each country before its aliases. */
export function placeNames(): PlaceName[] {
  const names = countries.getNames('en', { select: 'all' });
  const official = Object.entries(names).flatMap(([code, list]) =>
    list.flatMap(spellings).map((name) => ({ name, code, kind: 'country' as const })),
  );
  return [
    ...official,
    ...split(ALIASES, 'alias').flatMap((p) => spellings(p.name).map((name) => ({ ...p, name }))),
    ...split(ABBREVIATIONS, 'abbreviation'),
    ...[...DEMONYMS].map(([name, code]) => ({ name, code, kind: 'demonym' as const })),
    ...split(CITIES, 'city'),
    ...split(SUBDIVISIONS, 'subdivision'),
    ...AREAS.split('|').map((name) => ({ name, code: null, kind: 'area' as const })),
  ];
}
