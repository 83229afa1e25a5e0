import { describe, expect, it } from 'vitest';
import type { GapRow, SoaRow } from '../../client/src/api/analysis.js';
import { citationsByFramework, filterControls, splitParts, validateMerge } from '../../client/src/lib/controls.js';
import { controlDownloads, crosswalkDownloads, gapDownloads, imsDownloads, soaDownloads } from '../../client/src/lib/downloads.js';
import { humanizeIds } from '../../client/src/lib/format.js';
import { emptyEvidenceDraft, isoToday, toEvidenceInput, validateEvidenceDraft } from '../../client/src/lib/evidenceForm.js';
import { gapShares, groupGapRows, mappingsUsed, parseGapParams } from '../../client/src/lib/gap.js';
import { hubMode } from '../../client/src/lib/hub.js';
import { additionsBySection, processCounts } from '../../client/src/lib/ims.js';
import { draftOf, filterSoaRows, groupByObjective, toSoaEntry, validateSoaDraft } from '../../client/src/lib/soa.js';

describe('downloads', () => {
  it('builds the REST report and export links', () => {
    expect(gapDownloads({ target: 'iso42001-2023', have: { kind: 'frameworks', frameworkIds: ['iso27001-2022', 'iso9001-2015'] } }, ['csv'])[0]!.href).toBe('/api/reports/gap?target=iso42001-2023&have=iso27001-2022%2Ciso9001-2015&format=csv');
    expect(gapDownloads({ target: 't', have: { kind: 'evidence', asOf: '2026-01-02' }, includeProposed: true }, ['xlsx'])[0]!.href).toBe('/api/reports/gap?target=t&evidence=true&asOf=2026-01-02&includeProposed=true&format=xlsx');
    expect(gapDownloads({ target: 't', have: { kind: 'frameworks', frameworkIds: ['h'] }, scope: ['role:deployer'] }, ['csv'])[0]!.href).toBe('/api/reports/gap?target=t&have=h&scope=role%3Adeployer&format=csv');
    expect(controlDownloads().map((d) => d.href)).toEqual(['csv', 'xlsx', 'json', 'oscal-catalog'].map((f) => `/api/reports/controls?format=${f}`));
    expect(controlDownloads({ frameworks: ['a', 'b'] }, ['json'])[0]!.href).toBe('/api/reports/controls?format=json&frameworks=a%2Cb');
    expect(imsDownloads(['a', 'b'], ['md'])[0]).toMatchObject({ href: '/api/reports/ims?standards=a%2Cb&format=md', label: 'Markdown' });
    expect(soaDownloads('iso42001-2023', ['csv'])[0]!.href).toBe('/api/reports/soa?framework=iso42001-2023&format=csv');
    expect(crosswalkDownloads('a', 'b').map((d) => d.href)).toEqual(['csv', 'xlsx', 'oscal-mapping', 'olir-csv'].map((f) => `/api/export?format=${f}&from=a&to=b`));
    expect(crosswalkDownloads('a', 'b')[3]!.description).toBe('Crosswalk a → b as NIST OLIR CSV');
  });
});

describe('hub mode', () => {
  it('follows the URL, else whichever start there is', () => {
    expect(hubMode({})).toBe('auto');
    expect(hubMode({ req: 'x:1' })).toBe('requirement');
    expect(hubMode({ ev: 'EV-1' })).toBe('evidence');
    expect(hubMode({ ev: 'EV-1', mode: 'requirement' })).toBe('requirement');
    expect(hubMode({ mode: 'evidence' })).toBe('evidence');
  });
});

describe('evidence form', () => {
  const ok = { ...emptyEvidenceDraft('2026-03-04'), id: 'EV-1', title: 'AI policy', owner: 'CISO', locationUri: 'https://intranet/ai-policy', requirementId: 'iso42001-2023:A.2.2' };
  it('accepts a complete draft and leaves empty optional fields out of the input', () => {
    expect(validateEvidenceDraft(ok)).toEqual({});
    expect(toEvidenceInput({ ...ok, title: ' AI policy ' })).toEqual({ id: 'EV-1', title: 'AI policy', type: 'policy', owner: 'CISO', locationUri: 'https://intranet/ai-policy', collected: '2026-03-04', scope: [] });
  });
  it('says what is wrong with each field', () => {
    const p = validateEvidenceDraft({ ...ok, id: 'EV 1', title: ' ', locationUri: 'intranet', expires: '2026-01-01', requirementId: '' });
    expect(Object.keys(p).sort()).toEqual(['expires', 'id', 'locationUri', 'requirementId', 'title']);
    expect(p.expires).toMatch(/before it was collected/);
    expect(validateEvidenceDraft({ ...ok, requirementId: '' }, { requireLink: false })).toEqual({});
  });
  it('gives today as YYYY-MM-DD', () => {
    expect(isoToday(new Date(2026, 0, 5, 12))).toBe('2026-01-05');
  });
});

