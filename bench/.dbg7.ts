import { parseArticle } from '/work/main/src/parse/article.ts';
const deep = '<div>'.repeat(3_000) + 'text' + '</div>'.repeat(3_000);
const inputs:[string,string][] = [['deep',deep], ['p',' <p>'.repeat(5_000)], ['x','x'.repeat(200_000)]];
for (const [n,h] of inputs) { const t=performance.now(); const r=parseArticle(h,'https://e.com/'); console.log(n,(performance.now()-t).toFixed(0), r.text.length); }
