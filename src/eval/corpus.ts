/** A labelled corpus directory: NAME.html + NAME.json pairs (format: shared/corpus/README.md). */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { Round, Status } from '../deal/schema.js';

const GoldMoney = z.object({ value: z.number().nonnegative(), currency: z.string().regex(/^[A-Z]{3}$/) });

/** A gold deal; an absent field is not scored, a present one (even null) is scored exactly. */
export const GoldDeal = z.object({
  company: z.string().min(1),
  round: Round.optional(),
  status: Status.optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable()
    .optional(),
  amount: GoldMoney.nullable().optional(),
  valuation: GoldMoney.nullable().optional(),
  investors: z.array(z.object({ name: z.string().min(1), lead: z.boolean() })).optional(),
});
export type GoldDeal = z.infer<typeof GoldDeal>;

const GoldFile = z.object({
  url: z.string().min(1),
  publishedAt: z.string().nullable().optional(),
  deals: z.array(GoldDeal),
});

export interface CorpusCase {
  name: string;
  html: string;
  url: string;
  publishedAt: string | null;
  deals: GoldDeal[];
}

/** A corpus that cannot be read (missing folder, no cases, malformed label): one line for the operator. */
export class CorpusError extends Error {}

/** Every labelled case in `dir`, sorted by name; a malformed label file is a clear error. */
export async function loadCorpus(dir: string): Promise<CorpusCase[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such directory' : code === 'ENOTDIR' ? 'not a directory' : (err as Error).message;
    throw new CorpusError(`cannot read corpus directory ${dir}: ${why}`);
  }
  const names = entries
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .filter((n) => entries.includes(`${n}.html`))
    .sort();
  if (names.length === 0) throw new CorpusError(`no NAME.html + NAME.json pairs in ${dir}`);
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, `${name}.json`);
      let json: unknown;
      try {
        json = JSON.parse(await readFile(file, 'utf8'));
      } catch (err) {
        throw new CorpusError(`${file}: not valid JSON (${(err as Error).message})`);
      }
      const gold = GoldFile.safeParse(json);
      if (!gold.success) throw new CorpusError(`${file}: not a corpus label file: ${gold.error.message}`);
      return {
        name,
        html: await readFile(path.join(dir, `${name}.html`), 'utf8'),
        url: gold.data.url,
        publishedAt: gold.data.publishedAt ?? null,
        deals: gold.data.deals,
      };
    }),
  );
}
