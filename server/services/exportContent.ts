import { InputError, NotFoundError } from '../domain/errors.js';
import { compareMappingsInDocumentOrder, mappingReadFrom } from '../domain/graphAlgorithms.js';
import type { ContentBundle } from '../domain/schemas/content.js';
import type { Framework } from '../domain/schemas/framework.js';
import type { Mapping } from '../domain/schemas/mapping.js';
import { exportCsvCrosswalk, exportJsonBundle, exportOlirCsv, exportOscalCatalog, exportOscalMapping, exportXlsxCrosswalk } from '../interop/index.js';
import type { GraphStore } from '../store/types.js';
import { unknownFramework } from '../domain/likelyMeant.js';

export const CROSSWALK_EXPORT_FORMATS = ['csv', 'xlsx', 'oscal-mapping', 'olir-csv'] as const;
export const EXPORT_FORMATS = [...CROSSWALK_EXPORT_FORMATS, 'oscal-catalog', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRequest {
  format: string;
  /** Crosswalk exports: the two frameworks. */
  from?: string;
  to?: string;
  /** Catalog export: the framework. */
  framework?: string;
  now?: Date;
}

export interface ExportedFile {
  body: string | Buffer;
  contentType: string;
  fileName: string;
  /** Crosswalk exports: how many mappings the pair has (0 writes a file with no rows). */
  mappings?: number;
}

const ALL = 10_000_000;

export const maybeExportFormat = (format: string): ExportFormat => {
  if ((EXPORT_FORMATS as readonly string[]).includes(format)) return format as ExportFormat;
  throw new InputError(`invalid format: "${format}" (expected: ${EXPORT_FORMATS.join(', ')})`);
};

async function frameworkById(store: GraphStore, id: string | undefined, option: string): Promise<Framework> {
  if (!id) throw new InputError(`this export needs a framework id in "${option}" (--${option})`);
  const frameworks = await store.listFrameworks();
  const found = frameworks.find((f) => f.id === id);
  if (!found) throw new NotFoundError(unknownFramework(id, frameworks.map((f) => f.id)));
  const { requirementCount: _count, ...framework } = found;
  return framework;
}

/** Everything in the store, as the JSON bundle exports it (reviews included). */
export async function storeBundle(store: GraphStore): Promise<{ bundle: ContentBundle; reviews: Array<Awaited<ReturnType<GraphStore['reviewHistory']>>[number]> }> {
  const frameworks = (await store.listFrameworks()).map(({ requirementCount: _count, ...f }) => f);
  const mappings = await store.findMappings({ limit: ALL });
  const reviews = (await Promise.all(mappings.map((m) => store.reviewHistory(m.id)))).flat();
  return {
    bundle: {
      frameworks,
      requirements: await store.listRequirements({ limit: ALL }),
      mappings,
      noCounterparts: await store.listNoCounterparts({}),
      harmonizedClauses: await store.listHarmonizedClauses(),
    },
    reviews,
  };
}

/** Reads what an export needs from the store (people's mappings and reviews included) and renders it. */
export async function exportContent(store: GraphStore, request: ExportRequest): Promise<ExportedFile> {
  const format = maybeExportFormat(request.format);
  const now = request.now ?? new Date();
  const stamp = now.toISOString().slice(0, 10);
  if (format === 'json') {
    const { bundle, reviews } = await storeBundle(store);
    return { body: exportJsonBundle(bundle, { generatedAt: now.toISOString(), reviews }), contentType: 'application/json', fileName: `crosswalk-bundle-${stamp}.json` };
  }
  if (format === 'oscal-catalog') {
    const framework = await frameworkById(store, request.framework, 'framework');
    const requirements = await store.listRequirements({ frameworkId: framework.id, limit: ALL });
    return { body: exportOscalCatalog({ framework, requirements, lastModified: now.toISOString() }), contentType: 'application/json', fileName: `${framework.id}.oscal-catalog.json` };
  }
  const source = await frameworkById(store, request.from, 'from');
  const target = await frameworkById(store, request.to, 'to');
  const mappings = await store.findMappings({ frameworks: [source.id, target.id], limit: ALL });
  return { ...(await renderCrosswalk(format, { store, source, target, mappings, now })), mappings: mappings.length };
}

async function renderCrosswalk(
  format: (typeof CROSSWALK_EXPORT_FORMATS)[number],
  { store, source, target, mappings, now }: { store: GraphStore; source: Framework; target: Framework; mappings: Mapping[]; now: Date },
): Promise<ExportedFile> {
  const base = `${source.id}__${target.id}`;
  const requirementsOfBoth = async () => [
    ...(await store.listRequirements({ frameworkId: source.id, limit: ALL })),
    ...(await store.listRequirements({ frameworkId: target.id, limit: ALL })),
  ];
  /** Tables read from --from to --to, whichever way each mapping is stored, in --from's document order. */
  const tableRows = async () => {
    const order = new Map((await requirementsOfBoth()).map((r) => [r.id, r.order]));
    return mappings.map((m) => mappingReadFrom(m, source.id)).sort(compareMappingsInDocumentOrder((id) => order.get(id) ?? 0));
  };
  switch (format) {
    case 'csv':
      return { body: exportCsvCrosswalk(await tableRows()), contentType: 'text/csv; charset=utf-8', fileName: `${base}.csv` };
    case 'xlsx':
      return {
        body: await exportXlsxCrosswalk({ frameworks: [source, target], mappings: await tableRows(), generatedAt: now.toISOString() }),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        fileName: `${base}.xlsx`,
      };
    case 'oscal-mapping': {
      const requirements = await requirementsOfBoth();
      return { body: exportOscalMapping({ source, target, mappings, requirements, lastModified: now.toISOString() }), contentType: 'application/json', fileName: `${base}.oscal-mapping.json` };
    }
    case 'olir-csv': {
      const requirements = await requirementsOfBoth();
      return { body: exportOlirCsv({ focal: source.id, reference: target.id, mappings, requirements }), contentType: 'text/csv; charset=utf-8', fileName: `${base}.olir.csv` };
    }
  }
}
