import { readFileSync } from 'node:fs';
import { simhash, hammingDistance } from '/work/main/src/parse/fingerprint.ts';
const gt=JSON.parse(readFileSync('/work/shared/bench/article-extraction/ground-truth.json','utf8'));
const bodies=Object.values(gt).map((g:any)=>g.articleBody as string).filter(b=>b.length>1500);
let near=0, minDiff=64; const dists:number[]=[];
for (let i=0;i<bodies.length;i++){ const b=bodies[i]!; const syn='Reuters via Wire. '+b+' Copyright 2024 Wire Service. Read more.'; dists.push(hammingDistance(simhash(b),simhash(syn)));
 for (let j=i+1;j<bodies.length;j++){ const d=hammingDistance(simhash(b),simhash(bodies[j]!)); if (d<=3) near++; minDiff=Math.min(minDiff,d);} }
dists.sort((a,b)=>a-b); console.log('docs',bodies.length,'syndicated dist median',dists[dists.length>>1],'p90',dists[Math.floor(dists.length*0.9)],'max',dists.at(-1),'<=3:',dists.filter(d=>d<=3).length,'distinct pairs <=3:',near,'min distinct',minDiff);
