import * as cheerio from 'cheerio';
import { collectBlocks, scoreContainers } from '/work/main/src/parse/content.ts';
const deep = '<div>'.repeat(20_000) + 'text' + '</div>'.repeat(20_000);
let t=performance.now(); const $=cheerio.load('<html><body>'+deep+'</body></html>',{xml:{xmlMode:false,decodeEntities:true}}); console.log('load',performance.now()-t);
t=performance.now(); $('meta').length; $('h1').first().text(); console.log('sel',performance.now()-t);
t=performance.now(); try { const b=collectBlocks($('body')[0] as any); console.log(b.length); const s=scoreContainers(b);} catch(e){console.log('ERR',String(e))} console.log('walk',performance.now()-t);
