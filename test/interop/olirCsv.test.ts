import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../server/domain/errors.js';
import { OLIR_STRM_COLUMNS, exportOlirCsv } from '../../server/interop/olirCsv.js';
import { edge, smallBundle } from '../fixtures/smallBundle.js';

const rowsOf = (csv: string) => parse(csv, { columns: true }) as Array<Record<string, string>>;

describe('exportOlirCsv', () => {
  it('writes the STRM template columns in the template order', () => {
    const { mappings, requirements } = smallBundle();
    const csv = exportOlirCsv({ focal: 'fw-a', reference: 'fw-b', mappings, requirements });
    expect(csv.split('\n')[0]).toBe(OLIR_STRM_COLUMNS.join(','));
    expect(OLIR_STRM_COLUMNS).toEqual([
      'Focal Document Element', 'Focal Document Element Description', 'Rationale', 'Relationship',
      'Reference Document Element', 'Reference Document Element Description', 'Comments', 'Strength of Relationship',
    ]);
  });

  it('states each relationship from the reference element to the focal one (IR 8278A Rev. 1), in focal document order', () => {
    const { mappings, requirements } = smallBundle();
    // Stored fw-a:2 subset-of fw-b:B-2. With fw-a as the reference document, the reference element 2 is a subset of B-2.
    const rows = rowsOf(exportOlirCsv({ focal: 'fw-b', reference: 'fw-a', mappings, requirements, includeUnmapped: false }));
    expect(rows.map((r) => [r['Focal Document Element'], r.Relationship, r['Reference Document Element'], r.Rationale, r['Strength of Relationship']])).toEqual([
      ['B-1', 'equal', '1.1', 'Semantic', '10'],
      ['B-2', 'subset of', '2', 'Semantic', '5'],
    ]);
    // With fw-a as the focal document, the reference element B-2 is a superset of the focal element 2.
    const turned = rowsOf(exportOlirCsv({ focal: 'fw-a', reference: 'fw-b', mappings, requirements, includeUnmapped: false }));
    expect(turned.find((r) => r['Focal Document Element'] === '2')).toMatchObject({ Relationship: 'superset of', 'Reference Document Element': 'B-2' });
    expect(rows[0]).toMatchObject({ 'Focal Document Element Description': 'Information security policy', 'Reference Document Element Description': 'Policy' });
  });

  it('leaves rejected mappings out by default, and flags proposed and equivalent-to mappings in Comments', () => {
    const { requirements } = smallBundle();
    const mappings = [
      edge('fw-a:1.1', 'fw-b:B-1', 'equivalent-to', { note: 'Same intent.' }),
      edge('fw-a:2', 'fw-b:B-2', 'intersects-with', { status: 'proposed' }),
      edge('fw-a:1.1.1', 'fw-b:B-3', 'no-relationship', { status: 'rejected', strength: 0 }),
    ];
    const rows = rowsOf(exportOlirCsv({ focal: 'fw-a', reference: 'fw-b', mappings, requirements, includeUnmapped: false }));
    expect(rows.map((r) => [r['Focal Document Element'], r.Relationship, r.Comments])).toEqual([
      ['1.1', 'equal', 'Crosswalk states "equivalent-to" (same effective meaning, different words); OLIR has no such value. Same intent.'],
      ['2', 'intersects with', 'Proposed in Crosswalk; not yet reviewed.'],
    ]);
    const all = rowsOf(exportOlirCsv({ focal: 'fw-a', reference: 'fw-b', mappings, requirements, includeUnmapped: false, statuses: ['approved', 'proposed', 'rejected'] }));
    expect(all.find((r) => r['Focal Document Element'] === '1.1.1')).toMatchObject({ Relationship: 'not related to', 'Strength of Relationship': '0' });
  });

  it('adds a row with only the focal element for every focal requirement without a mapping, in document order', () => {
    const { mappings, requirements } = smallBundle();
    const rows = rowsOf(exportOlirCsv({ focal: 'fw-a', reference: 'fw-b', mappings, requirements }));
    // 1.1.1 → B-3 is rejected, so 1.1.1 counts as unmapped.
    expect(rows.map((r) => [r['Focal Document Element'], r['Reference Document Element'], r.Relationship])).toEqual([
      ['1', '', ''], ['1.1', 'B-1', 'equal'], ['1.1.1', '', ''], ['2', 'B-2', 'superset of'], ['3', '', ''],
    ]);
    expect(rows[0]!['Focal Document Element Description']).toBe('Governance');
  });

  it('refuses a focal document that is also the reference', () => {
    expect(() => exportOlirCsv({ focal: 'fw-a', reference: 'fw-a', mappings: [], requirements: [] })).toThrow(InputError);
  });
});
