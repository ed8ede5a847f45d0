/**
 * The articles of the deduplication fixture site: seven fictional publishers, each in its own
 * house style, reporting the gold deals of deals.ts. `gold` is every deal an article states,
 * background rounds included; roundups state several. All names and sentences are made up.
 */

export const PUBLISHERS = {
  meridian: { name: 'Meridian Wire', kind: 'rss' },
  stackline: { name: 'Stackline', kind: 'atom' },
  citybyte: { name: 'CityByte', kind: 'html' },
  prdispatch: { name: 'PR Dispatch', kind: 'sitemap' },
  courier: { name: 'Front Range Courier', kind: 'rss' },
  merlion: { name: 'Merlion Tech Daily', kind: 'jsonfeed' },
  termsheet: { name: 'The Term Sheet', kind: 'rss' },
} as const;
export type PublisherId = keyof typeof PUBLISHERS;

export interface FixtureArticle {
  publisher: PublisherId;
  slug: string;
  /** ISO timestamp. */
  published: string;
  title: string;
  author: string;
  paragraphs: string[];
  /** Gold deal ids the article states (deals.ts), background rounds included. */
  gold: string[];
}

/** What a company's stories say about it besides the deal. */
interface Profile {
  name: string;
  city: string;
  what: string;
  ceo: string;
  title: string;
  quote: string;
  use: string;
  lead: string;
  others: string;
}

