// No tokenizer is installed (tiktoken is not a dependency), so token counts are estimated at
// ~4 characters per token, which is close for English prose with OpenAI's tokenizers.
const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Pieces of at most `maxChars`: sentences where possible, hard cuts for run-on text. */
function splitLong(paragraph: string, maxChars: number): string[] {
  const sentences = paragraph.match(/[^.!?]+(?:[.!?]+["')\]]*\s*|$)/g) ?? [paragraph];
  const out: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    if (current && current.length + sentence.length > maxChars) {
      out.push(current.trim());
      current = '';
    }
    if (sentence.length > maxChars) {
      for (let i = 0; i < sentence.length; i += maxChars) out.push(sentence.slice(i, i + maxChars).trim());
    } else {
      current += sentence;
    }
  }
  if (current.trim()) out.push(current.trim());
  return out.filter(Boolean);
}

/**
 * Splits article text into chunks of about `maxTokens` each, keeping paragraphs (blank-line
 * separated) whole where they fit so a deal's sentence is rarely cut in two.
 */
export function chunkText(text: string, maxTokens: number): string[] {
  const maxChars = Math.max(1, Math.floor(maxTokens * CHARS_PER_TOKEN));
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap((p) => (p.length > maxChars ? splitLong(p, maxChars) : [p]));
  const chunks: string[] = [];
  let current = '';
  for (const p of paragraphs) {
    if (current && current.length + 2 + p.length > maxChars) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n\n${p}` : p;
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Cuts text in two at the paragraph (else sentence) boundary nearest its middle; null for a single sentence. */
export function halve(text: string): [string, string] | null {
  for (const [separator, joiner] of [
    [/\n\s*\n/, '\n\n'],
    [/(?<=[.!?])\s+/, ' '],
  ] as const) {
    const parts = text
      .split(separator)
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length < 2) continue;
    let cut = 1;
    let left = parts[0]!.length;
    // Move the cut right while the next part's midpoint still lies in the first half.
    while (cut < parts.length - 1 && left + parts[cut]!.length / 2 < text.length / 2) left += parts[cut++]!.length;
    return [parts.slice(0, cut).join(joiner), parts.slice(cut).join(joiner)];
  }
  return null;
}
