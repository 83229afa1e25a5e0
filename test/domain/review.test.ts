import { describe, expect, it } from 'vitest';
import { applyReview, selfApprovalRefusal } from '../../server/domain/review.js';

const byBob = { origin: 'user' as const, provenance: { source: 'Analysis by bob', author: 'bob', created: '2026-03-04' } };
const shipped = { origin: 'reference' as const, provenance: { source: 'Crosswalk curation', author: 'bob', created: '2026-01-01' } };

describe('selfApprovalRefusal', () => {
  it('lets anyone approve anything under the single policy', () => {
    expect(selfApprovalRefusal('single', byBob, [{ reviewer: 'bob', edits: { strength: 3 } }], { status: 'approved', reviewer: 'bob', edits: { strength: 5 } })).toBeUndefined();
  });

  it('under four-eyes refuses an approval by the mapping\'s creator, by someone who corrected it, or with corrections', () => {
    expect(selfApprovalRefusal('four-eyes', byBob, [], { status: 'approved', reviewer: 'bob' })).toMatch(/^bob created this mapping/);
    expect(selfApprovalRefusal('four-eyes', shipped, [{ reviewer: 'ana', edits: { relationship: 'subset-of' } }], { status: 'approved', reviewer: 'ana' })).toMatch(/^ana corrected this mapping/);
    expect(selfApprovalRefusal('four-eyes', shipped, [], { status: 'approved', reviewer: 'ana', edits: { strength: 6 } })).toMatch(/saved as proposed/);
  });

  it('under four-eyes lets another analyst approve, and anyone reject or propose', () => {
    expect(selfApprovalRefusal('four-eyes', byBob, [{ reviewer: 'bob', edits: { strength: 3 } }], { status: 'approved', reviewer: 'ana' })).toBeUndefined();
    // A file-sourced mapping's author is a publisher or curator, not a user of this server.
    expect(selfApprovalRefusal('four-eyes', shipped, [], { status: 'approved', reviewer: 'bob' })).toBeUndefined();
    // A review that only approved, without corrections, made nothing of the reviewer's own.
    expect(selfApprovalRefusal('four-eyes', shipped, [{ reviewer: 'ana', edits: {} }, { reviewer: 'ana' }], { status: 'approved', reviewer: 'ana' })).toBeUndefined();
    expect(selfApprovalRefusal('four-eyes', byBob, [], { status: 'rejected', reviewer: 'bob' })).toBeUndefined();
    expect(selfApprovalRefusal('four-eyes', byBob, [], { status: 'proposed', reviewer: 'bob', edits: { strength: 2 } })).toBeUndefined();
  });
});

describe('applyReview', () => {
  const rejected = {
    id: 'a:1 -> b:1', source: 'a:1', target: 'b:1', relationship: 'intersects-with' as const, rationale: 'semantic' as const, strength: 3,
    method: 'automation' as const, status: 'rejected' as const, origin: 'suggestion' as const,
    provenance: { source: 'Crosswalk suggestion engine (lexical)', author: 'crosswalk-suggest', created: '2026-12-01', reviewer: 'bob', reviewed: '2026-12-01' },
    reviewNote: 'Inventory is not data resources',
  };

  it('keeps the note of the decision it records: a later decision without a note does not carry an earlier reviewer\'s reason', () => {
    const approved = applyReview(rejected, { status: 'approved', reviewer: 'alice', at: '2026-12-07T10:00:00Z' });
    expect(approved).toMatchObject({ status: 'approved', provenance: { reviewer: 'alice', reviewed: '2026-12-07' } });
    expect(approved.reviewNote).toBeUndefined();
    expect(applyReview(rejected, { status: 'approved', reviewer: 'alice', at: '2026-12-07T10:00:00Z', note: 'it is, for datasets' }).reviewNote).toBe('it is, for datasets');
  });
});
