import { readFileSync } from 'node:fs';
import { parseArticle } from '/work/main/src/parse/article.ts';
const [f,u]=process.argv.slice(2) as [string,string];
console.log(JSON.stringify(parseArticle(readFileSync(f,'utf8'),u),null,1));
