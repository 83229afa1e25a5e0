import { describe, expect, it } from 'vitest';
import { gapAnalysis } from '../../../server/domain/analysis/gapAnalysis.js';
import { appliesFrom, checkedTagScope, inTagScope, scopeTagsOf, tagsInForce, type TaggedTree } from '../../../server/domain/analysis/tagScope.js';
import { InputError } from '../../../server/domain/errors.js';
import { bundleOf, framework, map } from './fixtures.js';

// 0 article (provider, deployer; applies 2026) ─ 1 paragraph (untagged) ─ 2 point (provider only)
//                                               └ 3 paragraph (deployer; applies 2025)
const tags: string[][] = [['role:provider', 'role:deployer', 'applies:2026-08-02'], [], ['role:provider'], ['role:deployer', 'applies:2025-02-02']];
const parents = [undefined, 0, 1, 0];
const tree: TaggedTree = { tagsOf: (n) => tags[n]!, parentOf: (n) => parents[n] };

describe('tags in force', () => {
  it('are a requirement’s own tags of that name, else its nearest ancestor’s', () => {
    expect(tagsInForce(tree, 1, 'role')).toEqual(['role:provider', 'role:deployer']);
    expect(tagsInForce(tree, 2, 'role')).toEqual(['role:provider']);
    expect(tagsInForce(tree, 3, 'role')).toEqual(['role:deployer']);
    expect(tagsInForce(tree, 2, 'sector')).toEqual([]);
    expect(appliesFrom(tree, 2)).toBe('2026-08-02');
    expect(appliesFrom(tree, 3)).toBe('2025-02-02');
  });

  it('scope a requirement: tags of one name are alternatives, of different names all must hold', () => {
    expect([0, 1, 2, 3].filter((n) => inTagScope(tree, n, ['role:deployer']))).toEqual([0, 1, 3]);
    expect([0, 1, 2, 3].filter((n) => inTagScope(tree, n, ['role:provider', 'role:deployer']))).toEqual([0, 1, 2, 3]);
    expect([0, 1, 2, 3].filter((n) => inTagScope(tree, n, ['role:deployer', 'applies:2025-02-02']))).toEqual([3]);
  });

  it('refuse a scope tag no requirement carries, naming those it does', () => {
    expect(checkedTagScope([' role:deployer ', 'role:deployer'], 'act', ['role:deployer', 'alias:X'])).toEqual(['role:deployer']);
    expect(() => checkedTagScope(['role:deployr'], 'act', ['role:deployer', 'role:provider', 'alias:X', 'applies:2025-02-02', 'role:deployer', 'role:provider'])).toThrow(
      new InputError('no requirement of act is tagged "role:deployr" (its tags: role:deployer, role:provider)'),
    );
    expect(() => checkedTagScope(['role:x'], 'iso', [])).toThrow(/carry no tags to scope by/);
  });

  it('offer as scopes the valued tags that group requirements, not those that name or point at one', () => {
    const carried = ['role:deployer', 'role:deployer', 'role:provider', 'role:provider', 'party:third', 'party:third', 'alias:GV-1.1', 'alias:GV-1.1',
      'ciso-urn:urn:x', 'oscal-id:ac-1', 'incorporated-into:AC-6', 'incorporated-into:AC-6', 'applies:2026-08-02', 'applies:2026-08-02', 'informative', 'informative', 'sector:health'];
    expect(scopeTagsOf(carried)).toEqual(['party:third', 'role:deployer', 'role:provider']);
  });
});

describe('gap analysis within a scope', () => {
  const act = framework('act', ['1', '1.1', '1.1.a', '1.2', '2', '2.1']);
  const tagged: Record<string, string[]> = { '1': ['role:provider', 'role:deployer', 'applies:2026-08-02'], '1.1.a': ['role:provider'], '1.2': ['role:deployer', 'applies:2025-02-02'], '2': ['role:provider'] };
  for (const r of act) r.tags = tagged[r.ref] ?? [];
  const content = bundleOf([...act, ...framework('h', ['x', 'y'])], [map('h:x', 'superset-of', 'act:1.2'), map('h:y', 'intersects-with', 'act:2.1')]);
  const have = { kind: 'frameworks' as const, frameworkIds: ['h'] };

  it('reports only what is in scope, under the headings it sits in, and counts what it left out', () => {
    const report = gapAnalysis(content, { have, target: 'act', scope: ['role:deployer'] });
    expect(report.rows.map((r) => r.ref)).toEqual(['1', '1.1', '1.2']);
    expect(report.summary).toMatchObject({ assessable: 1, covered: 1, partial: 0, uncovered: 0 });
    expect(report.scope).toEqual({ tags: ['role:deployer'], leftOut: 3 });
    // The scopes on offer are the target's valued tags, not its dates.
    expect(report.scopeTags).toEqual(['role:deployer', 'role:provider']);
    // 1.1 is in scope through its article, but its only point is for providers: a heading with nothing counted under it.
    expect(report.rows.find((r) => r.ref === '1.1')!.assessable).toBe(false);
    const whole = gapAnalysis(content, { have, target: 'act' });
    expect(whole.rows).toHaveLength(6);
    expect(whole.scope).toBeUndefined();
    expect(whole.summary).toMatchObject({ assessable: 3, covered: 1, partial: 1, uncovered: 1 });
  });

  it('gives each row the date it applies from and counts what is still open by date', () => {
    const report = gapAnalysis(content, { have, target: 'act' });
    expect(Object.fromEntries(report.rows.map((r) => [r.ref, r.appliesFrom]))).toEqual({ '1': '2026-08-02', '1.1': '2026-08-02', '1.1.a': '2026-08-02', '1.2': '2025-02-02', '2': undefined, '2.1': undefined });
    expect(report.openByDate).toEqual([{ appliesFrom: '2026-08-02', partial: 0, uncovered: 1 }]);
    expect(gapAnalysis(bundleOf([...framework('t', ['1']), ...framework('h', ['x'])], []), { have, target: 't' }).openByDate).toBeUndefined();
  });

  it('refuses a scope tag the target does not use', () => {
    expect(() => gapAnalysis(content, { have, target: 'act', scope: ['role:importer'] })).toThrow('no requirement of act is tagged "role:importer" (its tags: role:deployer, role:provider)');
  });
});
