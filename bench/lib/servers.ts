// Child process for bench/load.ts: serves the generated news world and a fake OpenAI-compatible
// model, so their CPU is not counted in the pipeline's. Prints one JSON line when ready; on a
// "stop" line on stdin it prints its own CPU usage and exits.
// Usage: node --import tsx bench/lib/servers.ts <articles> <seed> <llmLatencyMs>
import { createInterface } from 'node:readline';
import { startFakeOpenAI } from '../../tests/helpers/fake-openai.js';
import { generateNews, generatedWorldDeals, startNewsSite } from '../../tests/helpers/news-generator.js';

const [count = '1000', seed = '7', latency = '50'] = process.argv.slice(2);
const site = await startNewsSite(generateNews(Number(count), Number(seed)));
const llm = await startFakeOpenAI(generatedWorldDeals, { latencyMs: Number(latency) });
const cpuStart = process.cpuUsage();
process.stdout.write(`${JSON.stringify({ feedUrls: site.feedUrls, llmBaseUrl: llm.baseURL })}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'stop') return;
  const cpu = process.cpuUsage(cpuStart);
  process.stdout.write(`${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, llmRequests: llm.requests.length })}\n`);
  void Promise.all([site.close(), llm.close()]).then(() => process.exit(0));
});
