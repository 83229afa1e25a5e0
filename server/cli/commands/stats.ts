import { contentDirs, dataDirFrom } from '../../config.js';
import { loadContent } from '../../content/loadContent.js';
import { computeStats, type ContentStats } from '../../domain/stats.js';
import { frameworkCitation } from '../../domain/citation.js';
import { contentFromStore, maybeSource, withStore, type ContentSource } from '../analysisSupport.js';
import { parseCommandArgs } from '../args.js';

/** Counts of the content files (what `load` would load), or of the store as it stands, reviews and all. */
export async function stats({ dataDir = dataDirFrom(), source = 'files' as ContentSource } = {}): Promise<ContentStats> {
  return computeStats(source === 'store' ? await withStore(contentFromStore) : loadContent(contentDirs({ dataDir })).bundle);
}

export function formatStats({ frameworks, mappings }: ContentStats): string {
  const lines = ['Frameworks'];
  for (const f of frameworks) {
    const kinds = Object.entries(f.counts).map(([kind, n]) => `${kind} ${n}`).join(', ');
    lines.push(`  ${f.id.padEnd(24)} ${frameworkCitation(f)}: ${f.total} requirements${kinds ? ` — ${kinds}` : ''}`);
  }
  lines.push('', 'Mappings');
  for (const m of mappings) {
    const rel = Object.entries(m.byRelationship).map(([k, n]) => `${k} ${n}`).join(', ');
    const st = Object.entries(m.byStatus).map(([k, n]) => `${k} ${n}`).join(', ');
    const further = m.alsoStated ? `; ${m.alsoStated} also stated by another source, ${m.disputed} of them read otherwise` : '';
    lines.push(`  ${m.source} → ${m.target}: ${m.total} (${rel}; ${st}${further})`);
  }
  return lines.join('\n');
}

export async function statsCommand(argv: string[]) {
  const { values } = parseCommandArgs('stats', argv, { source: { type: 'string' }, json: { type: 'boolean' } });
  const result = await stats({ source: maybeSource('stats', values.source, 'files') });
  if (values.json) {
    // The documented interface: frameworks without the convenience total.
    const frameworks = result.frameworks.map(({ id, name, edition, counts }) => ({ id, name, edition, counts }));
    console.log(JSON.stringify({ frameworks, mappings: result.mappings }, null, 2));
  } else console.log(formatStats(result));
}
