import { describe, expect, it } from 'vitest';
import { hasDealCue, OMITTED, selectDealText } from '../../../src/extract/llm/select.js';

const paragraphs = [
  'Tollbeck, a Leeds maker of bridge sensors, had a busy year.', // lede: always kept
  'Its engineers visited forty sites.',
  'The weather was poor for most of it.',
  'Crews worked through the winter anyway.',
  'The Leeds company said it has raised £6 million in a seed round.', // cue
  'It will hire ten more engineers.', // neighbour after
  'The founders grew up in Hull.',
  'They like sailing.',
];

describe('selectDealText', () => {
  it('keeps the lede, cue paragraphs and their neighbours, marking each skipped run once', () => {
    const s = selectDealText(paragraphs.join('\n\n'));
    expect(s).toMatchObject({ kept: 4, total: 8 });
    expect(s.text.split('\n\n')).toEqual([paragraphs[0], OMITTED, paragraphs[3], paragraphs[4], paragraphs[5], OMITTED]);
  });

  it('sends short articles whole', () => {
    const text = paragraphs.slice(1, 4).join('\n\n');
    expect(selectDealText(text)).toEqual({ text, kept: 3, total: 3 });
  });

  it('widens with more neighbours', () => {
    expect(selectDealText(paragraphs.join('\n\n'), { neighbours: 2 }).kept).toBe(6);
  });
});

describe('hasDealCue', () => {
  it('sees deal words in the title or the text, not in unrelated news', () => {
    expect(hasDealCue({ title: 'Tollbeck bags £6m', text: 'Sensors for bridges.' })).toBe(true);
    expect(hasDealCue({ title: null, text: 'Startups land R90-million from local investors.' })).toBe(true);
    expect(hasDealCue({ title: 'Rain in Leeds', text: 'Crews worked through the winter.' })).toBe(false);
  });
});

describe('selection in the LLM path', () => {
  it('sends the model only the selected paragraphs and says that gaps are marked', async () => {
    const { startFakeOpenAI, promptText } = await import('../../helpers/fake-openai.js');
    const { createExtractor } = await import('../../../src/extract/index.js');
    const { loadConfig } = await import('../../../src/config.js');
    const fake = await startFakeOpenAI();
    try {
      const extractor = createExtractor(loadConfig({ OPENAI_BASE_URL: fake.baseURL, LLM_MAX_RETRIES: '0' }));
      await extractor.extract({
        url: 'https://news.example/tollbeck',
        title: 'Tollbeck raises £6m',
        text: paragraphs.join('\n\n'),
        publishedAt: '2026-01-05',
      });
      const sent = promptText(fake.requests[0]!);
      expect(sent).toContain(paragraphs[4]);
      expect(sent).not.toContain(paragraphs[1]);
      expect(sent).toContain(`each gap is marked ${OMITTED}`);
    } finally {
      await fake.close();
    }
  });

  it('sends an article with deal words to the model even when the offline pre-filter sees no amount it knows', async () => {
    const { startFakeOpenAI } = await import('../../helpers/fake-openai.js');
    const { createExtractor } = await import('../../../src/extract/index.js');
    const { loadConfig } = await import('../../../src/config.js');
    const article = {
      url: 'https://news.example/kopje',
      title: 'Cape Town startups land big rounds',
      text: 'Startups land R90-million from local investors.',
      publishedAt: '2026-01-05',
    };
    // The offline pre-filter (mayContainDeal) alone keeps this article from the model today.
    const fake = await startFakeOpenAI();
    try {
      const result = await createExtractor(loadConfig({ OPENAI_BASE_URL: fake.baseURL, LLM_MAX_RETRIES: '0' })).extract(article);
      expect(result.engine).toBe('llm');
      expect(fake.requests).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });
});
