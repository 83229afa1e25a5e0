import { describe, expect, it } from 'vitest';
import { selfApprovalRefusal } from '../../server/domain/review.js';

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
