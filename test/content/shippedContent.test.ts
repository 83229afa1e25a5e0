import { beforeAll, describe, expect, it } from 'vitest';
import { contentDirs } from '../../server/config.js';
import { loadContent, type LoadedContent } from '../../server/content/loadContent.js';
import { frameworkOf } from '../../server/domain/ids.js';
import { computeStats } from '../../server/domain/stats.js';
import { findUnmapped } from '../../server/domain/unmapped.js';

let content: LoadedContent;
beforeAll(() => {
  content = loadContent(contentDirs({ dataDir: '/nonexistent-crosswalk-data' }));
});
const ids = () => new Set(content.bundle.requirements.map((r) => r.id));
const refsOf = (fw: string, kind?: string) => content.bundle.requirements.filter((r) => r.frameworkId === fw && (!kind || r.kind === kind)).map((r) => r.ref);

describe('shipped catalogs', () => {
  it('validate without errors or warnings', () => {
    expect(content.problems).toEqual([]);
  });

  it.each([
    ['iso42001-2023', { clause: 43, annex: 2, objective: 9, 'sub-objective': 2, control: 38, section: 2, 'organizational-objective': 11, 'risk-source': 7 }],
    ['iso27001-2022', { clause: 41, annex: 1, theme: 4, control: 93 }],
    ['nist-ai-rmf-1.0', { function: 4, category: 19, subcategory: 72 }],
    ['nist-ai-600-1', { section: 1, risk: 12 }],
  ])('%s has exactly the published number of requirements of each kind', (fw, counts) => {
    expect(computeStats(content.bundle).frameworks.find((f) => f.id === fw)!.counts).toEqual(counts);
  });

  it('has the EU AI Act\'s 13 chapters, 113 articles and 13 annexes, numbered without gaps', () => {
    const counts = computeStats(content.bundle).frameworks.find((f) => f.id === 'eu-ai-act-2024-1689')!.counts;
    expect(counts).toMatchObject({ chapter: 13, article: 113, annex: 13 });
    expect(refsOf('eu-ai-act-2024-1689', 'article')).toEqual(Array.from({ length: 113 }, (_, i) => `Art. ${i + 1}`));
    const art50 = content.bundle.requirements.find((r) => r.id === 'eu-ai-act-2024-1689:Art. 50')!;
    expect(art50.title).toMatch(/providers and deployers/);
    for (const paragraph of content.bundle.requirements.filter((r) => r.kind === 'paragraph' && r.frameworkId === 'eu-ai-act-2024-1689'))
      expect(paragraph.parentId).toBe(`eu-ai-act-2024-1689:${paragraph.ref.replace(/\(.*$/, '')}`);
  });

  it('tags an EU AI Act provision with an application date only when all of its parts apply on that date', () => {
    const datesOf = (tags: string[]) => tags.filter((t) => t.startsWith('applies:'));
    const requirements = content.bundle.requirements.filter((r) => r.frameworkId === 'eu-ai-act-2024-1689');
    const childDates = new Map<string, Set<string>>();
    for (const r of requirements) if (r.parentId) for (const date of datesOf(r.tags)) childDates.set(r.parentId, (childDates.get(r.parentId) ?? new Set()).add(date));
    const mixedButTagged = requirements.filter((r) => (childDates.get(r.id)?.size ?? 0) > 1 && datesOf(r.tags).length > 0).map((r) => r.ref);
    expect(mixedButTagged).toEqual([]);
    expect(datesOf(requirements.find((r) => r.ref === 'Art. 6(1)')!.tags)).toEqual(['applies:2027-08-02']);
  });

  it('has ISO 27001:2022 Annex A as 37/8/14/34 controls in four themes', () => {
    const controls = content.bundle.requirements.filter((r) => r.frameworkId === 'iso27001-2022' && r.kind === 'control');
    const byTheme = Object.fromEntries(['A.5', 'A.6', 'A.7', 'A.8'].map((t) => [t, controls.filter((c) => c.parentId === `iso27001-2022:${t}`).length]));
    expect(byTheme).toEqual({ 'A.5': 37, 'A.6': 8, 'A.7': 14, 'A.8': 34 });
  });

  it('has the 42001 subclauses public copies often miss', () => {
    expect(refsOf('iso42001-2023', 'clause')).toEqual(expect.arrayContaining(['6.1.1', '6.1.2', '6.1.3', '6.1.4', '7.5.1', '7.5.2', '7.5.3', '9.2.1', '9.2.2', '9.3.1', '9.3.2', '9.3.3', '8.2', '8.3', '8.4']));
  });

  it('has both 27701 editions and 9001:2015 to three levels', () => {
    expect(refsOf('iso27701-2019', 'control')).toHaveLength(49);
    expect(refsOf('iso27701-2025', 'control').length).toBeGreaterThan(0);
    expect(refsOf('iso9001-2015', 'clause')).toEqual(expect.arrayContaining(['7.1.5', '7.1.5.1', '8.3.4', '10.3']));
  });

  it('keeps every id unique and every parent inside its own framework', () => {
    const all = ids();
    expect(all.size).toBe(content.bundle.requirements.length);
    for (const r of content.bundle.requirements) {
      if (!r.parentId) continue;
      expect(all.has(r.parentId), `${r.id} has unknown parent ${r.parentId}`).toBe(true);
      expect(frameworkOf(r.parentId)).toBe(r.frameworkId);
    }
  });

  it('keeps summaries short own-words sentences (no pasted normative text)', () => {
    const long = content.bundle.requirements.filter((r) => (r.summary ?? '').length > 300).map((r) => r.id);
    expect(long).toEqual([]);
  });

  it('marks the HITRUST structure as licensed and any non-official id as synthetic', () => {
    for (const r of content.bundle.requirements.filter((x) => x.frameworkId === 'hitrust-ai')) {
      expect(r.tags).toContain('licensed');
      if (r.ref.startsWith('topic:') || r.ref.startsWith('assessment:')) expect(r.tags).toContain('synthetic');
    }
  });
});