const row = (id: string, depth: number, status: GapRow['status'], parentId?: string, extra: Partial<GapRow> = {}): GapRow => ({
  requirementId: id, ref: id.split(':')[1]!, title: id, kind: 'clause', depth, assessable: true, status, basis: 'none', reasons: [], contributions: [], sourceCount: 0,
  noCounterparts: [], blocked: [], pending: [], expired: [], ...(parentId ? { parentId } : {}), ...extra,
});

describe('gap analysis', () => {
  const rows = [row('t:6', 0, 'partial', undefined, { assessable: false }), row('t:6.1', 1, 'partial', 't:6', { assessable: false }), row('t:6.1.3', 2, 'covered', 't:6.1'), row('t:6.1.4', 2, 'uncovered', 't:6.1'), row('t:7', 0, 'covered')];

  it('reads its URL with defaults', () => {
    expect(parseGapParams({})).toMatchObject({ target: 'iso42001-2023', basis: 'frameworks', have: ['iso27001-2022'], maxPathLength: 2, show: [] });
    expect(parseGapParams({ target: 'iso27001-2022' }).have).toEqual([]);
    expect(parseGapParams({ evidence: 'true', have: 'x', len: '9', show: 'uncovered,bogus', asOf: 'nope' })).toEqual({ target: 'iso42001-2023', basis: 'evidence', have: [], includeProposed: false, maxPathLength: 2, show: ['uncovered'], scope: [] });
    expect(parseGapParams({ scope: 'role:deployer, role:provider' }).scope).toEqual(['role:deployer', 'role:provider']);
  });

  it('groups rows under their top-level requirement and keeps the ancestors of filtered rows as context', () => {
    const all = groupGapRows(rows);
    expect(all.sections.map((s) => [s.head.requirementId, s.rows.map((r) => r.requirementId)])).toEqual([['t:6', ['t:6.1', 't:6.1.3', 't:6.1.4']], ['t:7', []]]);
    const uncovered = groupGapRows(rows, ['uncovered']);
    expect(uncovered.sections.map((s) => [s.head.requirementId, s.rows.map((r) => r.requirementId)])).toEqual([['t:6', ['t:6.1', 't:6.1.4']]]);
    expect([...uncovered.context].sort()).toEqual(['t:6', 't:6.1']);
  });

  it('gives shares and the distinct mappings used', () => {
    expect(gapShares({ assessable: 4, covered: 2, partial: 1, uncovered: 1 })).toEqual({ covered: 0.5, partial: 0.25, uncovered: 0.25 });
    expect(gapShares({ assessable: 0, covered: 0, partial: 0, uncovered: 0 })).toEqual({ covered: 0, partial: 0, uncovered: 0 });
    const s = { mappingId: 'm1', from: 'a:1', to: 't:1', relationship: 'equal-to' as const, coverage: 'full' as const, strength: 9, status: 'approved' as const, rationale: 'semantic' as const };
    expect(mappingsUsed({ contributions: [{ sourceId: 'a:1', coverage: 'full', path: [s] }, { sourceId: 'a:2', coverage: 'full', path: [s] }] }).map((m) => m.mappingId)).toEqual(['m1']);
  });
});

describe('unified controls', () => {
  const control = { id: 'uc:a', title: 'Policy', description: 'd', requirementIds: ['x:1', 'y:2', 'x:3'], requirements: [{ id: 'x:1', frameworkId: 'x', ref: '1', title: 'One' }] };
  it('groups citations by framework in the chosen order', () => {
    expect(citationsByFramework(control, ['y', 'x'])).toEqual([
      { frameworkId: 'y', requirements: [{ id: 'y:2', ref: '2', title: '' }] },
      { frameworkId: 'x', requirements: [{ id: 'x:1', ref: '1', title: 'One' }, { id: 'x:3', ref: '3', title: '' }] },
    ]);
  });
  it('filters, checks merges and builds splits', () => {
    expect(filterControls([control], 'Y:2')).toHaveLength(1);
    expect(filterControls([control], 'nothing')).toHaveLength(0);
    expect(validateMerge(['a'])).toMatch(/at least two/);
    expect(validateMerge(['a', 'a'])).toMatch(/at least two/);
    expect(validateMerge(['a', 'b'])).toBeNull();
    expect(splitParts(control, { 'y:2': 1 }, ['', 'Second'])).toEqual({ parts: [{ title: 'Policy', requirementIds: ['x:1', 'x:3'] }, { title: 'Second', requirementIds: ['y:2'] }] });
    expect(splitParts(control, {}, ['', 'Second'])).toEqual({ error: 'move at least one requirement to the new control' });
    expect(splitParts(control, { 'x:1': 1, 'y:2': 1, 'x:3': 1 }, ['', 'S'])).toEqual({ error: 'leave at least one requirement in uc:a' });
    expect(splitParts(control, { 'y:2': 1 }, ['', ' '])).toEqual({ error: 'give the new control a title' });
  });
});

