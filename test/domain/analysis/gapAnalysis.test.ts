import { describe, expect, it } from 'vitest';
import { coverageOf } from '../../../server/domain/analysis/coverage.js';
import { buildCoverageIndex } from '../../../server/domain/analysis/coverageIndex.js';
import { gapAnalysis, type GapReport } from '../../../server/domain/analysis/gapAnalysis.js';
import { overlapBand, overlapPhrase } from '../../../server/domain/analysis/overlapBands.js';
import { buildEvidenceIndex } from '../../../server/domain/analysis/sources.js';
import { NotFoundError } from '../../../server/domain/errors.js';
import { inverseRelationship } from '../../../server/domain/relationships.js';
import { contentDirs } from '../../../server/config.js';
import { loadContent } from '../../../server/content/loadContent.js';
import { bundleOf, evidence, framework, map, noCounterpart } from './fixtures.js';
import type { Relationship } from '../../../server/domain/schemas/mapping.js';

const content = bundleOf(
  [
    ...framework('h', ['a', 'b', 'c', 'd', 'e']),
    ...framework('t', ['1', '1.1', '1.2', '2', '3', '4', '5', '6', '6.1', '6.2', '7', '7.1'], { informative: ['4'] }),
  ],
  [
    map('h:a', 'equivalent-to', 't:1.1'),
    map('h:b', 'intersects-with', 't:1.2'),
    map('h:c', 'superset-of', 't:5', { status: 'proposed' }),
    map('h:d', 'superset-of', 't:6'),
    map('h:e', 'intersects-with', 't:7'),
    map('h:a', 'intersects-with', 't:4'),
  ],
  [noCounterpart('t:2', 'h', 'Nothing in h is about t:2.')],
);
const index = buildCoverageIndex(content);
const have = { kind: 'frameworks' as const, frameworkIds: ['h'] };
const row = (report: GapReport, ref: string) => report.rows.find((r) => r.ref === ref)!;

