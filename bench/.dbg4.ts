import { readFileSync } from 'node:fs';
const src=readFileSync('/work/main/src/parse/content.ts','utf8');
const A=eval(src.match(/const BOILERPLATE_AFFIX =\s*(\/.*?\/);\n/s)![1]!);
const E=eval(src.match(/const BOILERPLATE_EXACT = (\/.*?\/);\n/s)![1]!);
for (const t of process.argv.slice(2)) console.log(t, A.test(t), E.test(t));
