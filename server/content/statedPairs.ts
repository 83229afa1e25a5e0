import type { Problem } from '../domain/errors.js';
import { inverseRelationship } from '../domain/relationships.js';
import type { Mapping } from '../domain/schemas/mapping.js';
import type { MappingFile } from './fileSchemas.js';

const EXAMPLES = 5;

/**
 * Moves out of imported mapping files the pairs Crosswalk already holds, in either direction, so a second crosswalk
 * that overlaps curated or earlier imported content still brings in what is new instead of being refused whole.
 * Crosswalk keeps one mapping per pair, so the one already there stays as it is, and each such entry becomes an
 * "alsoStated" entry of its file: on load it is attached to that mapping as a further source, with its own
 * relationship, strength and provenance. Pairs that agree (the same relationship, read in the same direction; a
 * strength is an estimate, often defaulted) are counted in one warning, and pairs that state another relationship are
 * listed in a second one, with both readings, for a person to review.
 */
export function withoutStatedPairs(mappingFiles: MappingFile[], stated: readonly Mapping[], file: string): { mappingFiles: MappingFile[]; problems: Problem[] } {
  const byPair = new Map<string, Mapping>();
  for (const m of stated) byPair.set(`${m.source}\u0000${m.target}`, m);
  const agreeing: string[] = [];
  const differing: string[] = [];
  const repeated: string[] = [];
  const kept = mappingFiles.map((mappingFile) => {
    const alsoStated = [...(mappingFile.alsoStated ?? [])];
    const mappings = mappingFile.mappings.filter((entry) => {
      const source = `${mappingFile.source}:${entry.source}`;
      const target = `${mappingFile.target}:${entry.target}`;
      const forward = byPair.get(`${source}\u0000${target}`);
      const backward = byPair.get(`${target}\u0000${source}`);
      const there = forward ?? backward;
      if (!there) return true;
      // A relationship stated of the stored pair, read from this entry's source.
      const read = (r: Mapping['relationship']) => (forward ? r : inverseRelationship(r));
      const relationship = read(there.relationship);
      const pair = `${source} → ${target}`;
      // The same file imported again without --replace: its source already stands behind the pair.
      const entrySource = sourceOf(mappingFile, entry.provenance);
      const byThisSource = [{ relationship: there.relationship, provenance: there.provenance }, ...(there.alsoStatedBy ?? [])].some((s) => s.provenance.source === entrySource && read(s.relationship) === entry.relationship);
      if (byThisSource) {
        repeated.push(pair);
        return false;
      }
      if (relationship === entry.relationship) agreeing.push(pair);
      else differing.push(`${pair}: here ${entry.relationship} ${entry.strength}, already ${relationship} ${there.strength} (${there.provenance.source}, ${there.status})`);
      const { source: from, target: to, relationship: stated, strength, provenance, note } = entry;
      alsoStated.push({ source: from, target: to, relationship: stated, strength, ...(provenance !== undefined ? { provenance } : {}), ...(note !== undefined ? { note } : {}) });
      return false;
    });
    return { ...mappingFile, mappings, ...(alsoStated.length ? { alsoStated } : {}) };
  });
  const problems: Problem[] = [];
  const examples = (pairs: string[]) => `${pairs.slice(0, EXAMPLES).join('; ')}${pairs.length > EXAMPLES ? `; and ${pairs.length - EXAMPLES} more` : ''}`;
  if (repeated.length)
    problems.push({ file, severity: 'warning', message: `${repeated.length} mapping(s) are already in Crosswalk from this same source and were left out (e.g. ${repeated.slice(0, 2).join('; ')}); to update an earlier import of this file, import it again with --replace` });
  if (agreeing.length)
    problems.push({ file, severity: 'warning', message: `${agreeing.length} mapping(s) are already in Crosswalk with the same relationship: this file is recorded as a further source of each, not as a second mapping (e.g. ${agreeing.slice(0, 2).join('; ')})` });
  if (differing.length)
    problems.push({ file, severity: 'warning', message: `${differing.length} mapping(s) state another relationship than the mapping Crosswalk already holds for the pair, which is kept; this file's reading is recorded beside it as a further source, review them: ${examples(differing)}` });
  return { mappingFiles: kept.filter((m) => m.mappings.length || m.noCounterpart.length || m.alsoStated?.length), problems };
}

/** The source document an entry's provenance names: its named record, or its inline record over the file's default. */
function sourceOf(file: MappingFile, ref: MappingFile['defaults']['provenance']): string | undefined {
  const record = (r: MappingFile['defaults']['provenance']) => (typeof r === 'string' ? file.sources[r] : r);
  return typeof ref === 'string' ? file.sources[ref]?.source : (record(ref)?.source ?? record(file.defaults.provenance)?.source);
}
