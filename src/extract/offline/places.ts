import { CITIES, REGIONS } from '../../normalise/country.js';
import { DEMONYMS } from '../../normalise/demonyms.js';

/**
 * A small gazetteer for locating a company: countries, demonyms, US states / Canadian provinces
 * and the cities funding news names most. Maps each name to ISO 3166-1 alpha-2.
 */

const TABLE: Record<string, string> = {
  US: 'United States|U.S.|US|USA|America|Calif.|Mass.|Wash.|N.Y.|Tex.|Fla.|Ill.|Colo.|Ga.|Pa.|Ore.|Mich.|Minn.|Conn.|N.J.|Ariz.|American|Silicon Valley|New York|New York City|NYC|San Francisco|Bay Area|Los Angeles|Boston|Seattle|Austin|Chicago|Denver|Miami|Atlanta|Houston|Dallas|San Diego|San Jose|Palo Alto|Menlo Park|Mountain View|Oakland|Berkeley|Pittsburgh|Philadelphia|Washington|Portland|Salt Lake City|Phoenix|Minneapolis|Detroit|Nashville|Columbus|Cleveland|Cincinnati|Baltimore|Raleigh|Durham|Charlotte|St. Louis|Kansas City|Reno|Las Vegas|Boulder|Brooklyn|Manhattan|Cambridge, Massachusetts|Cambridge, Mass.|Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Wisconsin|Wyoming',
  CA: 'Canada|Canadian|Toronto|Montreal|Montréal|Vancouver|Ottawa|Calgary|Edmonton|Waterloo|Ontario|Quebec|Québec|British Columbia|Alberta',
  MX: 'Mexico|Mexican|Mexico City|Monterrey|Guadalajara',
  BR: 'Brazil|Brazilian|São Paulo|Sao Paulo|Rio de Janeiro|Belo Horizonte|Curitiba',
  AR: 'Argentina|Argentine|Argentinian|Buenos Aires',
  CL: 'Chile|Chilean|Santiago',
  CO: 'Colombia|Colombian|Bogotá|Bogota|Medellín|Medellin',
  PE: 'Peru|Peruvian|Lima',
  GB: 'United Kingdom|U.K.|UK|Britain|British|England|English|Scotland|Scottish|Wales|Welsh|London|Manchester|Birmingham|Edinburgh|Glasgow|Bristol|Leeds|Liverpool|Oxford|Cambridge|Belfast|Cardiff|Newcastle|Sheffield|Nottingham',
  IE: 'Ireland|Irish|Dublin|Cork|Galway',
  FR: 'France|French|Paris|Lyon|Marseille|Toulouse|Bordeaux|Nantes|Lille|Grenoble',
  DE: 'Germany|German|Berlin|Munich|München|Hamburg|Frankfurt|Cologne|Köln|Stuttgart|Düsseldorf|Leipzig|Dresden|Karlsruhe|Heidelberg',
  NL: 'Netherlands|Dutch|Holland|Amsterdam|Rotterdam|Utrecht|Eindhoven|The Hague|Delft|Leiden',
  BE: 'Belgium|Belgian|Brussels|Antwerp|Ghent|Leuven',
  LU: 'Luxembourg',
  CH: 'Switzerland|Swiss|Zurich|Zürich|Geneva|Lausanne|Basel|Bern|Zug|Lugano',
  AT: 'Austria|Austrian|Vienna|Graz|Linz|Innsbruck',
  ES: 'Spain|Spanish|Madrid|Barcelona|Valencia|Seville|Bilbao|Málaga|Malaga',
  PT: 'Portugal|Portuguese|Lisbon|Porto|Braga',
  IT: 'Italy|Italian|Milan|Rome|Turin|Naples|Bologna|Florence',
  SE: 'Sweden|Swedish|Stockholm|Gothenburg|Malmö|Malmo|Uppsala|Skellefteå|Lund',
  NO: 'Norway|Norwegian|Oslo|Bergen|Trondheim|Stavanger',
  DK: 'Denmark|Danish|Copenhagen|Aarhus|Odense',
  FI: 'Finland|Finnish|Helsinki|Espoo|Tampere|Oulu|Turku|Vaasa',
  IS: 'Iceland|Icelandic|Reykjavik',
  EE: 'Estonia|Estonian|Tallinn|Tartu',
  LV: 'Latvia|Latvian|Riga',
  LT: 'Lithuania|Lithuanian|Vilnius',
  PL: 'Poland|Polish|Warsaw|Kraków|Krakow|Wrocław|Wroclaw|Gdańsk|Gdansk',
  CZ: 'Czech Republic|Czechia|Czech|Prague|Brno',
  HU: 'Hungary|Hungarian|Budapest',
  RO: 'Romania|Romanian|Bucharest|Cluj',
  BG: 'Bulgaria|Bulgarian|Sofia',
  GR: 'Greece|Greek|Athens|Thessaloniki',
  HR: 'Croatia|Croatian|Zagreb',
  SI: 'Slovenia|Slovenian|Ljubljana',
  RS: 'Serbia|Serbian|Belgrade',
  UA: 'Ukraine|Ukrainian|Kyiv|Kiev|Lviv',
  TR: 'Turkey|Türkiye|Turkish|Istanbul|Ankara',
  IL: 'Israel|Israeli|Tel Aviv|Jerusalem|Haifa|Rehovot|Herzliya',
  AE: 'United Arab Emirates|UAE|Emirati|Dubai|Abu Dhabi',
  SA: 'Saudi Arabia|Saudi|Riyadh|Jeddah',
  QA: 'Qatar|Qatari|Doha',
  EG: 'Egypt|Egyptian|Cairo',
  NG: 'Nigeria|Nigerian|Lagos|Abuja',
  KE: 'Kenya|Kenyan|Nairobi',
  ZA: 'South Africa|South African|SA|Cape Town|Johannesburg|Durban',
  GH: 'Ghana|Ghanaian|Accra',
  MA: 'Morocco|Moroccan|Casablanca|Rabat',
  IN: 'India|Indian|Bengaluru|Bangalore|Mumbai|Delhi|New Delhi|Gurugram|Gurgaon|Noida|Hyderabad|Chennai|Pune|Kolkata|Ahmedabad|Jaipur|Kochi|Chandigarh|Indore',
  PK: 'Pakistan|Pakistani|Karachi|Lahore|Islamabad',
  BD: 'Bangladesh|Bangladeshi|Dhaka',
  LK: 'Sri Lanka|Sri Lankan|Colombo',
  CN: 'China|Chinese|Beijing|Shanghai|Shenzhen|Hangzhou|Guangzhou|Chengdu|Suzhou|Wuhan',
  HK: 'Hong Kong',
  TW: 'Taiwan|Taiwanese|Taipei|Hsinchu',
  JP: 'Japan|Japanese|Tokyo|Osaka|Kyoto|Yokohama|Nagoya|Fukuoka|Sapporo',
  KR: 'South Korea|Korea|South Korean|Korean|Seoul|Pangyo|Busan|Incheon|Daejeon',
  SG: 'Singapore|Singaporean',
  MY: 'Malaysia|Malaysian|Kuala Lumpur',
  ID: 'Indonesia|Indonesian|Jakarta|Bandung|Surabaya|Bali',
  TH: 'Thailand|Thai|Bangkok',
  VN: 'Vietnam|Viet Nam|Vietnamese|Ho Chi Minh City|Hanoi|Da Nang',
  PH: 'Philippines|Philippine|Filipino|Manila',
  AU: 'Australia|Australian|Sydney|Melbourne|Brisbane|Perth|Adelaide|Canberra|Queensland|New South Wales|Victoria',
  NZ: 'New Zealand|Auckland|Wellington|Christchurch',
};