const P: Record<string, Profile> = {
  haneul: {
    name: 'Haneul Robotics',
    city: 'Seoul',
    what: 'maker of robotic picking arms for cold-storage warehouses',
    ceo: 'Park Ji-woo',
    title: 'chief executive',
    quote: 'Frozen warehouses are where people least want to work and where a dropped box costs the most',
    use: 'open a service centre in Busan and start pilots with two grocery chains',
    lead: 'Daesan Ventures',
    others: 'Hanbit Capital and Seorae Partners',
  },
  veltra: {
    name: 'Veltra Biosciences',
    city: 'Boston',
    what: 'developer of enzyme-based tests for early kidney disease',
    ceo: 'Dr. Miriam Osei',
    title: 'co-founder and CEO',
    quote: 'Kidney function is usually measured after half of it is already gone',
    use: 'fund a 1,200-patient validation study across nine clinics',
    lead: 'Coldwater Partners',
    others: 'Beacon Hill Bio Fund and Tamsin Ventures',
  },
  quillpay: {
    name: 'Quillpay Technologies',
    city: 'Lagos',
    what: 'payments platform that lets market traders take card and transfer payments by phone',
    ceo: 'Adaeze Nwosu',
    title: 'founder and chief executive',
    quote: 'A trader in Balogun market should not need a bank branch to get paid the same day',
    use: 'launch in Accra and hire forty engineers',
    lead: 'Ember Road Capital',
    others: 'Oduduwa Angels and Savannah Seed Fund',
  },
  corvane: {
    name: 'Corvane',
    city: 'Denver',
    what: 'software company that schedules maintenance crews for rural water utilities',
    ceo: 'Luis Ortega',
    title: 'chief executive',
    quote: 'Small utilities run on whiteboards and phone trees, and their crews deserve better',
    use: 'expand from Colorado into Utah and New Mexico',
    lead: 'Aspen Row Ventures',
    others: 'Mile High Angels',
  },
  lintu: {
    name: 'Lintu Energy',
    city: 'Helsinki',
    what: 'developer of sand batteries that store heat for district heating networks',
    ceo: 'Aino Virtanen',
    title: 'chief executive',
    quote: 'Heat is the biggest part of Nordic energy demand and the easiest to store',
    use: 'build its first commercial plant in Tampere',
    lead: 'Aalto Bay Capital',
    others: 'Kallio Climate Fund and Saimaa Growth',
  },
  solaceUs: {
    name: 'Solace Health',
    city: 'Denver',
    what: 'home-hospice coordination service',
    ceo: 'Rachel Kimball',
    title: 'chief executive',
    quote: 'Families caring for someone at home should have one number to call, at any hour',
    use: 'expand to Phoenix and Salt Lake City',
    lead: 'Larkspur Capital',
    others: 'Cherry Creek Health Partners',
  },
  solaceAu: {
    name: 'Solace Health',
    city: 'Melbourne',
    what: 'telehealth clinic for perimenopause care',
    ceo: 'Dr. Priya Raman',
    title: 'co-founder',
    quote: 'Half the population goes through this and most GPs get a few hours of training on it',
    use: 'add prescribing nurses in regional Victoria',
    lead: 'Wattle Street Ventures',
    others: 'Yarra Angels',
  },
  marloAnalytics: {
    name: 'Marlo Analytics',
    city: 'London',
    what: 'provider of fraud-detection software for insurers',
    ceo: 'Oliver Grant',
    title: 'chief executive',
    quote: 'Claims fraud is a pattern problem, and patterns are what our models are good at',
    use: 'hire data scientists and open an office in Dublin',
    lead: 'Fenwick Lane Capital',
    others: 'Holborn Seed',
  },
  marloAero: {
    name: 'Marlo Aerospace',
    city: 'Toulouse',
    what: 'designer of electric motors for small cargo drones',
    ceo: 'Camille Roussel',
    title: 'co-founder',
    quote: 'A drone motor that lasts ten times longer changes the economics of every delivery',
    use: 'certify its first motor and build a test bench',
    lead: 'Garonne Ventures',
    others: 'Occitanie Innovation',
  },
  ferrovia: {
    name: 'Ferrovia Labs',
    city: 'Milan',
    what: 'maker of sensors that predict wear on railway switches',
    ceo: 'Giulia Bianchi',
    title: 'chief executive',
    quote: 'A failed switch stops a whole line, and most failures announce themselves weeks ahead',
    use: 'sign contracts with rail operators in Austria and Switzerland',
    lead: 'Brera Partners',
    others: 'Lombardia Tech Fund',
  },
  tallis: {
    name: 'Tallis Data',
    city: 'Austin',
    what: 'startup that builds data-quality monitors for hospital billing systems',
    ceo: 'Marcus Webb',
    title: 'co-founder and CEO',
    quote: 'Hospitals lose millions to billing codes that nobody checks until an audit',
    use: 'grow its sales team and sign its first health-system customers outside Texas',
    lead: 'Pecan Street Capital',
    others: 'Lone Oak Ventures',
  },
  okapi: {
    name: 'Okapi Freight',
    city: 'Nairobi',
    what: 'digital freight broker for East African truckers',
    ceo: 'Wanjiku Mwangi',
    title: 'chief executive',
    quote: 'Half the trucks on the Northern Corridor drive home empty, and we intend to fill them',
    use: 'enter Tanzania and Rwanda and finance fuel advances for drivers',
    lead: 'Harrow Peak Capital',
    others: 'Rift Valley Ventures',
  },
  velorum: {
    name: 'Velorum Games',
    city: 'Warsaw',
    what: 'studio making cooperative strategy games for consoles',
    ceo: 'Tomasz Nowicki',
    title: 'chief executive',
    quote: 'Players want to build things together, not just fight each other',
    use: 'double its team to 120 and finish its second title',
    lead: 'Harrow Peak Capital',
    others: 'Vistula Games Fund',
  },
  sunder: {
    name: 'Sunder Pay',
    city: 'Singapore',
    what: 'cross-border payroll platform for companies hiring across Southeast Asia',
    ceo: 'Arjun Menon',
    title: 'co-founder and chief executive',
    quote: 'Paying a team spread over six countries should take one click, not six banks',
    use: 'obtain licences in Vietnam and the Philippines',
    lead: 'Straits Harbour Capital',
    others: 'Tanjong Ventures and Kelong Partners',
  },
  calyx: {
    name: 'Calyx Mobility',
    city: 'Munich',
    what: 'maker of battery-swapping stations for electric scooters',
    ceo: 'Jonas Brandt',
    title: 'chief executive',
    quote: 'Swapping a battery takes ninety seconds, charging one takes a whole shift',
    use: 'install 600 stations in Germany, Austria and Colorado',
    lead: 'Isar Growth Partners',
    others: 'Alpenblick Capital and Front Range Climate Fund',
  },
  ostrava: {
    name: 'Ostrava Metrics',
    city: 'Prague',
    what: 'provider of energy-metering software for steel mills and foundries',
    ceo: 'Petr Novák',
    title: 'chief executive',
    quote: 'Heavy industry can cut a fifth of its power bill by measuring what each furnace actually does',
    use: 'expand to Poland and Turkey and buy a smaller rival',
    lead: 'Vltava Growth',
    others: 'Moravia Capital',
  },
  pennywort: {
    name: 'Pennywort',
    city: 'Manchester',
    what: 'budgeting app for people on variable incomes',
    ceo: 'Hannah Clarke',
    title: 'founder',
    quote: 'Budgeting advice assumes a salary, and a third of workers do not have one',
    use: 'launch a savings pot that adjusts to each week’s earnings',
    lead: 'Irwell Ventures',
    others: 'Northern Angels Network',
  },
  kaveri: {
    name: 'Kaveri Agritech',
    city: 'Bengaluru',
    what: 'platform that sells soil-testing and crop-advice services to smallholder farmers',
    ceo: 'Ananya Rao',
    title: 'co-founder and chief executive',
    quote: 'A soil test that costs less than a bag of fertiliser pays for itself in one season',
    use: 'reach two million farmers in Karnataka and Telangana',
    lead: 'Deccan Growth Partners',
    others: 'Malnad Capital',
  },
  brackwater: {
    name: 'Brackwater Labs',
    city: 'Seattle',
    what: 'developer of open-source tooling for testing data pipelines',
    ceo: 'Evan Lindgren',
    title: 'co-founder',
    quote: 'Data teams test their code but not their data, and the data is what breaks',
    use: 'hire its first six engineers',
    lead: 'Puget Seed',
    others: 'a group of angel investors',
  },
  lumenfold: {
    name: 'Lumenfold',
    city: 'Amsterdam',
    what: 'maker of foldable solar panels for shipping containers and construction sites',
    ceo: 'Sanne de Vries',
    title: 'chief executive',
    quote: 'Diesel generators on building sites are loud, dirty and completely avoidable',
    use: 'triple production at its factory in Eindhoven',
    lead: 'Amstel Climate Partners',
    others: 'Zuidas Ventures and Polder Capital',
  },
  mawar: {
    name: 'Mawar Health',
    city: 'Jakarta',
    what: 'network of maternal-health clinics with a companion app',
    ceo: 'Dewi Lestari',
    title: 'co-founder and chief executive',
    quote: 'Most mothers in Indonesia see a doctor only twice during pregnancy',
    use: 'open twenty clinics in Java',
    lead: 'Nusantara Impact Fund',
    others: 'Merapi Ventures',
  },
  sagebrush: {
    name: 'Sagebrush Solar',
    city: 'Colorado Springs',
    what: 'community-solar developer',
    ceo: 'Dana Whitfield',
    title: 'chief executive',
    quote: 'Renters and small businesses should be able to buy solar power without a roof of their own',
    use: 'build eleven community-solar gardens in El Paso and Pueblo counties',
    lead: 'Pikes Peak Infrastructure Lenders',
    others: 'Centennial Bank',
  },
  juniper: {
    name: 'Juniper Loop',
    city: 'Denver',
    what: 'reusable-packaging service for restaurants and grocery delivery',
    ceo: 'Maya Chen',
    title: 'co-founder and CEO',
    quote: 'A takeout container is used for twenty minutes and lasts five hundred years',
    use: 'open washing hubs in Boulder and Fort Collins',
    lead: 'Sloan Lake Ventures',
    others: 'Platte River Impact',
  },
  riverine: {
    name: 'Riverine AI',
    city: 'Singapore',
    what: 'startup forecasting floods for insurers and port operators',
    ceo: 'Lim Wei Ling',
    title: 'chief executive',
    quote: 'Coastal cities need flood forecasts measured in streets, not regions',
    use: 'cover Jakarta, Manila and Ho Chi Minh City',
    lead: 'Kallang Ventures',
    others: 'Orchard Road Angels',
  },
  hollowmere: {
    name: 'Hollowmere Games',
    city: 'Dundee',
    what: 'indie studio behind the puzzle game Lantern Tide',
    ceo: 'Callum Fraser',
    title: 'studio head',
    quote: 'Dundee has made games for forty years and we want to keep that talent here',
    use: 'build a second team for a console title',
    lead: 'Tay Valley Capital',
    others: 'Scottish Games Fund',
  },
  zephyra: {
    name: 'Zephyra Water',
    city: 'Valencia',
    what: 'developer of solar-powered desalination units for farms',
    ceo: 'Lucía Ferrer',
    title: 'chief executive',
    quote: 'Farmers along the Mediterranean are running out of groundwater faster than anyone expected',
    use: 'install its first fifty units in Murcia and Almería',
    lead: 'Turia Ventures',
    others: 'Albufera Capital',
  },
  nimbari: {
    name: 'Nimbari Health',
    city: 'Sydney',
    what: 'operator of remote cardiac-monitoring services for rural hospitals',
    ceo: 'Tom Gallagher',
    title: 'chief executive',
    quote: 'A heart patient in Dubbo deserves the same monitoring as one in Darlinghurst',
    use: 'connect 150 regional hospitals and expand to New Zealand',
    lead: 'Harbourside Growth',
    others: 'Bondi Health Partners',
  },
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const day = (date: string) => new Date(`${date}T12:00:00Z`);
const weekday = (date: string) => WEEKDAYS[day(date).getUTCDay()]!;
const monthDay = (date: string, short = false) => {
  const m = MONTHS[day(date).getUTCMonth()]!;
  return `${short ? m.slice(0, 3) : m} ${day(date).getUTCDate()}`;
};
const surname = (p: Profile) => p.ceo.split(' ').at(-1)!;

/** One deal as an article tells it: the name, amount and round as written. */
interface Telling {
  name?: string;
  amount: string;
  round: string;
  /** Paragraphs added after the core of the story (background, local colour). */
  extra?: string[];
}

// Meridian Wire: dateline, "said on <weekday>", reporting credits; rumours from people familiar with the matter.
function wire(p: Profile, date: string, t: Telling, reporter: string): string[] {
  const name = t.name ?? p.name;
  return [
    `${p.city.toUpperCase()}, ${monthDay(date, true)} (Meridian Wire) - ${name}, a ${p.city}-based ${p.what}, has raised ${t.amount} in a ${t.round} funding round led by ${p.lead}, the company said on ${weekday(date)}.`,
    `${p.others} also took part in the round. ${p.ceo}, the company's ${p.title}, said the money would be used to ${p.use}.`,
    `"${p.quote}," ${surname(p)} said in a statement.`,
    ...(t.extra ?? []),
    `(Reporting by ${reporter}; Editing by Helen Marsh)`,
  ];
}

function wireRumour(p: Profile, date: string, amount: string, extra: string[]): string[] {
  return [
    `${p.city.toUpperCase()}, ${monthDay(date, true)} (Meridian Wire) - ${p.name}, a ${p.what}, is in talks to raise about ${amount} in a new funding round, according to two people familiar with the matter.`,
    `${p.lead} is expected to lead the round, one of the people said. The people asked not to be named because the discussions are private and the terms could still change.`,
    ...extra,
    `${p.name} declined to comment. ${p.lead} did not respond to a request for comment.`,
    '(Reporting by Nadia Rahman; Editing by Helen Marsh)',
  ];
}

// Stackline: a tech blog, first person plural, em-dashes.
function blog(p: Profile, t: Telling): string[] {
  const name = t.name ?? p.name;
  return [
    `${name} — the ${p.city} outfit behind a ${p.what.replace(/^(maker|developer|provider|designer|operator) of /, '')} — has closed a ${t.amount} ${t.round}.`,
    `${p.lead} led it, and ${p.others} came along too. We spoke to ${p.ceo}, ${p.title}, who was refreshingly blunt about the pitch: “${p.quote}.”`,
    ...(t.extra ?? []),
    `The plan for the cash? ${p.use.charAt(0).toUpperCase()}${p.use.slice(1)} — and, ${surname(p)} says, keep the team small for as long as possible.`,
  ];
}

// CityByte: UK trade press; "bagged", "start-up", pounds and "m".
function uk(p: Profile, t: Telling): string[] {
  const name = t.name ?? p.name;
  return [
    `${p.city}-based ${name}, a ${p.what}, has bagged ${t.amount} in ${t.round} funding.`,
    `The round was led by ${p.lead}, with backing from ${p.others}. ${name} said it will use the investment to ${p.use}.`,
    `${p.ceo}, ${p.title} of ${name}, said: “${p.quote}. This investment lets us prove it at scale.”`,
    ...(t.extra ?? []),
    'CityByte understands the start-up was advised on the deal by a boutique corporate-finance firm.',
  ];
}

// PR Dispatch: press releases; "today announced", "About", media contact.
function release(p: Profile, date: string, legalName: string, t: Telling): string[] {
  return [
    `${p.city.toUpperCase()}, ${monthDay(date)}, ${date.slice(0, 4)} /PR Dispatch/ -- ${legalName}, a ${p.what}, today announced that it has closed a ${t.amount} ${t.round} financing led by ${p.lead}, with participation from ${p.others}.`,
    `The company intends to use the proceeds to ${p.use}.`,
    `"${p.quote}," said ${p.ceo}, ${p.title} of ${t.name ?? p.name}. "We are grateful to ${p.lead} for backing our vision."`,
    ...(t.extra ?? []),
    `About ${t.name ?? p.name}: ${t.name ?? p.name} is a ${p.what} headquartered in ${p.city}. For more information, visit the company's website.`,
    `Media contact: press office, ${t.name ?? p.name}.`,
  ];
}

// Front Range Courier: a Denver regional paper; local angle first.
function regional(p: Profile, t: Telling, local: string): string[] {
  const name = t.name ?? p.name;
  return [
    local,
    `${name}, a ${p.what}, has raised ${t.amount} in ${t.round} funding led by ${p.lead}, the company said. ${p.others} also invested.`,
    `“${p.quote},” ${p.ceo}, ${p.title}, told the Courier.`,
    ...(t.extra ?? []),
    `The company plans to ${p.use}.`,
  ];
}

// Merlion Tech Daily: Singapore; US$ and S$ written out, regional framing.
function sg(p: Profile, t: Telling): string[] {
  const name = t.name ?? p.name;
  return [
    `${name}, a ${p.city}-based ${p.what}, has raised ${t.amount} in a ${t.round} round led by ${p.lead}.`,
    `Existing and new investors including ${p.others} joined the round, the company said in a statement on ${'its website'}.`,
    `“${p.quote},” said ${p.ceo}, ${p.title}.`,
    ...(t.extra ?? []),
    `The fresh capital will be used to ${p.use}, it added.`,
  ];
}

const at = (date: string, time: string) => `${date}T${time}:00Z`;

/** One roundup line of The Term Sheet. */
const line = (p: Profile, amount: string, round: string, tail = '') =>
  `• ${p.name}, a ${p.city}-based ${p.what}, raised ${amount} in ${round}. ${p.lead} led.${tail ? ` ${tail}` : ''}`;
/** The terse form of its "deals of note" issues. */
const terse = (p: Profile, amount: string, round: string) => `${p.name} (${p.city}) — ${amount} ${round}, led by ${p.lead}.`;

export const ARTICLES: FixtureArticle[] = [
  // ── Haneul Robotics: one company, three romanisations ──
  {
    publisher: 'meridian',
    slug: 'haneul-robotics-raises-series-a',
    published: at('2026-01-14', '03:10'),
    title: 'Haneul Robotics raises 18 billion won for cold-storage robots',
    author: 'Kim Soo-ah',
    paragraphs: wire(P.haneul!, '2026-01-14', { amount: '18 billion won ($12.2 million)', round: 'Series A' }, 'Kim Soo-ah'),
    gold: ['haneul-a'],
  },
  {
    publisher: 'merlion',
    slug: 'hanul-robotics-series-a',
    published: at('2026-01-14', '09:00'),
    title: 'Korea’s Hanul Robotics bags US$12.2m Series A',
    author: 'Tan Mei Xin',
    paragraphs: sg(P.haneul!, {
      name: 'Hanul Robotics',
      amount: 'US$12.2 million (₩18 billion)',
      round: 'Series A',
      extra: ['Hanul Robotics has said it wants to serve cold-chain operators in Singapore and Malaysia within two years.'],
    }),
    gold: ['haneul-a'],
  },
  {
    publisher: 'stackline',
    slug: 'ha-neul-robotics-cold-storage-arms',
    published: at('2026-01-15', '16:30'),
    title: 'Ha-neul Robotics wants to take people out of the freezer',
    author: 'Jess Okafor',
    paragraphs: blog(P.haneul!, { name: 'Ha-neul Robotics', amount: '₩18 billion (about $12 million)', round: 'Series A' }),
    gold: ['haneul-a'],
  },
  {
    publisher: 'merlion',
    slug: 'hanul-robotics-singapore-office',
    published: at('2026-03-09', '08:15'),
    title: 'Hanul Robotics opens Singapore office, eyes cold-chain clients',
    author: 'Tan Mei Xin',
    paragraphs: [
      'Hanul Robotics, the Seoul maker of robotic picking arms for cold-storage warehouses, has opened an office in Singapore with a team of six.',
      'The company raised ₩18 billion in a Series A round led by Daesan Ventures in January, and said the office would be its base for Southeast Asia.',
      'Country manager Gavin Teo said two logistics operators in Jurong had agreed to trial the arms this year.',
      '“Singapore is a small market but it sets the standard for the region,” Teo said.',
    ],
    gold: ['haneul-a'],
  },
  // ── Veltra Biosciences / Veltra Bio ──
  {
    publisher: 'prdispatch',
    slug: 'veltra-biosciences-series-a',
    published: at('2026-01-21', '13:00'),
    title: 'Veltra Biosciences Closes $24 Million Series A Financing',
    author: 'PR Dispatch',
    paragraphs: release(P.veltra!, '2026-01-21', 'Veltra Biosciences, Inc.', { amount: '$24 million', round: 'Series A' }),
    gold: ['veltra-a'],
  },
  {
    publisher: 'stackline',
    slug: 'veltra-bio-kidney-tests',
    published: at('2026-01-22', '10:05'),
    title: 'Veltra Bio lands $24M to catch kidney disease earlier',
    author: 'Jess Okafor',
    paragraphs: blog(P.veltra!, { name: 'Veltra Bio', amount: '$24M', round: 'Series A' }),
    gold: ['veltra-a'],
  },
  // ── Quillpay / Quillpay Technologies ──
  {
    publisher: 'prdispatch',
    slug: 'quillpay-technologies-seed',
    published: at('2026-02-03', '07:00'),
    title: 'Quillpay Technologies Raises $4.5 Million Seed Round to Serve Market Traders',
    author: 'PR Dispatch',
    paragraphs: release(P.quillpay!, '2026-02-03', 'Quillpay Technologies Ltd', { amount: '$4.5 million', round: 'seed' }),
    gold: ['quillpay-seed'],
  },
  {
    publisher: 'meridian',
    slug: 'quillpay-seed-funding',
    published: at('2026-02-03', '11:40'),
    title: 'Nigeria’s Quillpay raises $4.5 million for market-trader payments',
    author: 'Chidi Okeke',
    paragraphs: wire(P.quillpay!, '2026-02-03', { name: 'Quillpay', amount: '$4.5 million', round: 'seed' }, 'Chidi Okeke'),
    gold: ['quillpay-seed'],
  },
  {
    publisher: 'citybyte',
    slug: 'quillpay-bags-4-5m',
    published: at('2026-02-04', '08:30'),
    title: 'Lagos payments start-up Quillpay bags $4.5m',
    author: 'Priya Shah',
    paragraphs: uk(P.quillpay!, { name: 'Quillpay', amount: '$4.5m', round: 'seed' }),
    gold: ['quillpay-seed'],
  },
  // ── Corvane: a seed, then a Series A that tells the seed as background ──
  {
    publisher: 'courier',
    slug: 'corvane-seed-round',
    published: at('2025-08-12', '06:00'),
    title: 'Denver startup Corvane lands $3 million to modernise small water utilities',
    author: 'Ben Alvarez',
    paragraphs: regional(
      P.corvane!,
      { amount: '$3 million', round: 'seed' },
      'A two-year-old Denver company that writes scheduling software for rural water districts has raised its first outside money.',
    ),
    gold: ['corvane-seed'],
  },
  {
    publisher: 'courier',
    slug: 'corvane-series-a',
    published: at('2026-01-28', '06:00'),
    title: 'Corvane raises $16 million as rural utilities sign on',
    author: 'Ben Alvarez',
    paragraphs: regional(
      { ...P.corvane!, lead: 'Granite Arch Partners', others: 'Aspen Row Ventures' },
      {
        amount: '$16 million',
        round: 'Series A',
        extra: ['The company closed a $3 million seed round led by Aspen Row Ventures and now counts 140 water districts as customers.'],
      },
      'Corvane, the Denver company that schedules repair crews for rural water districts, has raised again.',
    ),
    gold: ['corvane-a', 'corvane-seed'],
  },
  {
    publisher: 'stackline',
    slug: 'corvane-series-a-water-utilities',
    published: at('2026-01-28', '15:20'),
    title: 'Corvane’s $16M Series A is a bet on boring infrastructure software',
    author: 'Sam Whitlock',
    paragraphs: blog(
      { ...P.corvane!, lead: 'Granite Arch Partners', others: 'Aspen Row Ventures' },
      {
        amount: '$16 million',
        round: 'Series A',
        extra: ['Corvane raised a $3 million seed round in August 2025, led by Aspen Row Ventures, so this is a fast step up.'],
      },
    ),
    gold: ['corvane-a', 'corvane-seed'],
  },
  {
    publisher: 'prdispatch',
    slug: 'corvane-announces-series-a',
    published: at('2026-01-28', '13:00'),
    title: 'Corvane Announces $16 Million Series A to Bring Modern Scheduling to Rural Water Utilities',
    author: 'PR Dispatch',
    paragraphs: release({ ...P.corvane!, lead: 'Granite Arch Partners', others: 'Aspen Row Ventures' }, '2026-01-28', 'Corvane, Inc.', {
      amount: '$16 million',
      round: 'Series A',
    }),
    gold: ['corvane-a'],
  },
  // ── Lintu Energy: a Series B, then its extension ──
  {
    publisher: 'citybyte',
    slug: 'lintu-energy-series-b',
    published: at('2025-08-20', '07:45'),
    title: 'Finnish sand-battery firm Lintu Energy raises €45m',
    author: 'Priya Shah',
    paragraphs: uk(P.lintu!, { amount: '€45m', round: 'Series B' }),
    gold: ['lintu-b'],
  },
  {
    publisher: 'meridian',
    slug: 'lintu-energy-raises-45-million-euros',
    published: at('2025-08-20', '09:30'),
    title: 'Finland’s Lintu Energy raises 45 million euros for heat storage',
    author: 'Mikko Laine',
    paragraphs: wire(P.lintu!, '2025-08-20', { amount: '45 million euros ($52.6 million)', round: 'Series B' }, 'Mikko Laine'),
    gold: ['lintu-b'],
  },
  {
    publisher: 'stackline',
    slug: 'lintu-energy-extends-series-b',
    published: at('2026-02-17', '12:00'),
    title: 'Lintu Energy tops up its Series B with another €15M',
    author: 'Sam Whitlock',
    paragraphs: [
      'Lintu Energy — the Helsinki startup storing heat in giant tanks of sand — has added €15 million to its Series B, an extension led by Kallio Climate Fund.',
      'The company raised the first €45 million of the round in August, led by Aalto Bay Capital; the extension brings the Series B to €60 million.',
      'CEO Aino Virtanen told us the top-up pays for a second plant: “Tampere proved the idea works in a real network. Now we build one that pays for itself.”',
      'Worth noting — extensions like this are usually a sign that insiders want more of a company, not that it is short of cash.',
    ],
    gold: ['lintu-b-ext', 'lintu-b'],
  },
  {
    publisher: 'citybyte',
    slug: 'lintu-energy-series-b-extension',
    published: at('2026-02-18', '08:10'),
    title: 'Lintu Energy extends Series B to €60m',
    author: 'Priya Shah',
    paragraphs: [
      'Helsinki-based Lintu Energy has bagged a further €15m as an extension of its Series B round, taking the total to €60m.',
      'The extension was led by Kallio Climate Fund. The first close of €45m, led by Aalto Bay Capital, was announced last August.',
      'Aino Virtanen, chief executive of Lintu Energy, said: “District heating operators across the Nordics have asked for plants faster than we can build them.”',
      'The company will use the money to build a second commercial plant near Oulu.',
    ],
    gold: ['lintu-b-ext', 'lintu-b'],
  },
  // ── Solace Health: one name, two companies in two countries ──
  {
    publisher: 'courier',
    slug: 'solace-health-series-a',
    published: at('2026-02-09', '06:00'),
    title: 'Denver hospice startup Solace Health raises $12 million',
    author: 'Ben Alvarez',
    paragraphs: regional(
      P.solaceUs!,
      { amount: '$12 million', round: 'Series A' },
      'A Denver service that helps families care for dying relatives at home has raised money to expand beyond Colorado.',
    ),
    gold: ['solace-us-a'],
  },
  {
    publisher: 'prdispatch',
    slug: 'solace-health-announces-series-a',
    published: at('2026-02-09', '13:00'),
    title: 'Solace Health Raises $12 Million Series A to Expand Home Hospice Coordination',
    author: 'PR Dispatch',
    paragraphs: release(P.solaceUs!, '2026-02-09', 'Solace Health, Inc.', { amount: '$12 million', round: 'Series A' }),
    gold: ['solace-us-a'],
  },
  {
    publisher: 'courier',
    slug: 'solace-health-hiring-nurses',
    published: at('2026-03-16', '06:00'),
    title: 'Solace Health to hire 80 nurses in Denver after funding round',
    author: 'Ben Alvarez',
    paragraphs: [
      'Solace Health, the Denver home-hospice coordination service, plans to hire 80 nurses and social workers in the metro area this year.',
      'The company raised $12 million in a Series A round led by Larkspur Capital last month and has since signed contracts with two hospital systems.',
      'Chief executive Rachel Kimball said most of the new jobs would be based at its office in the Baker neighborhood.',
      '“We could not have done this a year ago,” Kimball said. “Now the question is how fast we can train people.”',
    ],
    gold: ['solace-us-a'],
  },
  {
    publisher: 'merlion',
    slug: 'melbourne-solace-health-seed',
    published: at('2026-02-11', '02:30'),
    title: 'Melbourne’s Solace Health raises A$5m seed for perimenopause telehealth',
    author: 'Rachel Goh',
    paragraphs: sg(P.solaceAu!, { amount: 'A$5 million (US$3.3 million)', round: 'seed' }),
    gold: ['solace-au-seed'],
  },
  // ── Marlo Analytics and Marlo Aerospace: same day, same wire, same first word ──
  {
    publisher: 'meridian',
    slug: 'marlo-analytics-series-a',
    published: at('2026-03-03', '07:00'),
    title: 'UK insurer-fraud startup Marlo Analytics raises £8 million',
    author: 'James Hollis',
    paragraphs: wire(P.marloAnalytics!, '2026-03-03', { amount: '£8 million ($10.1 million)', round: 'Series A' }, 'James Hollis'),
    gold: ['marlo-analytics-a'],
  },
  {
    publisher: 'meridian',
    slug: 'marlo-aerospace-seed',
    published: at('2026-03-03', '10:20'),
    title: 'French drone-motor maker Marlo Aerospace raises 2.5 million euros',
    author: 'Claire Dubois',
    paragraphs: wire(P.marloAero!, '2026-03-03', { amount: '2.5 million euros', round: 'seed' }, 'Claire Dubois'),
    gold: ['marlo-aero-seed'],
  },
  {
    publisher: 'citybyte',
    slug: 'marlo-analytics-bags-8m',
    published: at('2026-03-03', '09:15'),
    title: 'Marlo Analytics bags £8m to fight insurance fraud',
    author: 'Tom Reeve',
    paragraphs: uk(P.marloAnalytics!, { amount: '£8m', round: 'Series A' }),
    gold: ['marlo-analytics-a'],
  },
  {
    publisher: 'stackline',
    slug: 'marlo-aerospace-drone-motors',
    published: at('2026-03-04', '14:00'),
    title: 'Marlo Aerospace raises €2.5M for drone motors that do not burn out',
    author: 'Jess Okafor',
    paragraphs: blog(P.marloAero!, { amount: '€2.5M', round: 'seed round' }),
    gold: ['marlo-aero-seed'],
  },
  // ── Ferrovia Labs and Tallis Data: $10 million each, same day ──
  {
    publisher: 'prdispatch',
    slug: 'ferrovia-labs-series-a',
    published: at('2026-02-24', '08:00'),
    title: 'Ferrovia Labs Secures $10 Million Series A for Predictive Rail Maintenance',
    author: 'PR Dispatch',
    paragraphs: release(P.ferrovia!, '2026-02-24', 'Ferrovia Labs S.r.l.', { amount: '$10 million', round: 'Series A' }),
    gold: ['ferrovia-a'],
  },
  {
    publisher: 'meridian',
    slug: 'ferrovia-labs-raises-10-million',
    published: at('2026-02-24', '10:45'),
    title: 'Italy’s Ferrovia Labs raises $10 million for rail sensors',
    author: 'Marco Greco',
    paragraphs: wire(P.ferrovia!, '2026-02-24', { amount: '$10 million', round: 'Series A' }, 'Marco Greco'),
    gold: ['ferrovia-a'],
  },
  {
    publisher: 'prdispatch',
    slug: 'tallis-data-series-a',
    published: at('2026-02-24', '14:00'),
    title: 'Tallis Data Raises $10 Million Series A to Stop Hospital Billing Errors',
    author: 'PR Dispatch',
    paragraphs: release(P.tallis!, '2026-02-24', 'Tallis Data, Inc.', { amount: '$10 million', round: 'Series A' }),
    gold: ['tallis-a'],
  },
  {
    publisher: 'stackline',
    slug: 'tallis-data-hospital-billing',
    published: at('2026-02-24', '17:30'),
    title: 'Tallis Data gets $10M to audit hospital bills before the auditors do',
    author: 'Sam Whitlock',
    paragraphs: blog(P.tallis!, { amount: '$10 million', round: 'Series A' }),
    gold: ['tallis-a'],
  },
  // ── Okapi Freight and Velorum Games: one lead investor, one week ──
  {
    publisher: 'meridian',
    slug: 'okapi-freight-series-a',
    published: at('2026-01-12', '05:30'),
    title: 'Kenya’s Okapi Freight raises $20 million to fill empty trucks',
    author: 'Grace Atieno',
    paragraphs: wire(P.okapi!, '2026-01-12', { amount: '$20 million', round: 'Series A' }, 'Grace Atieno'),
    gold: ['okapi-a'],
  },
  {
    publisher: 'stackline',
    slug: 'okapi-freight-east-africa',
    published: at('2026-01-12', '18:00'),
    title: 'Okapi Freight’s $20M round shows East African logistics is not done yet',
    author: 'Sam Whitlock',
    paragraphs: blog(P.okapi!, { amount: '$20M', round: 'Series A' }),
    gold: ['okapi-a'],
  },
  {
    publisher: 'citybyte',
    slug: 'velorum-games-series-a',
    published: at('2026-01-15', '07:30'),
    title: 'Warsaw studio Velorum Games bags $18m from Harrow Peak',
    author: 'Tom Reeve',
    paragraphs: uk(P.velorum!, { amount: '$18m', round: 'Series A' }),
    gold: ['velorum-a'],
  },
  {
    publisher: 'meridian',
    slug: 'velorum-games-raises-18-million',
    published: at('2026-01-15', '09:50'),
    title: 'Polish game studio Velorum raises $18 million',
    author: 'Anna Kowalska',
    paragraphs: wire(
      P.velorum!,
      '2026-01-15',
      {
        amount: '$18 million',
        round: 'Series A',
        extra: [
          'It is the second investment Harrow Peak Capital has led this week, after a $20 million round for Kenyan freight broker Okapi Freight on Monday.',
        ],
      },
      'Anna Kowalska',
    ),
    gold: ['velorum-a', 'okapi-a'],
  },
  // ── Sunder Pay: a rumour, then the announcement ──
  {
    publisher: 'meridian',
    slug: 'sunder-pay-in-talks',
    published: at('2026-01-20', '04:00'),
    title: 'Singapore payroll startup Sunder Pay in talks to raise $30 million - sources',
    author: 'Nadia Rahman',
    paragraphs: wireRumour(P.sunder!, '2026-01-20', '$30 million', [
      'The round would be the company’s Series B, the people said, and could value it at around $180 million.',
    ]),
    gold: ['sunder-b'],
  },
  {
    publisher: 'merlion',
    slug: 'sunder-pay-said-to-raise',
    published: at('2026-01-21', '07:20'),
    title: 'Sunder Pay said to be raising US$30m Series B',
    author: 'Rachel Goh',
    paragraphs: [
      'Sunder Pay, the Singapore-based cross-border payroll platform, is said to be raising about US$30 million in a Series B round, according to people familiar with the matter.',
      'Straits Harbour Capital is expected to lead the round, the people said. Sunder Pay did not reply to questions from Merlion Tech Daily.',
      'The company, founded in 2022 by Arjun Menon, pays staff for more than 900 employers in six countries.',
    ],
    gold: ['sunder-b'],
  },
  {
    publisher: 'merlion',
    slug: 'sunder-pay-confirms-series-b',
    published: at('2026-02-05', '03:00'),
    title: 'Sunder Pay confirms US$30m Series B led by Straits Harbour',
    author: 'Rachel Goh',
    paragraphs: sg(P.sunder!, {
      amount: 'US$30 million (S$40.3 million)',
      round: 'Series B',
      extra: ['Merlion Tech Daily reported in January that the company was in talks for the round.'],
    }),
    gold: ['sunder-b'],
  },
  {
    publisher: 'prdispatch',
    slug: 'sunder-pay-series-b',
    published: at('2026-02-05', '09:00'),
    title: 'Sunder Pay Closes US$30 Million Series B to Simplify Cross-Border Payroll in Southeast Asia',
    author: 'PR Dispatch',
    paragraphs: release(P.sunder!, '2026-02-05', 'Sunder Pay Pte. Ltd.', { amount: 'US$30 million', round: 'Series B' }),
    gold: ['sunder-b'],
  },
  // ── Calyx Mobility: $42 million, and one report of $45 million ──
  {
    publisher: 'prdispatch',
    slug: 'calyx-mobility-series-b',
    published: at('2026-02-12', '07:00'),
    title: 'Calyx Mobility Raises $42 Million Series B to Expand Battery-Swapping Network',
    author: 'PR Dispatch',
    paragraphs: release(P.calyx!, '2026-02-12', 'Calyx Mobility GmbH', { amount: '$42 million', round: 'Series B' }),
    gold: ['calyx-b'],
  },
  {
    publisher: 'meridian',
    slug: 'calyx-mobility-raises-42-million',
    published: at('2026-02-12', '09:15'),
    title: 'German scooter-battery firm Calyx Mobility raises $42 million',
    author: 'Lena Vogel',
    paragraphs: wire(P.calyx!, '2026-02-12', { amount: '$42 million', round: 'Series B' }, 'Lena Vogel'),
    gold: ['calyx-b'],
  },
  {
    publisher: 'courier',
    slug: 'calyx-mobility-boulder-stations',
    published: at('2026-02-13', '06:00'),
    title: 'German scooter-battery company with Boulder office raises $45 million',
    author: 'Ben Alvarez',
    paragraphs: regional(
      P.calyx!,
      { amount: '$45 million', round: 'Series B' },
      'A Munich company that runs battery-swapping stations for electric scooters, and employs 40 people in Boulder, has raised a large round that will bring more stations to Colorado.',
    ),
    gold: ['calyx-b'],
  },
  // ── Ostrava Metrics: a Series C whose stories tell the 2024 Series B with its date ──
  {
    publisher: 'meridian',
    slug: 'ostrava-metrics-series-c',
    published: at('2026-03-10', '08:00'),
    title: 'Czech energy-software firm Ostrava Metrics raises $60 million',
    author: 'Jana Dvořák',
    paragraphs: wire(
      P.ostrava!,
      '2026-03-10',
      {
        amount: '$60 million',
        round: 'Series C',
        extra: ['Ostrava Metrics raised a $25 million Series B in March 2024, also led by Vltava Growth.'],
      },
      'Jana Dvořák',
    ),
    gold: ['ostrava-c', 'ostrava-b'],
  },
  {
    publisher: 'stackline',
    slug: 'ostrava-metrics-series-c-steel',
    published: at('2026-03-10', '15:45'),
    title: 'Ostrava Metrics raises $60M to meter the steel industry',
    author: 'Jess Okafor',
    paragraphs: blog(P.ostrava!, {
      amount: '$60 million',
      round: 'Series C',
      extra: ['For context — its $25 million Series B closed on March 19, 2024, when it had a third of today’s customers.'],
    }),
    gold: ['ostrava-c', 'ostrava-b'],
  },
  // ── Deals reported once or twice, in their own currencies ──
  {
    publisher: 'citybyte',
    slug: 'pennywort-seed',
    published: at('2026-01-27', '08:00'),
    title: 'Manchester budgeting app Pennywort bags £1.2m seed',
    author: 'Tom Reeve',
    paragraphs: uk(P.pennywort!, { amount: '£1.2m', round: 'seed' }),
    gold: ['pennywort-seed'],
  },
  {
    publisher: 'merlion',
    slug: 'kaveri-agritech-series-a',
    published: at('2026-02-02', '05:30'),
    title: 'India’s Kaveri Agritech raises ₹120 crore Series A',
    author: 'Vikram Iyer',
    paragraphs: sg(P.kaveri!, { amount: '₹120 crore (about US$13.9 million)', round: 'Series A' }),
    gold: ['kaveri-a'],
  },
  {
    publisher: 'meridian',
    slug: 'kaveri-agritech-raises',
    published: at('2026-02-02', '08:20'),
    title: 'Indian soil-testing startup Kaveri Agritech raises 1.2 billion rupees',
    author: 'Vikram Iyer',
    paragraphs: wire(P.kaveri!, '2026-02-02', { amount: '1.2 billion rupees ($13.9 million)', round: 'Series A' }, 'Vikram Iyer'),
    gold: ['kaveri-a'],
  },
  {
    publisher: 'stackline',
    slug: 'brackwater-labs-pre-seed',
    published: at('2026-01-08', '17:00'),
    title: 'Brackwater Labs raises $1.5M pre-seed to test your data, not just your code',
    author: 'Sam Whitlock',
    paragraphs: blog(P.brackwater!, { amount: '$1.5 million', round: 'pre-seed round' }),
    gold: ['brackwater-preseed'],
  },
  {
    publisher: 'citybyte',
    slug: 'lumenfold-series-b',
    published: at('2026-02-19', '07:30'),
    title: 'Dutch solar firm Lumenfold bags €30m Series B',
    author: 'Priya Shah',
    paragraphs: uk(P.lumenfold!, { amount: '€30m', round: 'Series B' }),
    gold: ['lumenfold-b'],
  },
  {
    publisher: 'meridian',
    slug: 'lumenfold-raises-30-million-euros',
    published: at('2026-02-19', '10:00'),
    title: 'Dutch foldable-solar maker Lumenfold raises 30 million euros',
    author: 'Pieter Bakker',
    paragraphs: wire(P.lumenfold!, '2026-02-19', { amount: '30 million euros', round: 'Series B' }, 'Pieter Bakker'),
    gold: ['lumenfold-b'],
  },
  {
    publisher: 'prdispatch',
    slug: 'lumenfold-series-b',
    published: at('2026-02-19', '06:00'),
    title: 'Lumenfold B.V. Closes €30 Million Series B to Replace Diesel Generators on Construction Sites',
    author: 'PR Dispatch',
    paragraphs: release(P.lumenfold!, '2026-02-19', 'Lumenfold B.V.', { amount: '€30 million', round: 'Series B' }),
    gold: ['lumenfold-b'],
  },
  {
    publisher: 'merlion',
    slug: 'mawar-health-seed',
    published: at('2026-01-29', '04:00'),
    title: 'Jakarta’s Mawar Health raises US$6m seed for maternal clinics',
    author: 'Tan Mei Xin',
    paragraphs: sg(P.mawar!, { amount: 'US$6 million', round: 'seed' }),
    gold: ['mawar-seed'],
  },
  {
    publisher: 'courier',
    slug: 'sagebrush-solar-financing',
    published: at('2026-03-05', '06:00'),
    title: 'Colorado Springs solar developer Sagebrush lines up $35 million in debt',
    author: 'Ben Alvarez',
    paragraphs: regional(
      P.sagebrush!,
      { amount: '$35 million', round: 'debt' },
      'A Colorado Springs developer of shared solar gardens has secured financing to build eleven new sites south of Denver.',
    ),
    gold: ['sagebrush-debt'],
  },
  {
    publisher: 'prdispatch',
    slug: 'sagebrush-solar-debt-facility',
    published: at('2026-03-05', '12:00'),
    title: 'Sagebrush Solar Secures $35 Million Debt Facility for Community Solar Gardens',
    author: 'PR Dispatch',
    paragraphs: release(P.sagebrush!, '2026-03-05', 'Sagebrush Solar LLC', { amount: '$35 million', round: 'debt' }),
    gold: ['sagebrush-debt'],
  },
  {
    publisher: 'courier',
    slug: 'juniper-loop-series-a',
    published: at('2026-03-12', '06:00'),
    title: 'Denver reusable-container startup Juniper Loop raises $9 million',
    author: 'Ben Alvarez',
    paragraphs: regional(
      P.juniper!,
      { amount: '$9 million', round: 'Series A' },
      'The green containers showing up at Denver takeout counters belong to a local startup that just raised its biggest round.',
    ),
    gold: ['juniper-a'],
  },
  {
    publisher: 'stackline',
    slug: 'juniper-loop-reusable-packaging',
    published: at('2026-03-12', '16:10'),
    title: 'Juniper Loop raises $9M to wash your takeout boxes',
    author: 'Jess Okafor',
    paragraphs: blog(P.juniper!, { amount: '$9M', round: 'Series A' }),
    gold: ['juniper-a'],
  },
  {
    publisher: 'merlion',
    slug: 'riverine-ai-seed',
    published: at('2026-03-02', '03:30'),
    title: 'Riverine AI raises S$8m to forecast floods street by street',
    author: 'Lim Jun Hao',
    paragraphs: sg(P.riverine!, { amount: 'S$8 million (US$5.9 million)', round: 'seed' }),
    gold: ['riverine-seed'],
  },
  {
    publisher: 'citybyte',
    slug: 'hollowmere-games-series-a',
    published: at('2026-02-26', '08:45'),
    title: 'Dundee studio Hollowmere Games bags £6.5m',
    author: 'Tom Reeve',
    paragraphs: uk(P.hollowmere!, { amount: '£6.5m', round: 'Series A' }),
    gold: ['hollowmere-a'],
  },
  {
    publisher: 'meridian',
    slug: 'zephyra-water-series-a',
    published: at('2026-03-16', '08:30'),
    title: 'Spain’s Zephyra Water raises 9 million euros for farm desalination',
    author: 'Pablo Ruiz',
    paragraphs: wire(P.zephyra!, '2026-03-16', { amount: '9 million euros ($10.4 million)', round: 'Series A' }, 'Pablo Ruiz'),
    gold: ['zephyra-a'],
  },
  {
    publisher: 'stackline',
    slug: 'zephyra-water-desalination',
    published: at('2026-03-16', '14:30'),
    title: 'Zephyra Water’s €9M Series A puts desalination on the farm',
    author: 'Sam Whitlock',
    paragraphs: blog(P.zephyra!, { amount: '€9 million', round: 'Series A' }),
    gold: ['zephyra-a'],
  },
  {
    publisher: 'merlion',
    slug: 'nimbari-health-series-b',
    published: at('2026-03-18', '01:00'),
    title: 'Sydney’s Nimbari Health raises A$40m Series B',
    author: 'Rachel Goh',
    paragraphs: sg(P.nimbari!, { amount: 'A$40 million (US$26.4 million)', round: 'Series B' }),
    gold: ['nimbari-b'],
  },
  // ── More reports: press releases, second wires, a later story about a current round ──
  {
    publisher: 'prdispatch',
    slug: 'haneul-robotics-series-a',
    published: at('2026-01-14', '01:00'),
    title: 'Haneul Robotics Co., Ltd. Secures KRW 18 Billion Series A for Cold-Chain Automation',
    author: 'PR Dispatch',
    paragraphs: release(P.haneul!, '2026-01-14', 'Haneul Robotics Co., Ltd.', { amount: 'KRW 18 billion', round: 'Series A' }),
    gold: ['haneul-a'],
  },
  {
    publisher: 'prdispatch',
    slug: 'pennywort-seed-round',
    published: at('2026-01-27', '07:00'),
    title: 'Pennywort Raises £1.2 Million Seed Round for Budgeting on Variable Incomes',
    author: 'PR Dispatch',
    paragraphs: release(P.pennywort!, '2026-01-27', 'Pennywort Ltd', { amount: '£1.2 million', round: 'seed' }),
    gold: ['pennywort-seed'],
  },
  {
    publisher: 'citybyte',
    slug: 'calyx-mobility-series-b',
    published: at('2026-02-12', '10:30'),
    title: 'Munich battery-swap firm Calyx Mobility bags $42m',
    author: 'Tom Reeve',
    paragraphs: uk(P.calyx!, { amount: '$42m', round: 'Series B' }),
    gold: ['calyx-b'],
  },
  {
    publisher: 'meridian',
    slug: 'sunder-pay-raises-series-b',
    published: at('2026-02-05', '05:10'),
    title: 'Singapore’s Sunder Pay raises $30 million, confirming talks',
    author: 'Nadia Rahman',
    paragraphs: wire(
      P.sunder!,
      '2026-02-05',
      {
        amount: '$30 million',
        round: 'Series B',
        extra: [
          'Meridian Wire reported last month, citing people familiar with the matter, that the company was in talks to raise the money.',
        ],
      },
      'Nadia Rahman',
    ),
    gold: ['sunder-b'],
  },
  {
    publisher: 'meridian',
    slug: 'riverine-ai-seed',
    published: at('2026-03-02', '06:40'),
    title: 'Singapore flood-forecasting startup Riverine AI raises S$8 million',
    author: 'Lim Jun Hao',
    paragraphs: wire(P.riverine!, '2026-03-02', { amount: 'S$8 million ($5.9 million)', round: 'seed' }, 'Lim Jun Hao'),
    gold: ['riverine-seed'],
  },
  {
    publisher: 'stackline',
    slug: 'mawar-health-maternal-clinics',
    published: at('2026-01-30', '09:00'),
    title: 'Mawar Health raises $6M to put a clinic near every Javanese mother',
    author: 'Jess Okafor',
    paragraphs: blog(P.mawar!, { amount: '$6 million', round: 'seed round' }),
    gold: ['mawar-seed'],
  },
  {
    publisher: 'meridian',
    slug: 'nimbari-health-series-b',
    published: at('2026-03-18', '03:20'),
    title: 'Australia’s Nimbari Health raises A$40 million for rural heart monitoring',
    author: 'Sophie Turner',
    paragraphs: wire(P.nimbari!, '2026-03-18', { amount: 'A$40 million ($26.4 million)', round: 'Series B' }, 'Sophie Turner'),
    gold: ['nimbari-b'],
  },
  {
    publisher: 'prdispatch',
    slug: 'ostrava-metrics-series-c',
    published: at('2026-03-10', '06:00'),
    title: 'Ostrava Metrics Closes $60 Million Series C to Cut Energy Use in Heavy Industry',
    author: 'PR Dispatch',
    paragraphs: release(P.ostrava!, '2026-03-10', 'Ostrava Metrics s.r.o.', {
      amount: '$60 million',
      round: 'Series C',
      extra: ['The financing follows a $25 million Series B round in 2024.'],
    }),
    gold: ['ostrava-c', 'ostrava-b'],
  },
  {
    publisher: 'courier',
    slug: 'corvane-grand-junction-office',
    published: at('2026-03-19', '06:00'),
    title: 'Corvane opens Western Slope office in Grand Junction',
    author: 'Ben Alvarez',
    paragraphs: [
      'Corvane, the Denver company that schedules repair crews for rural water districts, will open an office in Grand Junction next month.',
      'The company raised a $16 million Series A led by Granite Arch Partners in January and said the office would serve districts from Craig to Cortez.',
      'Chief executive Luis Ortega said the company would hire ten people there, mostly field trainers.',
    ],
    gold: ['corvane-a'],
  },
  // ── The Term Sheet: weekly roundups ──
  {
    publisher: 'termsheet',
    slug: 'week-of-january-12',
    published: at('2026-01-16', '12:00'),
    title: 'The Term Sheet: one investor, two continents',
    author: 'The Term Sheet',
    paragraphs: [
      'Good morning. A busy week for Harrow Peak Capital, which led two Series A rounds five days apart. Here is what got funded.',
      line(P.okapi!, '$20M', 'Series A funding'),
      line(P.velorum!, '$18M', 'Series A funding', 'Second Harrow Peak lead of the week.'),
      line(P.haneul!, '₩18B (~$12M)', 'Series A funding'),
      'That is all for this week. Forward this to a founder who needs it.',
    ],
    gold: ['okapi-a', 'velorum-a', 'haneul-a'],
  },
  {
    publisher: 'termsheet',
    slug: 'week-of-january-26',
    published: at('2026-01-30', '12:00'),
    title: 'The Term Sheet: kidneys, budgets and clinics',
    author: 'The Term Sheet',
    paragraphs: [
      'Good morning. Healthcare dominated a quiet week; fintech had one small seed.',
      line({ ...P.veltra!, name: 'Veltra Bio' }, '$24M', 'Series A funding'),
      line(P.pennywort!, '£1.2M', 'seed funding'),
      line(P.mawar!, 'US$6M', 'seed funding'),
      'That is all for this week. Reply to this email with deals we missed.',
    ],
    gold: ['veltra-a', 'pennywort-seed', 'mawar-seed'],
  },
  {
    publisher: 'termsheet',
    slug: 'week-of-february-9',
    published: at('2026-02-13', '12:00'),
    title: 'The Term Sheet: two companies called Solace',
    author: 'The Term Sheet',
    paragraphs: [
      'Good morning. Two unrelated startups named Solace Health raised money this week, one in Denver and one in Melbourne. Do not mix them up.',
      line(P.solaceAu!, 'A$5M', 'seed funding', 'Not to be confused with the Denver hospice company of the same name.'),
      line(P.calyx!, '$42M', 'Series B funding'),
      'That is all for this week.',
    ],
    gold: ['solace-au-seed', 'calyx-b'],
  },
  {
    publisher: 'termsheet',
    slug: 'week-of-february-16',
    published: at('2026-02-20', '12:00'),
    title: 'The Term Sheet: extensions are back',
    author: 'The Term Sheet',
    paragraphs: [
      'Good morning. Insiders doubled down this week.',
      line(P.lintu!, '€15M', 'a Series B extension', 'Brings the Series B to €60M.'),
      line(P.lumenfold!, '€30M', 'Series B funding'),
      'That is all for this week.',
    ],
    gold: ['lintu-b-ext', 'lumenfold-b'],
  },
  {
    publisher: 'termsheet',
    slug: 'week-of-february-23',
    published: at('2026-02-27', '12:00'),
    title: 'The Term Sheet: ten million, twice',
    author: 'The Term Sheet',
    paragraphs: [
      'Good morning. Two unrelated $10M Series A rounds landed on the same Tuesday, one in Milan and one in Austin.',
      line(P.ferrovia!, '$10M', 'Series A funding'),
      line(P.tallis!, '$10M', 'Series A funding'),
      line(P.hollowmere!, '£6.5M', 'Series A funding'),
      'That is all for this week.',
    ],
    gold: ['ferrovia-a', 'tallis-a', 'hollowmere-a'],
  },
  {
    publisher: 'termsheet',
    slug: 'week-of-march-16',
    published: at('2026-03-20', '12:00'),
    title: 'The Term Sheet: hearts and water',
    author: 'The Term Sheet',
    paragraphs: [
      'Good morning. Climate and health again. Deals of note:',
      terse(P.nimbari!, 'A$40M', 'Series B'),
      terse(P.zephyra!, '€9M', 'Series A'),
      terse(P.juniper!, '$9M', 'Series A'),
      'That is all for this week.',
    ],
    gold: ['nimbari-b', 'zephyra-a', 'juniper-a'],
  },
  {
    publisher: 'termsheet',
    slug: 'week-of-february-2',
    published: at('2026-02-06', '12:00'),
    title: 'The Term Sheet: payments everywhere',
    author: 'The Term Sheet',
    paragraphs: [
      'Good morning. Three payments and farming deals, and one rumour that turned out to be true.',
      line(P.quillpay!, '$4.5M', 'seed funding'),
      line(P.kaveri!, '₹120 crore (~$14M)', 'Series A funding'),
      line(P.sunder!, 'US$30M', 'Series B funding', 'The round was first reported as talks in January.'),
      'That is all for this week.',
    ],
    gold: ['quillpay-seed', 'kaveri-a', 'sunder-b'],
  },
  {
    publisher: 'termsheet',
    slug: 'week-of-march-2',
    published: at('2026-03-06', '12:00'),
    title: 'The Term Sheet: two Marlos and a flood',
    author: 'The Term Sheet',
    paragraphs: [
      'Good morning. Two unrelated companies called Marlo raised on the same Tuesday, one in London and one in Toulouse.',
      line(P.marloAnalytics!, '£8M', 'Series A funding'),
      line(P.marloAero!, '€2.5M', 'seed funding'),
      line(P.riverine!, 'S$8M', 'seed funding'),
      line(P.sagebrush!, '$35M', 'debt financing'),
      'That is all for this week.',
    ],
    gold: ['marlo-analytics-a', 'marlo-aero-seed', 'riverine-seed', 'sagebrush-debt'],
  },
  // ── No deal at all ──
  {
    publisher: 'stackline',
    slug: 'developer-survey-2026',
    published: at('2026-01-19', '11:00'),
    title: 'Our 2026 developer survey: everyone is tired of YAML',
    author: 'Sam Whitlock',
    paragraphs: [
      'We asked 2,400 readers what slows them down at work — and the answer, by a wide margin, was configuration files.',
      'Sixty-one percent said they had broken a deployment with a YAML indentation mistake in the last year; a fifth said they had done it more than five times.',
      'Full results, with charts, are below — and yes, we know the irony of publishing them as a spreadsheet.',
    ],
    gold: [],
  },
  {
    publisher: 'citybyte',
    slug: 'fintech-layoffs-january',
    published: at('2026-01-23', '09:00'),
    title: 'London fintech Crowncoin cuts 15% of staff',
    author: 'Priya Shah',
    paragraphs: [
      'London-based Crowncoin, a savings app, is cutting 15% of its workforce as it struggles to reach profitability.',
      'The company told staff on Thursday that about 40 roles would go, mostly in marketing and customer support.',
      'Chief executive Daniel Ashworth said the business would focus on its UK customers and pause plans for a European launch.',
    ],
    gold: [],
  },
  {
    publisher: 'courier',
    slug: 'denver-startup-week-preview',
    published: at('2026-02-20', '06:00'),
    title: 'Denver Startup Week returns with record number of sessions',
    author: 'Ben Alvarez',
    paragraphs: [
      'Denver Startup Week will run more than 400 free sessions this year, organisers said, up from 350 last year.',
      'The event, held in venues across downtown and RiNo, expects about 20,000 attendees.',
      'Organisers said this year’s tracks would include climate, health care and a new one on rural technology.',
    ],
    gold: [],
  },
  {
    publisher: 'merlion',
    slug: 'singapore-grant-scheme',
    published: at('2026-02-25', '02:00'),
    title: 'Singapore expands startup grant scheme for deep-tech founders',
    author: 'Lim Jun Hao',
    paragraphs: [
      'Singapore will expand its grant scheme for deep-tech founders, allowing companies to claim up to 70% of qualifying research costs.',
      'The change applies from April and covers companies incorporated in Singapore for less than five years.',
      'Founders welcomed the move but said the application process remained slow.',
    ],
    gold: [],
  },
];
