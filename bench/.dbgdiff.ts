import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseArticle } from '/work/main/src/parse/article.ts';
const dir='/work/shared/bench/article-extraction/';
const gt=JSON.parse(readFileSync(dir+'ground-truth.json','utf8'));
const norm=(s:string)=>(s.match(/[\p{L}\p{N}_]+/gu)??[]).join(' ');
for (const id of process.argv.slice(2)) {
  const html=gunzipSync(readFileSync(dir+'html/'+id+'.html.gz')).toString('utf8');
  const r=parseArticle(html, gt[id].url); const t=norm(gt[id].articleBody);
  console.log('=====',id,gt[id].url);
  console.log('EXTRA:', r.paragraphs.filter(p=>!t.includes(norm(p))).map(p=>p.slice(0,100)).slice(0,8));
  const ours=norm(r.text);
  console.log('MISSING:', gt[id].articleBody.split(/\n+/).filter((p:string)=>!ours.includes(norm(p))).map((p:string)=>p.slice(0,100)).slice(0,6));
}
