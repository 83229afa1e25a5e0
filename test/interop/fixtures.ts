import type { ContentBundle } from '../../server/domain/schemas/content.js';
import { smallBundle } from '../fixtures/smallBundle.js';

/**
 * smallBundle with every optional mapping field in use somewhere: notes with commas, quotes and line breaks,
 * provenance URLs, reviewers and review dates, review notes, a hybrid method, and every status.
 */
export function richBundle(): ContentBundle {
  const bundle = smallBundle();
  const [first, second, third, fourth, fifth, sixth] = bundle.mappings as [ContentBundle['mappings'][number], ...ContentBundle['mappings']];
  bundle.mappings = [
    {
      ...first,
      note: 'Same policy, "quoted" words,\nand a second line.',
      reviewNote: 'Checked against both texts.',
      provenance: { source: 'Test crosswalk, 2nd edition', url: 'https://example.org/crosswalk', author: 'Example Org', reviewer: 'alice', created: '2025-12-01', reviewed: '2026-02-01' },
    },
    { ...second!, method: 'hybrid', strength: 6, rationale: 'functional' },
    { ...third!, note: '  leading and trailing spaces  ' },
    { ...fourth!, rationale: 'syntactic', strength: 8 },
    { ...fifth!, reviewNote: 'Needs a second look:\n- wording differs' },
    { ...sixth!, reviewNote: 'Rejected: unrelated topics.', provenance: { ...sixth!.provenance, reviewer: 'bob', reviewed: '2026-03-03' } },
  ];
  return bundle;
}
