import type { HarmonizedAlignment } from '../domain/analysis/harmonizedAlignment.js';

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * A harmonized-structure file that adds a standard's clauses to the shipped concepts, drafted from an alignment: one
 * entry per concept (id and clauses, no title, so it extends the concept defined by Crosswalk), each clause with a
 * comment saying what it was matched with. Meant to be read and corrected by a person before it is saved in the data
 * folder, where `crosswalk ims` and the explorer's IMS plan pick it up.
 */
export function exportHarmonizedDraft(alignment: HarmonizedAlignment, { frameworkName, generatedAt, nameOf }: { frameworkName: string; generatedAt: string; nameOf: (requirementId: string) => string }): string {
  const { frameworkId } = alignment;
  const lines = [
    `# Drafted by "crosswalk ims align --framework ${frameworkId}" on ${generatedAt.slice(0, 10)}.`,
    '# Each clause below has the number and a like title of a clause that realises the same concept of the harmonized',
    '# structure in a standard Crosswalk ships. This is a proposal: check every clause against the standard, remove or',
    '# move what does not hold, place the clauses listed at the end by hand, then save the file in the data folder',
    `# (for example data/mappings/harmonized-${frameworkId}.yaml). "crosswalk validate" checks it.`,
    'description: >-',
    `  Clauses of ${oneLine(frameworkName)} that realise concepts of the harmonized structure (drafted from clause numbers and titles; reviewed by: …).`,
    'harmonizedClauses:',
  ];
  for (const concept of alignment.concepts) {
    lines.push(`  - id: ${concept.conceptId}`, `    # ${oneLine(concept.conceptTitle)}`);
    for (const clause of concept.clauses)
      lines.push(`    # ${clause.ref} "${oneLine(clause.title)}" ~ ${nameOf(clause.matches.requirementId)} "${oneLine(clause.matches.title)}"`);
    lines.push('    clauses:', `      ${frameworkId}: [${concept.clauses.map((c) => JSON.stringify(c.ref)).join(', ')}]`);
  }
  if (!alignment.concepts.length) lines.push('  []');
  if (alignment.unmatched.length) {
    lines.push('# Not placed: add these where they belong, or leave them as this standard\'s own additions:');
    for (const clause of alignment.unmatched) lines.push(`#   ${clause.ref} "${oneLine(clause.title)}"`);
  }
  return `${lines.join('\n')}\n`;
}
