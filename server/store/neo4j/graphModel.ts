import { PROPERTY_KEYS } from './conversion.js';

/**
 * The shape of the graph the Neo4j store keeps, in the form @neo4j-cypher/language-support's DbSchema takes, so the
 * Cypher lint test flags any statement that names a label, relationship type, property, direction or parameter
 * the store does not have.
 */
export const GRAPH_MODEL = {
  labels: [
    'Framework', 'Requirement', 'NoCounterpart', 'HarmonizedClause', 'Review', 'ContentState', 'Migration', 'Embedding', 'Evidence',
    'OrgControl', 'SoaEntry',
  ],
  relationshipTypes: ['IN_FRAMEWORK', 'PART_OF', 'MAPS_TO', 'ABOUT', 'REALISES', 'EMBEDS', 'SUPPORTS', 'CITES'],
  graphSchema: [
    { from: 'Requirement', relType: 'IN_FRAMEWORK', to: 'Framework' },
    { from: 'Requirement', relType: 'PART_OF', to: 'Requirement' },
    { from: 'Requirement', relType: 'MAPS_TO', to: 'Requirement' },
    { from: 'NoCounterpart', relType: 'ABOUT', to: 'Requirement' },
    { from: 'Requirement', relType: 'REALISES', to: 'HarmonizedClause' },
    // Vectors for suggestions, one node per model and requirement.
    { from: 'Embedding', relType: 'EMBEDS', to: 'Requirement' },
    // What people make on top of the content (EvidenceStore).
    { from: 'Evidence', relType: 'SUPPORTS', to: 'Requirement' },
    { from: 'Evidence', relType: 'SUPPORTS', to: 'OrgControl' },
    { from: 'OrgControl', relType: 'CITES', to: 'Requirement' },
    { from: 'SoaEntry', relType: 'ABOUT', to: 'Requirement' },
  ],
  /**
   * Stored property keys, plus the keys of the row maps that batched statements UNWIND from `$rows` (`row.source`
   * reads like a property to the linter) and the columns read from SHOW INDEXES.
   */
  propertyKeys: [
    ...new Set([
      ...Object.values(PROPERTY_KEYS).flat(), 'source', 'target', 'props', 'clauseId', 'evidenceId', 'targetId', 'controlId', 'indexConfig',
    ]),
  ].sort(),
  /** Every `$parameter` a statement in queries.ts uses. */
  parameters: [
    'aliasTag', 'anyParent', 'batchSize', 'disputed', 'evidenceId', 'expiredAsOf', 'fetch', 'fileOrigins', 'fingerprint', 'frameworkId', 'frameworkIds', 'from', 'id', 'ids', 'keys',
    'kinds', 'limit', 'mappingId', 'methods', 'model', 'modelId', 'offset', 'orgControlId', 'origins', 'otherFrameworkId', 'pair', 'parentId',
    'props', 'provenanceSource', 'query', 'queryValid', 'refKey', 'relationships', 'requirementId', 'review', 'rows', 'source', 'statuses', 'target',
    'targetId', 'text', 'timeoutSeconds', 'to', 'vector', 'words',
  ],
} as const;