describe('gapAnalysis', () => {
  const report = gapAnalysis(index, { have, target: 't' });

  it('marks each requirement covered, partial or uncovered, with its basis and the mappings used', () => {
    expect(row(report, '1.1')).toMatchObject({ status: 'covered', basis: 'mapping', contributions: [{ sourceId: 'h:a', path: [{ mappingId: 'h:a -> t:1.1', relationship: 'equivalent-to' }] }] });
    expect(row(report, '1.1').reasons[0]).toBe('full: h:a → [equivalent-to, strength 8] t:1.1');
    expect(row(report, '1.1').reasons).toContain('note on h:a -> t:1.1: h:a equivalent-to t:1.1');
    expect(row(report, '1.2')).toMatchObject({ status: 'partial', basis: 'mapping' });
    expect(row(report, '1.2').reasons[0]).toMatch(/the rest needs its own evidence/);
  });

  it('flags a full step that a further source reads as carrying less, in the direction of travel, and not one it agrees with', () => {
    const other = (source: string, relationship: Relationship) => ({ relationship, provenance: { source, author: 'x', created: '2026-01-01' } });
    const contested = bundleOf(
      [...framework('h', ['a', 'b']), ...framework('t', ['1', '2'])],
      [
        // Stored t → h and crossed backwards: the vendor's "t:1 superset-of h:a" is "h:a subset-of t:1" on the way.
        map('t:1', 'equivalent-to', 'h:a', { alsoStatedBy: [other('Vendor', 'superset-of'), other('Agrees', 'equal-to')] }),
        map('h:b', 'superset-of', 't:2', { alsoStatedBy: [other('Skeptic', 'no-relationship'), other('Generous', 'equal-to')] }),
      ],
    );
    const result = gapAnalysis(buildCoverageIndex(contested), { have, target: 't' });
    expect(row(result, '1').status).toBe('covered');
    expect(row(result, '1').contributions[0]!.path[0]!.contestedBy).toEqual([{ source: 'Vendor', relationship: 'subset-of' }]);
    expect(row(result, '1').reasons).toContain('contested: Vendor reads h:a → t:1 as subset-of, which would carry only part of it');
    expect(row(result, '2').reasons.filter((r) => r.startsWith('contested'))).toEqual(['contested: Skeptic reads h:b → t:2 as no-relationship, which would carry nothing']);
    expect(row(gapAnalysis(index, { have, target: 't' }), '1.1').reasons.some((r) => r.startsWith('contested'))).toBe(false);
  });

  it('tells "reviewed: no counterpart" apart from "not mapped yet"', () => {
    expect(row(report, '2')).toMatchObject({ status: 'uncovered', noCounterparts: [{ otherFrameworkId: 'h', note: 'Nothing in h is about t:2.' }] });
    expect(row(report, '2').reasons[0]).toBe('reviewed: no counterpart in h — Nothing in h is about t:2.');
    expect(row(report, '3').status).toBe('uncovered');
    expect(row(report, '3').reasons[0]).toMatch(/^not mapped to h yet/);
  });

  it('counts only approved mappings and names the proposed ones that would change the answer', () => {
    expect(row(report, '5')).toMatchObject({ status: 'uncovered', pending: [{ mappingId: 'h:c -> t:5', otherId: 'h:c', relationship: 'superset-of', status: 'proposed' }] });
    expect(row(report, '5').reasons.at(-1)).toMatch(/1 proposed mapping not counted until approved/);
    expect(row(gapAnalysis(index, { have, target: 't', statuses: ['approved', 'proposed'] }), '5').status).toBe('covered');
    // An imported crosswalk arrives proposed: the report says how many mappings of the held framework wait for review.
    expect(report.warnings).toEqual(['1 proposed mapping(s) of h are not followed until a person approves them: review them, or include proposed mappings (--include-proposed in the CLI, includeProposed in the API, "include proposed mappings" in the explorer)']);
    expect(gapAnalysis(index, { have, target: 't', statuses: ['approved', 'proposed'] }).warnings).toEqual([]);
  });

  it('covers children of a parent covered in full, rolls parents up, and never lets partial parent coverage reach a child', () => {
    expect(row(report, '6.1')).toMatchObject({ status: 'covered', basis: 'parent', inheritedFrom: { requirementId: 't:6' } });
    expect(row(report, '6')).toMatchObject({ assessable: false, status: 'covered', basis: 'rollup', rollup: { covered: 2, partial: 0, uncovered: 0 } });
    expect(row(report, '1')).toMatchObject({ assessable: false, status: 'partial', rollup: { covered: 1, partial: 1, uncovered: 0 } });
    expect(row(report, '7.1')).toMatchObject({ status: 'uncovered' });
    expect(row(report, '7.1').reasons).toContain('its parent t:7 is partly covered as a whole, which says nothing about this part');
    expect(row(report, '7')).toMatchObject({ status: 'uncovered', basis: 'rollup' });
    expect(row(report, '7').reasons[0]).toMatch(/reached as a whole: partial/);
  });

  it('counts assessable requirements only (no parents, nothing informative) in a consistent summary', () => {
    expect(row(report, '4')).toMatchObject({ assessable: false });
    expect(row(report, '4').reasons[0]).toBe('informative: not counted');
    expect(report.summary).toEqual({
      assessable: 8, covered: 3, partial: 1, uncovered: 4, coveredDirectly: 0, coveredByMapping: 1, coveredByParent: 2,
      uncoveredNoCounterpart: 1, uncoveredNotMapped: 3, notAssessable: 4, withPendingMappings: 1,
      partialByOverlap: { mostlySimilar: 0, aboutHalf: 1, mostlyDissimilar: 0, unrated: 0 }, // t:1.2 through a strength-4 intersection
    });
    // t:3, t:5 (only a proposed mapping) and t:7.1 have no approved mapping and no record.
    expect(report.rows.map((r) => r.ref)).toEqual(['1', '1.1', '1.2', '2', '3', '4', '5', '6', '6.1', '6.2', '7', '7.1']);
  });

  it('starts from a list of requirements, sub-requirements included, and satisfies a target requirement itself directly', () => {
    const fromList = gapAnalysis(index, { have: { kind: 'requirements', requirementIds: ['h:a', 't:6', 'h:404', 't:06.1'] }, target: 't' });
    expect(row(fromList, '1.1').status).toBe('covered');
    expect(row(fromList, '1.2').status).toBe('uncovered');
    expect(row(fromList, '6.1')).toMatchObject({ status: 'covered', basis: 'direct' });
    // An id written otherwise than a known one gets a hint.
    expect(fromList.warnings).toEqual(['unknown requirement "h:404" ignored', 'unknown requirement "t:06.1" ignored (did you mean t:6.1?)']);
  });

  it('starts from evidence: expired items and items out of scope count for nothing, and say so', () => {
    const items = [evidence('EV-1'), evidence('EV-2', { expires: '2026-03-01' }), evidence('EV-3', { scope: ['h'] })];
    const links = [
      { kind: 'requirement' as const, evidenceId: 'EV-1', requirementId: 'h:a' },
      { kind: 'requirement' as const, evidenceId: 'EV-2', requirementId: 'h:b' },
      { kind: 'requirement' as const, evidenceId: 'EV-3', requirementId: 'h:d' },
    ];
    const byEvidence = gapAnalysis(index, { have: { kind: 'evidence', evidence: items, links, asOf: '2026-06-01' }, target: 't' });
    expect(row(byEvidence, '1.1')).toMatchObject({ status: 'covered', contributions: [{ evidenceIds: ['EV-1'] }] });
    expect(row(byEvidence, '1.2')).toMatchObject({ status: 'uncovered', expired: [{ sourceId: 'h:b', evidenceIds: ['EV-2'] }] });
    expect(row(byEvidence, '1.2').reasons.join('\n')).toMatch(/expired evidence would reach it: EV-2/);
    expect(row(byEvidence, '6.1').status).toBe('uncovered');
    expect(byEvidence.warnings).toEqual(['evidence "EV-3" is not in scope for t and does not count']);
    expect(byEvidence.asOf).toBe('2026-06-01');
  });

  it('gives the same answer from an evidence index built once, and refuses one built for other content', () => {
    const items = [evidence('EV-1'), evidence('EV-2', { expires: '2026-03-01' })];
    const links = [
      { kind: 'requirement' as const, evidenceId: 'EV-2', requirementId: 'h:b' },
      { kind: 'requirement' as const, evidenceId: 'EV-1', requirementId: 'h:a' },
      { kind: 'requirement' as const, evidenceId: 'EV-1', requirementId: 'h:d' },
    ];
    const fromArrays = gapAnalysis(index, { have: { kind: 'evidence', evidence: items, links, asOf: '2026-06-01' }, target: 't' });
    const evidenceIndex = buildEvidenceIndex(index, { evidence: items, links });
    expect(gapAnalysis(index, { have: { kind: 'evidence', evidenceIndex, asOf: '2026-06-01' }, target: 't' })).toEqual(fromArrays);
    const other = buildCoverageIndex(content);
    expect(() => gapAnalysis(other, { have: { kind: 'evidence', evidenceIndex, asOf: '2026-06-01' }, target: 't' })).toThrow(/another coverage index/);
  });

  it('weighs every source but lists only the best paths, full ones first', () => {
    const many = bundleOf(
      [...framework('s', ['1', '2', '3', '4', '5', '6']), ...framework('u', ['1', '2'])],
      [...['1', '2', '3', '4', '5'].flatMap((n) => [map(`s:${n}`, 'intersects-with', 'u:1'), map(`s:${n}`, 'intersects-with', 'u:2')]), map('s:6', 'equal-to', 'u:1')],
    );
    const capped = gapAnalysis(many, { have: { kind: 'frameworks', frameworkIds: ['s'] }, target: 'u', maxContributions: 2 });
    expect(row(capped, '1')).toMatchObject({ status: 'covered', sourceCount: 6, contributions: [{ sourceId: 's:6', coverage: 'full' }, { sourceId: 's:1', coverage: 'partial' }] });
    expect(row(capped, '2')).toMatchObject({ status: 'partial', sourceCount: 5 });
    expect(row(capped, '2').contributions).toHaveLength(2);
    expect(row(capped, '2').reasons[0]).toMatch(/^partial from 5 sources \(best: s:1 → /);
    expect(() => gapAnalysis(many, { have: { kind: 'frameworks', frameworkIds: ['s'] }, target: 'u', maxContributions: 0 })).toThrow(/maxContributions/);
  });

  it('refuses an unknown framework', () => {
    expect(() => gapAnalysis(index, { have, target: 'nope' })).toThrow(NotFoundError);
    expect(() => gapAnalysis(index, { have: { kind: 'frameworks', frameworkIds: ['nope'] }, target: 't' })).toThrow(NotFoundError);
  });
});

describe('overlap bands of partial coverage', () => {
  it('reads a strength on the OLIR scale and words the counts, leaving out an empty "unrated"', () => {
    expect([10, 7, 6, 4, 3, 0, undefined].map(overlapBand)).toEqual(['mostlySimilar', 'mostlySimilar', 'aboutHalf', 'aboutHalf', 'mostlyDissimilar', 'mostlyDissimilar', 'unrated']);
    expect(overlapPhrase({ mostlySimilar: 4, aboutHalf: 2, mostlyDissimilar: 1, unrated: 0 })).toBe('4 mostly similar (strength 7–10), 2 about half (4–6), 1 mostly dissimilar (0–3)');
    expect(overlapPhrase({ mostlySimilar: 0, aboutHalf: 0, mostlyDissimilar: 0, unrated: 3 })).toBe('0 mostly similar (strength 7–10), 0 about half (4–6), 0 mostly dissimilar (0–3), 3 unrated');
  });
});

describe('gapAnalysis on the shipped content: ISO/IEC 27001:2022 certified, adding ISO/IEC 42001:2023', () => {
  const { bundle } = loadContent(contentDirs({ dataDir: '/nonexistent-crosswalk-data' }));
  const report = gapAnalysis(bundle, { have: { kind: 'frameworks', frameworkIds: ['iso27001-2022'] }, target: 'iso42001-2023' });
  const at = (ref: string) => row(report, ref);

  it('leaves the AI system impact assessment uncovered, citing the reviewed "no counterpart" record', () => {
    for (const ref of ['6.1.4', '8.4', 'A.5.2']) {
      expect(at(ref).status).toBe('uncovered');
      expect(at(ref).reasons[0]).toMatch(/^reviewed: no counterpart in iso27001-2022 — /);
    }
  });

  it('covers or partly covers the harmonized clauses exactly as the direct reviewed mappings say', () => {
    const direct = bundle.mappings.filter(
      (m) => m.status === 'approved' && [m.source, m.target].some((id) => id.startsWith('iso27001-2022:')) && [m.source, m.target].some((id) => id.startsWith('iso42001-2023:')),
    );
    const harmonized = new Set(bundle.harmonizedClauses.flatMap((c) => c.requirementIds).filter((id) => id.startsWith('iso42001-2023:')));
    let checked = 0;
    for (const m of direct) {
      const target = m.source.startsWith('iso42001-2023:') ? m.source : m.target;
      const relationship = m.source === target ? inverseRelationship(m.relationship) : m.relationship;
      const r = report.rows.find((x) => x.requirementId === target)!;
      if (!r.assessable) continue;
      if (coverageOf(relationship) === 'full') expect(r.status, target).toBe('covered');
      else expect(['covered', 'partial'], target).toContain(r.status);
      if (harmonized.has(target)) checked++;
    }
    expect(checked).toBeGreaterThan(20);
    expect(at('7.5.3').status).toBe('covered');
    expect(at('7.5.3').contributions[0]).toMatchObject({ sourceId: 'iso27001-2022:7.5.3', path: [{ relationship: 'equivalent-to' }] });
    expect(at('4.1')).toMatchObject({ status: 'partial', contributions: [{ sourceId: 'iso27001-2022:4.1', path: [{ relationship: 'intersects-with' }] }] });
    expect(at('6.1.2')).toMatchObject({ status: 'partial', contributions: [{ sourceId: 'iso27001-2022:6.1.2', path: [{ relationship: 'intersects-with' }] }] });
  });

  it('never counts an ISMS context, policy or objectives as the AI management system’s own: only subject-free procedures carry over in full', () => {
    for (const ref of ['4.1', '4.3', '5.2', '6.2', '9.2.2', '9.3.1']) expect(at(ref).status, ref).toBe('partial');
    const clausesCovered = report.rows.filter((r) => r.assessable && r.status === 'covered' && !r.requirementId.includes(':A.')).map((r) => r.requirementId);
    expect(clausesCovered.sort()).toEqual(['iso42001-2023:10.2', 'iso42001-2023:7.5.2', 'iso42001-2023:7.5.3']);
  });

  it('tells the partial rows apart by how much the best path overlaps them, and counts each once', () => {
    const { partial, partialByOverlap } = report.summary;
    expect(partialByOverlap.mostlySimilar + partialByOverlap.aboutHalf + partialByOverlap.mostlyDissimilar + partialByOverlap.unrated).toBe(partial);
    const bandOf = (ref: string) => overlapBand(Math.max(...at(ref).contributions.map((c) => c.weakestStrength!)));
    expect(at('4.1').overlap).toBe('mostlySimilar'); // strength 8: the ISMS context analysis, extended to AI
    expect(at('6.1.2').overlap).toBe('aboutHalf'); // strength 6: a different kind of risk
    expect(at('7.5.3').overlap).toBeUndefined(); // covered
    expect(at('6.1')).toMatchObject({ basis: 'rollup', status: 'partial' });
    expect(at('6.1').overlap).toBeUndefined(); // a roll-up speaks for its parts
    const partialRows = report.rows.filter((r) => r.assessable && r.status === 'partial');
    for (const r of partialRows) expect(r.overlap, r.ref).toBe(bandOf(r.ref));
    expect(partialRows.filter((r) => r.overlap === 'mostlySimilar')).toHaveLength(partialByOverlap.mostlySimilar);
    expect(partialByOverlap.mostlySimilar).toBeGreaterThan(0);
    expect(partialByOverlap.aboutHalf).toBeGreaterThan(0);
  });

  it('rolls clause 6 up from its parts and keeps the informative Annex C out of the counts', () => {
    expect(at('6.1')).toMatchObject({ basis: 'rollup', status: 'partial' });
    expect(at('C.2.1').assessable).toBe(false);
    const { summary } = report;
    expect(summary.covered + summary.partial + summary.uncovered).toBe(summary.assessable);
    expect(summary.assessable).toBe(report.rows.filter((r) => r.assessable).length);
    expect(summary.uncoveredNoCounterpart).toBe(report.rows.filter((r) => r.assessable && r.status === 'uncovered' && r.noCounterparts.length).length);
  });
});