describe('IMS plan', () => {
  it('groups additions by section and counts shared clauses', () => {
    const add = (ref: string, section: string) => ({ requirementId: `a:${ref}`, ref, title: ref, kind: 'clause', section, related: [], noCounterparts: [] });
    expect(additionsBySection([add('6.1.4', '6 Planning'), add('8.2', '8 Operation'), add('8.3', '8 Operation')]).map((g) => [g.section, g.items.length])).toEqual([['6 Planning', 1], ['8 Operation', 2]]);
    const clause = (id: string, standardId: string, shared: boolean) => ({ requirementId: id, standardId, ref: id, title: id, shared, counterparts: [], noCounterparts: [] });
    const plan = {
      standards: ['a', 'b'],
      processes: [{ conceptId: 'c', title: 'C', summary: '', order: 0, standards: ['a', 'b'], missingIn: [], clauses: [{ standardId: 'a', items: [clause('a:1', 'a', true), clause('a:2', 'a', false)] }, { standardId: 'b', items: [clause('b:1', 'b', true)] }] }],
    };
    expect(processCounts(plan)).toEqual([{ standardId: 'a', clauses: 2, shared: 1 }, { standardId: 'b', clauses: 1, shared: 1 }]);
  });
});

describe('Statement of Applicability', () => {
  const soaRow = (ref: string, objective: string, extra: Partial<SoaRow> = {}): SoaRow => ({
    requirementId: `iso42001-2023:${ref}`, ref, title: ref, objective, decided: false, applicable: null, justification: '', implementationStatus: 'not-started', evidence: [], issues: ['no applicability decision recorded'], ...extra,
  });
  it('needs a justification to exclude a control, and an excluded control is not implemented', () => {
    const d = draftOf(soaRow('A.2.2', 'A.2'));
    expect(d).toEqual({ applicability: 'applicable', justification: '', implementationStatus: 'not-started' });
    expect(validateSoaDraft({ ...d, applicability: 'excluded' }).justification).toMatch(/justification/);
    expect(validateSoaDraft({ ...d, applicability: 'excluded', justification: 'No AI suppliers', implementationStatus: 'implemented' }).implementationStatus).toMatch(/not started/);
    expect(validateSoaDraft({ ...d, applicability: 'excluded', justification: 'No AI suppliers' })).toEqual({});
    expect(toSoaEntry('iso42001-2023', 'iso42001-2023:A.10.4', { applicability: 'excluded', justification: ' No AI suppliers ', implementationStatus: 'not-started' })).toEqual({
      frameworkId: 'iso42001-2023', requirementId: 'iso42001-2023:A.10.4', applicable: false, justification: 'No AI suppliers', implementationStatus: 'not-started',
    });
  });
  it('groups by objective and filters', () => {
    const rows = [soaRow('A.2.2', 'A.2'), soaRow('A.2.3', 'A.2', { decided: true, applicable: false, issues: [] }), soaRow('A.3.2', 'A.3')];
    expect(groupByObjective(rows).map((g) => [g.objective, g.rows.length])).toEqual([['A.2', 2], ['A.3', 1]]);
    expect(filterSoaRows(rows, 'undecided').map((r) => r.ref)).toEqual(['A.2.2', 'A.3.2']);
    expect(filterSoaRows(rows, 'excluded').map((r) => r.ref)).toEqual(['A.2.3']);
    expect(filterSoaRows(rows, 'issues')).toHaveLength(2);
  });
});

describe('humanizeIds', () => {
  const fws = new Map([
    ['iso27001-2022', { name: 'ISO/IEC 27001', edition: '2022' }],
    ['iso27701-2019', { name: 'ISO/IEC 27701', edition: '2019' }],
    ['eu-ai-act-2024-1689', { name: 'EU AI Act', edition: '2024/1689' }],
  ]);
  it('names frameworks and requirements the way people know them', () => {
    expect(humanizeIds('reviewed: no counterpart in iso27001-2022 — note', fws)).toBe('reviewed: no counterpart in ISO/IEC 27001:2022 — note');
    expect(humanizeIds('partial: iso27001-2022:6.1 → [intersects-with, strength 7] iso27701-2019:5.2; rest', fws)).toBe('partial: ISO/IEC 27001:2022 6.1 → [intersects-with, strength 7] ISO/IEC 27701:2019 5.2; rest');
    expect(humanizeIds('covered through eu-ai-act-2024-1689:Art.', fws)).toBe('covered through EU AI Act 2024/1689 Art.');
    expect(humanizeIds('xiso27001-2022 and iso27001-2022x stay', fws)).toBe('xiso27001-2022 and iso27001-2022x stay');
  });
});
