import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
const dir='/work/shared/bench/article-extraction/';
const [id, sel] = process.argv.slice(2) as [string,string];
const html=gunzipSync(readFileSync(dir+'html/'+id+'.html.gz')).toString('utf8');
const $=cheerio.load(html,{xml:{xmlMode:false}});
const root=$(sel).first();
root.find('*').each((_,el:any)=>{ const t=$(el).text().length; if (t>150 && el.name!=='p' && el.name!=='span' && el.name!=='a') console.log(el.name, JSON.stringify(el.attribs).slice(0,160), t); });
