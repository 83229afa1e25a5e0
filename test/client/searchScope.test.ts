import { describe, expect, it } from 'vitest';
import { searchRequest, searchScope } from '../../client/src/lib/searchScope.js';

const FRAMEWORKS = ['iso42001-2023', 'iso27001-2022', 'iso27701-2019', 'iso27701-2025', 'iso9001-2015', 'nist-ai-rmf-1.0', 'acme-ai-1'].map((id) => ({ id }));

describe('search scope: a standard cited before a ref', () => {
  it('reads the standard number, with or without "ISO/IEC", "iso" and the edition', () => {
    expect(searchScope('42001 A.6.2.4', FRAMEWORKS)).toEqual({ text: 'A.6.2.4', frameworkIds: ['iso42001-2023'] });
    expect(searchScope('ISO/IEC 27001:2022 A.5.1', FRAMEWORKS)).toEqual({ text: 'A.5.1', frameworkIds: ['iso27001-2022'] });
    expect(searchScope('iso27001 A.5.1', FRAMEWORKS)).toEqual({ text: 'A.5.1', frameworkIds: ['iso27001-2022'] });
    expect(searchScope('ISO 9001 8.3.4', FRAMEWORKS)).toEqual({ text: '8.3.4', frameworkIds: ['iso9001-2015'] });
    expect(searchScope('27701 A.1.2.2', FRAMEWORKS)).toEqual({ text: 'A.1.2.2', frameworkIds: ['iso27701-2019', 'iso27701-2025'] });
    expect(searchScope('27701-2019 A.7.2.1', FRAMEWORKS)).toEqual({ text: 'A.7.2.1', frameworkIds: ['iso27701-2019'] });
    expect(searchScope('42001 impact assessment', FRAMEWORKS)).toEqual({ text: 'impact assessment', frameworkIds: ['iso42001-2023'] });
  });

  it('leaves every other query alone', () => {
    for (const text of ['A.6.2.4', 'impact assessment', '42001', '2023 policy', '14001 4.1', 'GOVERN 1.1', '27001:2013 A.5.1']) expect(searchScope(text, FRAMEWORKS)).toBeNull();
  });

  it('asks one aliased search per framework and merges the answers by score', () => {
    const plain = searchRequest('impact assessment', { limit: 8, frameworks: FRAMEWORKS });
    expect(plain.variables).toEqual({ text: 'impact assessment', frameworkId: null, limit: 8 });
    // A framework chosen in the view wins over one named in the text.
    expect(searchRequest('27701 A.1.2.2', { frameworkId: 'iso27701-2019', limit: 8, frameworks: FRAMEWORKS }).scope).toBeNull();
    const scoped = searchRequest('27701 A.1.2.2', { limit: 2, frameworks: FRAMEWORKS });
    expect(scoped.variables).toEqual({ text: 'A.1.2.2', limit: 2, f0: 'iso27701-2019', f1: 'iso27701-2025' });
    expect(scoped.query).toContain('s1: search(text: $text, frameworkId: $f1, limit: $limit)');
    const hit = (id: string, score: number) => ({ score, requirement: { id, frameworkId: id.split(':')[0]!, ref: id.split(':')[1]!, title: '' } });
    expect(scoped.hits({ s0: [hit('iso27701-2019:x', 3)], s1: [hit('iso27701-2025:A.1.2.2', 1000), hit('iso27701-2025:y', 2)] }).map((h) => h.requirement.id)).toEqual(['iso27701-2025:A.1.2.2', 'iso27701-2019:x']);
  });
});
