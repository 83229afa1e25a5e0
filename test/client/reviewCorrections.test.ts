import { describe, expect, it } from 'vitest';
import { describeCorrections } from '../../client/src/lib/reviewCorrections.js';

describe('describeCorrections', () => {
  it('says what each correction replaced', () => {
    expect(describeCorrections('{"relationship":"subset-of","strength":6}', '{"relationship":"intersects-with","strength":5}')).toBe('relationship intersects with → subset of; strength 5 → 6');
    expect(describeCorrections('{"note":"Checked against clause 8."}', '{"note":"Proposed by the engine: rank 1."}')).toBe('note rewritten (it read “Proposed by the engine: rank 1.”)');
    expect(describeCorrections('{"note":"New."}', '{"note":""}')).toBe('note added');
  });

  it('leaves out a field edited to the value it had, and says only what was set for reviews recorded without it', () => {
    expect(describeCorrections('{"strength":5,"rationale":"functional"}', '{"rationale":"semantic"}')).toBe('rationale semantic → functional');
    expect(describeCorrections('{"strength":5}', null)).toBe('strength set to 5');
    expect(describeCorrections(null, null)).toBeUndefined();
  });

  it('shortens a long replaced note and shows unreadable JSON as it is', () => {
    expect(describeCorrections('{"note":"b"}', JSON.stringify({ note: 'a'.repeat(300) }))).toBe(`note rewritten (it read “${'a'.repeat(159)}…”)`);
    expect(describeCorrections('not json', null)).toBe('not json');
  });
});
