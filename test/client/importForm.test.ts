import { describe, expect, it } from 'vitest';
import { FrameworkIdSchema } from '../../server/domain/schemas/common.js';
import { IMPORT_FORMATS } from '../../server/services/importContent.js';
import { carriesMappings, fieldsOf, guessFormat, IMPORT_CHOICES, importQuery, validateImportDraft, type ImportDraft } from '../../client/src/lib/importForm.js';

const draft = (over: Partial<ImportDraft> = {}): ImportDraft => ({ format: 'csv', fileName: 'acme.csv', replace: false, skipConflicts: false, values: {}, ...over });

describe('the import form', () => {
  it('offers every format the service imports', () => {
    expect(Object.keys(IMPORT_CHOICES).sort()).toEqual([...IMPORT_FORMATS].sort());
  });

  it('guesses the format from the file name and its first characters, and says nothing when it cannot tell', () => {
    expect(guessFormat('c.json', '{"catalog": {"uuid": "x"')).toBe('oscal');
    expect(guessFormat('m.json', '  {\n "mapping-collection": {')).toBe('oscal-mapping');
    expect(guessFormat('b.json', '{"format": "crosswalk-bundle", "version": 1')).toBe('json');
    expect(guessFormat('cprt.json', '{"response": {"elements": {')).toBe('cprt');
    expect(guessFormat('lib.yaml', 'urn: urn:intuitem:risk:library:x\nobjects:\n')).toBe('ciso-assistant');
    expect(guessFormat('basic.yaml', 'catalog:\n  uuid: x\n')).toBe('oscal');
    expect(guessFormat('strm.csv', 'NIST IR 8477 STRM,,\nFDE #,FDE Name,STRM Relationship\n')).toBe('olir');
    expect(guessFormat('olir.csv', 'Focal Document Element,Rationale,Relationship,Reference Document Element\n')).toBe('olir');
    expect(guessFormat('x.csv', 'source_framework,source_ref,target_framework,target_ref,relationship\n')).toBe('csv-crosswalk');
    expect(guessFormat('tool.csv', 'Source ID;Target ID;Relationship\n')).toBe('csv-crosswalk');
    expect(guessFormat('catalog.csv', 'ref_id,title,description\n')).toBe('csv');
    expect(guessFormat('r5.xml', '<?xml version="1.0"?>\n<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="x">')).toBe('oscal');
    expect(guessFormat('m.xml', '<mapping-collection xmlns="http://csrc.nist.gov/ns/oscal/1.0">')).toBe('oscal-mapping');
    expect(guessFormat('ssp.xml', '<system-security-plan>')).toBeUndefined();
    expect(guessFormat('book.xlsx', 'PK\u0003\u0004')).toBeUndefined();
    expect(guessFormat('other.json', '{"something": 1}')).toBeUndefined();
  });

  it('asks for what the format needs, and checks a framework id and two different frameworks', () => {
    expect(validateImportDraft(draft({ fileName: '' }))).toEqual({
      file: 'Choose a file to import.',
      frameworkId: 'Framework id is needed for this format.',
      name: 'Name is needed for this format.',
      edition: 'Edition is needed for this format.',
    });
    expect(validateImportDraft(draft({ values: { frameworkId: 'ACME 1', name: 'Acme', edition: '1' } }))).toEqual({ frameworkId: expect.stringMatching(/^Lower-case letters/) });
    // The form accepts exactly the ids the service accepts.
    for (const id of ['acme_controls-2.0', '-acme', 'acme controls'])
      expect(validateImportDraft(draft({ values: { frameworkId: id, name: 'Acme', edition: '1' } })).frameworkId === undefined, id).toBe(FrameworkIdSchema.safeParse(id).success);
    expect(validateImportDraft(draft({ format: 'olir', values: { from: 'iso27001-2022' } }))).toEqual({ to: 'To is needed for this format.' });
    expect(validateImportDraft(draft({ format: 'olir', values: { from: 'a', to: 'a' } }))).toEqual({ to: 'Choose two different frameworks.' });
    expect(validateImportDraft(draft({ format: 'json', fileName: 'b.json' }))).toEqual({});
  });

  it('offers a sheet only for a workbook of a table format, and sends it only then', () => {
    const names = (d: ImportDraft) => fieldsOf(d).map(([field]) => field);
    expect(names(draft({ format: 'csv-crosswalk', fileName: 'cw.xlsx' }))).toContain('sheet');
    expect(names(draft({ format: 'csv-crosswalk', fileName: 'cw.csv' }))).not.toContain('sheet');
    expect(names(draft({ format: 'ciso-assistant', fileName: 'lib.xlsx' }))).not.toContain('sheet');
    const values = { sheet: 'CSF to 27001' };
    expect(importQuery(draft({ format: 'csv-crosswalk', fileName: 'cw.xlsx', values }))).toBe('format=csv-crosswalk&filename=cw.xlsx&sheet=CSF+to+27001');
    expect(importQuery(draft({ format: 'csv-crosswalk', fileName: 'cw.csv', values }))).toBe('format=csv-crosswalk&filename=cw.csv');
  });

  it('sends only the fields of the chosen format that are filled in', () => {
    const values = { frameworkId: 'acme-1', name: 'Acme', edition: '1', from: 'iso27001-2022', to: 'iso9001-2015' };
    expect(importQuery(draft({ values }))).toBe('format=csv&filename=acme.csv&frameworkId=acme-1&name=Acme&edition=1');
    expect(importQuery(draft({ format: 'olir', fileName: 'strm.xlsx', replace: true, values }))).toBe('format=olir&filename=strm.xlsx&from=iso27001-2022&to=iso9001-2015&replace=true');
    // A short name belongs to a catalog: sent with a catalog format, never with a crosswalk.
    const named = { ...values, shortName: ' ACME 1 ' };
    expect(importQuery(draft({ values: named }))).toBe('format=csv&filename=acme.csv&frameworkId=acme-1&name=Acme&edition=1&shortName=ACME+1');
    expect(importQuery(draft({ format: 'olir', fileName: 'strm.xlsx', values: named }))).not.toContain('shortName');
  });

  it('asks to leave out pairs stated two ways only for formats that carry mappings', () => {
    expect(importQuery(draft({ format: 'ciso-assistant', fileName: 'm.yaml', skipConflicts: true }))).toBe('format=ciso-assistant&filename=m.yaml&skipConflicts=true');
    expect(importQuery(draft({ format: 'cprt', fileName: 'rmf.json', values: { elementTypes: ' function,subcategory ' } }))).toBe('format=cprt&filename=rmf.json&elementTypes=function%2Csubcategory');
    expect(importQuery(draft({ format: 'oscal', fileName: 'c.json', values: { elementTypes: 'function' } }))).toBe('format=oscal&filename=c.json');
    expect(importQuery(draft({ values: { frameworkId: 'acme-1', name: 'Acme', edition: '1' }, skipConflicts: true }))).not.toContain('skipConflicts');
    expect((['csv', 'oscal', 'cprt'] as const).map(carriesMappings)).toEqual([false, false, false]);
    expect((['csv-crosswalk', 'olir', 'oscal-mapping', 'ciso-assistant', 'json'] as const).map(carriesMappings)).toEqual([true, true, true, true, true]);
  });
});
