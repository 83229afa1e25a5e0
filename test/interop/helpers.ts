import fs from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { stringify } from 'yaml';
import type { CatalogFile, MappingFile } from '../../server/content/fileSchemas.js';
import { readContentFile, type Restatement } from '../../server/content/readContentFile.js';
import { attachRestatements } from '../../server/content/restatements.js';
import type { Problem } from '../../server/domain/errors.js';
import { emptyBundle, type ContentBundle } from '../../server/domain/schemas/content.js';
import type { Mapping } from '../../server/domain/schemas/mapping.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * A validator for NIST's OSCAL 1.2.1 JSON schema (draft-07). Strict mode stays on; only strictTypes is off, because
 * the mapping schema puts a `pattern` on a number type (DecimalDatatype), which JSON Schema ignores for numbers
 * anyway. Unicode regexps (the default) make the schema's \p{L} token patterns work.
 */
export function oscalValidator(model: 'catalog' | 'mapping') {
  const schema = JSON.parse(fs.readFileSync(new URL(`../fixtures/oscal/oscal_${model}_schema.json`, import.meta.url), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, unicodeRegExp: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (document: unknown): ErrorObject[] => (validate(document) ? [] : [...(validate.errors ?? [])]);
}

/** Writes imported files as the CLI would (YAML) and reads them back with the content loader; fails on any problem. */
export function loadImported({ catalogs, mappingFiles }: { catalogs: CatalogFile[]; mappingFiles: MappingFile[] }, origin: Mapping['origin'] = 'import'): ContentBundle {
  const bundle = emptyBundle();
  const problems: Problem[] = [];
  const restatements: Restatement[] = [];
  [...catalogs, ...mappingFiles].forEach((file, index) => {
    const read = readContentFile(`imported-${index}.yaml`, stringify(file, { lineWidth: 0 }), { origin });
    problems.push(...read.problems);
    restatements.push(...read.restatements);
    for (const key of Object.keys(bundle) as Array<keyof ContentBundle>) (bundle[key] as unknown[]).push(...read.bundle[key]);
  });
  problems.push(...attachRestatements(bundle, restatements, new Map()));
  if (problems.length) throw new Error(`imported files do not load:\n${problems.map((p) => `${p.file}:${p.line ?? ''} ${p.path ?? ''} ${p.message}`).join('\n')}`);
  return bundle;
}

/** Mappings without the fields an import does not carry (origin) and with undefined keys dropped, sorted by id. */
export const comparable = (mappings: readonly Mapping[]) =>
  [...mappings]
    .map(({ origin: _origin, ...rest }) => JSON.parse(JSON.stringify(rest)) as Omit<Mapping, 'origin'>)
    .sort((a, b) => a.id.localeCompare(b.id));

export const errorsOf = (problems: readonly Problem[]) => problems.filter((p) => p.severity === 'error');
export const warningsOf = (problems: readonly Problem[]) => problems.filter((p) => p.severity === 'warning');
