import { rowLabel } from '../../domain/analysis/rowLabel.js';
import { InputError, NotFoundError } from '../../domain/errors.js';
import { EXACT_MATCH_SCORE, type MappingView, type SearchHit } from '../../domain/graph.js';
import { frameworkOf } from '../../domain/ids.js';
import { unknownFramework } from '../../domain/likelyMeant.js';
import type { Status } from '../../domain/schemas/mapping.js';
import type { Requirement } from '../../domain/schemas/requirement.js';
import { AnalysisContent } from '../../services/analysis.js';
import { searchRequirements } from '../../services/searchRequirements.js';
import type { GraphStore } from '../../store/types.js';
import { withLoadedStore } from '../analysisSupport.js';
import { parseCommandArgs } from '../args.js';

const SEARCH_LIMIT_MAX = 200;

async function checkedFramework(store: GraphStore, command: string, id: string | undefined): Promise<string | undefined> {
  if (!id) return undefined;
  const known = (await store.listFrameworks()).map((f) => f.id);
  if (known.includes(id)) return id;
  throw new NotFoundError(`${command}: ${unknownFramework(id, known)}`);
}

/** `crosswalk search TEXT…`: requirements by id, ref (however it is spelt), title or summary, best first. */
export async function searchCommand(argv: string[]) {
  const { values, positionals } = parseCommandArgs('search', argv, { framework: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } }, { positionals: true });
  const text = positionals.join(' ').trim();
  if (!text) throw new InputError('search: give the words, id or ref to look for, e.g. crosswalk search "impact assessment" or crosswalk search "Art. 26"');
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMIT_MAX) throw new InputError(`search: --limit must be a whole number from 1 to ${SEARCH_LIMIT_MAX}, got "${values.limit}"`);
  const hits = await withLoadedStore(async (store) => {
    const frameworkId = await checkedFramework(store, 'search', values.framework as string | undefined);
    return searchRequirements(store, new AnalysisContent(store), { text, limit, ...(frameworkId ? { frameworkId } : {}) });
  });
  if (values.json) {
    console.log(JSON.stringify(hits.map(({ requirement, score }) => ({ ...requirement, score, exact: score >= EXACT_MATCH_SCORE })), null, 2));
    return;
  }
  if (!hits.length) {
    console.log(`Nothing matches "${text}".`);
    return;
  }
  for (const line of searchLines(hits)) console.log(line);
  console.log(`\n${hits.length} shown. "crosswalk show ID" gives a requirement with its mappings.`);
}

function searchLines(hits: SearchHit[]): string[] {
  const width = Math.min(48, Math.max(...hits.map((h) => h.requirement.id.length)));
  return hits.map(({ requirement, score }) => `${score >= EXACT_MATCH_SCORE ? '=' : ' '} ${requirement.id.padEnd(width)}  ${requirement.kind.padEnd(12)} ${rowLabel(requirement)}`);
}

/** `crosswalk show ID`: one requirement, where it sits, and every mapping and "no counterpart" record it has. */
export async function showCommand(argv: string[]) {
  const { values, positionals } = parseCommandArgs('show', argv, { 'include-rejected': { type: 'boolean' }, json: { type: 'boolean' } }, { positionals: true });
  const typed = positionals.join(' ').trim();
  if (!typed) throw new InputError('show: give a requirement id, e.g. crosswalk show "iso42001-2023:A.6.2.4" (crosswalk search finds one)');
  const statuses: Status[] = values['include-rejected'] ? ['approved', 'proposed', 'rejected'] : ['approved', 'proposed'];
  const shown = await withLoadedStore(async (store) => {
    const id = await resolveRequirement(store, typed);
    const detail = (await store.requirementDetail(id, { statuses }))!;
    const others = new Map((await store.getRequirements(detail.mappings.map((v) => v.otherId))).map((r) => [r.id, r]));
    const noCounterparts = await store.listNoCounterparts({ requirementId: id });
    return { ...detail, others, noCounterparts };
  });
  if (values.json) {
    const { others, ...detail } = shown;
    console.log(JSON.stringify({ ...detail, mappings: detail.mappings.map((v) => ({ ...v, other: others.get(v.otherId) })) }, null, 2));
    return;
  }
  for (const line of showLines(shown)) console.log(line);
}

/** The id typed, or the one requirement a search names exactly ("42001 A.6.2.4", "Art 26"); else a clear refusal. */
async function resolveRequirement(store: GraphStore, typed: string): Promise<string> {
  if ((await store.getRequirements([typed])).length) return typed;
  const hits = await searchRequirements(store, new AnalysisContent(store), { text: typed, limit: 10 });
  const exact = hits.filter((h) => h.score >= EXACT_MATCH_SCORE);
  if (exact.length === 1) return exact[0]!.requirement.id;
  const candidates = (exact.length ? exact : hits).slice(0, 5).map((h) => `"${h.requirement.id}"`);
  throw new NotFoundError(
    `show: "${typed}" names ${exact.length > 1 ? 'several requirements' : 'no requirement'}` +
      (candidates.length ? `; did you mean ${candidates.join(' or ')}?` : '; "crosswalk search" finds one by its words'),
  );
}

function showLines({ requirement, ancestors, children, mappings, others, noCounterparts }: {
  requirement: Requirement; ancestors: Requirement[]; children: Requirement[]; mappings: MappingView[];
  others: Map<string, Requirement>; noCounterparts: Array<{ otherFrameworkId: string; note: string; status: string }>;
}): string[] {
  const lines = [`${requirement.id} (${requirement.kind}) ${rowLabel(requirement)}`];
  if (requirement.title.trim() && requirement.summary) lines.push(`  ${requirement.summary}`);
  if (ancestors.length) lines.push(`  within: ${ancestors.map((a) => `${a.ref} ${rowLabel(a)}`).join(' › ')}`);
  if (children.length) lines.push(`  parts: ${children.map((c) => c.ref).join(', ')}`);
  const tags = requirement.tags.filter((t) => !t.startsWith('oscal-id:') && !t.startsWith('ciso-urn:'));
  if (tags.length) lines.push(`  tags: ${tags.join(', ')}`);
  lines.push('', mappings.length ? `Mappings (${mappings.length}), read from this requirement:` : 'Mappings: none.');
  const byFramework = new Map<string, MappingView[]>();
  for (const view of mappings) byFramework.set(frameworkOf(view.otherId), [...(byFramework.get(frameworkOf(view.otherId)) ?? []), view]);
  const place = (view: MappingView) => others.get(view.otherId)?.order ?? Number.MAX_SAFE_INTEGER;
  for (const [frameworkId, views] of byFramework) {
    lines.push(`  ${frameworkId}`);
    for (const { mapping, otherId, relationship } of [...views].sort((a, b) => place(a) - place(b))) {
      const other = others.get(otherId);
      lines.push(`    ${relationship.padEnd(15)} ${otherId.slice(frameworkId.length + 1)} ${other ? rowLabel(other) : ''}`.trimEnd());
      lines.push(`      strength ${mapping.strength}, ${mapping.rationale}, ${mapping.status}${mapping.status === 'proposed' ? ' (not reviewed yet)' : ''}; ${mapping.provenance.source}`);
      if (mapping.note) lines.push(`      ${mapping.note}`);
    }
  }
  if (noCounterparts.length) {
    lines.push('', 'Reviewed as having no counterpart:');
    for (const n of noCounterparts) lines.push(`  in ${n.otherFrameworkId} (${n.status}): ${n.note}`);
  }
  return lines;
}