describe('shipped crosswalks', () => {
  it.each(['nist-ai-rmf-1.0', 'eu-ai-act-2024-1689', 'iso27001-2022'])('give every 42001 clause and control an approved mapping or an explicit no-counterpart record to %s', (other) => {
    const report = findUnmapped(content.bundle, { from: 'iso42001-2023', to: other, kinds: ['clause', 'control'] });
    expect(report.total).toBe(81);
    expect(report.unmapped.map((r) => r.ref)).toEqual([]);
  });

  it('map every AI RMF subcategory to 42001', () => {
    const report = findUnmapped(content.bundle, { from: 'nist-ai-rmf-1.0', to: 'iso42001-2023', kinds: ['subcategory'] });
    expect(report).toMatchObject({ total: 72, mapped: 72 });
  });

  it('encode the NIST-listed AI RMF → 42001 crosswalk with that document as provenance', () => {
    const fromNist = content.bundle.mappings.filter((m) => m.provenance.source.includes('42001') && m.provenance.source.includes('Crosswalk') && frameworkOf(m.source) === 'nist-ai-rmf-1.0');
    expect(fromNist.length).toBeGreaterThan(200);
    expect(fromNist.every((m) => m.provenance.url?.includes('airc.nist.gov'))).toBe(true);
  });

  it('give every mapping a rationale, a strength and provenance with source, author and date', () => {
    for (const m of content.bundle.mappings) {
      expect(m.rationale).toMatch(/^(syntactic|semantic|functional)$/);
      expect(m.provenance.source && m.provenance.author && m.provenance.created).toBeTruthy();
    }
  });

  it('link every harmonized clause concept across all four management-system standards', () => {
    const standards = ['iso42001-2023', 'iso27001-2022', 'iso27701-2025', 'iso9001-2015'];
    expect(content.bundle.harmonizedClauses.length).toBeGreaterThanOrEqual(20);
    for (const concept of content.bundle.harmonizedClauses)
      expect(new Set(concept.requirementIds.map(frameworkOf)), concept.id).toEqual(new Set(standards));
  });

  it('join clause 10 on the concept, not the number (9001:2015 orders it differently)', () => {
    const continual = content.bundle.harmonizedClauses.find((c) => c.requirementIds.includes('iso42001-2023:10.1'))!;
    expect(continual.requirementIds).toContain('iso9001-2015:10.3');
    expect(continual.requirementIds).toContain('iso27001-2022:10.1');
    expect(continual.requirementIds).not.toContain('iso9001-2015:10.2');
  });

  it('never state the same pair twice across files', () => {
    const pairs = content.bundle.mappings.map((m) => [m.source, m.target].sort().join(' | '));
    expect(new Set(pairs).size).toBe(pairs.length);
  });
});
