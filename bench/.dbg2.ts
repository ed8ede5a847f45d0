import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
const src=readFileSync('/work/main/src/parse/content.ts','utf8');
const BP=new RegExp(eval(src.match(/const BOILERPLATE =\s*(\/.*?\/i);\n/s)![1]!));
const POS=eval(src.match(/const POSITIVE = (\/.*\/i);/)![1]!);
const dir='/work/shared/bench/article-extraction/';
for (const id of process.argv.slice(2)) {
  const html=gunzipSync(readFileSync(dir+'html/'+id+'.html.gz')).toString('utf8');
  const $=cheerio.load(html,{xml:{xmlMode:false}});
  const rows:any[]=[];
  $('*').each((_,el:any)=>{ const n=((el.attribs.class??'')+' '+(el.attribs.id??'')).trim(); const st=el.attribs.style??''; const hid = el.attribs.hidden!==undefined||el.attribs['aria-hidden']==='true'||/display\s*:\s*none|visibility\s*:\s*hidden/i.test(st); if ((n&&BP.test(n)&&!POS.test(n))||hid||['header','footer','nav','aside','form'].includes(el.name)) rows.push([$(el).text().length, el.name, n.slice(0,80), n.match(BP)?.[0], hid]);});
  rows.sort((a,b)=>b[0]-a[0]); console.log('==',id); for (const r of rows.slice(0,6)) console.log(r);
}