export interface PlaceMention {
  code: string;
  index: number;
  end: number;
  name: string;
}

/** Country names that are also people's first names ("Chad Lee said"), never read as places. */
const PERSON_NAMES = new Set(['Chad', 'Jordan', 'Georgia', 'Jersey', 'Dominica', 'Nice']);

/** The hand-written table, then the normaliser's startup cities and regions, every country's English name and demonyms (the table wins). */
function entries(): [string, string][] {
  const out: [string, string][] = [...Object.entries(CITIES), ...Object.entries(REGIONS)].flatMap(([code, names]) =>
    names.split('|').map((name): [string, string] => [name, code]),
  );
  const display = new Intl.DisplayNames(['en'], { type: 'region' });
  for (const code of new Set(DEMONYMS.values())) {
    const name = display.of(code);
    if (name && name !== code && !/[(),&]| - /.test(name)) out.push([name, code]);
  }
  out.push(...DEMONYMS.entries());
  const table = Object.entries(TABLE).flatMap(([code, names]) => names.split('|').map((name): [string, string] => [name, code]));
  return [...table, ...out.filter(([name]) => !PERSON_NAMES.has(name))];
}

const NAME_TO_CODE = new Map<string, string>();
const ORIGINAL = new Map<string, string>();
for (const [name, code] of entries()) {
  const key = name.toLowerCase();
  if (NAME_TO_CODE.has(key)) continue;
  NAME_TO_CODE.set(key, code);
  ORIGINAL.set(key, name);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest names first so "South Korea" beats "Korea"; names are case-sensitive except the
// dateline form ("SINGAPORE-based") which is matched in upper case too.
const NAMES = [...NAME_TO_CODE.keys()].sort((a, b) => b.length - a.length);
const PLACE_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${NAMES.map((n) => {
    const o = ORIGINAL.get(n)!;
    return `${escapeRegExp(o)}|${escapeRegExp(o.toUpperCase())}`;
  }).join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** Every place name in `text`, in order. */
export function findPlaces(text: string): PlaceMention[] {
  const out: PlaceMention[] = [];
  for (const m of text.matchAll(PLACE_RE)) {
    // "SA" is South Africa in prose ("startups in SA"), a legal form after a name ("Acme SA").
    if (m[0] === 'SA' && /\p{Lu}[\p{L}\p{N}&.'’-]*,?\s+$/u.test(text.slice(0, m.index))) continue;
    const code = NAME_TO_CODE.get(m[0].toLowerCase());
    if (code) out.push({ code, index: m.index, end: m.index + m[0].length, name: m[0] });
  }
  return out;
}

/** Whether a capitalised token sequence is only a place ("London", "Ho Chi Minh City"). */
export function isPlaceName(name: string): boolean {
  return NAME_TO_CODE.has(name.toLowerCase());
}
