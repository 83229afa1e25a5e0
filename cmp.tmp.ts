import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import YAML from 'yaml';
import { importCisoAssistantLibrary } from './server/interop/cisoAssistant.ts';
const repo='/work/.mirror/intuitem+ciso-assistant-community/repo';
const pairs: [string,string][] = [['iso42001-2023.yaml','iso42001-2023'],['iso27001-2022.yaml','iso27001-2022'],['nist-ai-rmf-1.0.yaml','nist-ai-rmf-1.0'],['ai-act.yaml','eu-ai-act-2024-1689']];
const norm=(s:string)=>s.toLowerCase().replace(/[’']/g,"'").replace(/[^a-z0-9']+/g,' ').trim();
for (const [ca, ours] of pairs) {
  const text = execSync(`git -C ${repo} show HEAD:backend/library/libraries/${ca}`, {maxBuffer: 1<<28}).toString();
  const r = importCisoAssistantLibrary(text, { file: ca, today: '2026-11-24' } as any);
  const cat = r.catalogs[0];
  const theirs = new Map(cat.requirements.map((q:any)=>[q.ref, q.title ?? '']));
  const seed = YAML.parse(readFileSync(`seeds/${ours}.yaml`,'utf8'));
  const mine = new Map(seed.requirements.map((q:any)=>[String(q.ref), q.title ?? '']));
  let same=0, diff:string[]=[], onlyMine:string[]=[];
  for (const [ref,t] of mine) { if (!theirs.has(ref)) { onlyMine.push(ref); continue;} const u=theirs.get(ref)!; if (norm(t)===norm(u)) same++; else diff.push(`${ref}: ours "${t}" | CA "${u}"`); }
  const onlyTheirs=[...theirs.keys()].filter(k=>!mine.has(k));
  console.log(`\n## ${ours}: ours ${mine.size}, CA ${theirs.size}, same title ${same}, differ ${diff.length}`);
  console.log(' only ours:', onlyMine.slice(0,40).join(' '));
  console.log(' only CA:', onlyTheirs.slice(0,40).join(' '));
  for (const d of diff.slice(0,60)) console.log('  ', d);
}
