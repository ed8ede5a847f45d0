import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseArticle } from '/work/main/src/parse/article.ts';
const dir='/work/shared/bench/article-extraction/';
const gt=JSON.parse(readFileSync(dir+'ground-truth.json','utf8'));
for (const id of process.argv.slice(2)) {
  const html=gunzipSync(readFileSync(dir+'html/'+id+'.html.gz')).toString('utf8');
  const r=parseArticle(html, gt[id].url);
  console.log('=====',id, gt[id].url, 'htmlLen', html.length);
  console.log('TRUTH:', gt[id].articleBody.slice(0,300).replace(/\n/g,' | '), '...', gt[id].articleBody.length);
  console.log('OURS :', r.text.slice(0,300).replace(/\n/g,' | '), '...', r.text.length);
  console.log('meta', JSON.stringify({...r, text:undefined, paragraphs: r.paragraphs.length}));
}
