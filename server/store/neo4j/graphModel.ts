import { PROPERTY_KEYS } from './conversion.js';

/**
 * The shape of the graph the Neo4j store keeps, in the form @neo4j-cypher/language-support's DbSchema takes, so the
 * Cypher lint test flags any statement that names a label, relationship type, property, direction or parameter
 * the store does not have.
 */
export const GRAPH_MODEL = {
  labels: ['Framework', 'Requirement', 'NoCounterpart', 'HarmonizedClause', 'Review', 'ContentState', 'Migration'],
  relationshipTypes: ['IN_FRAMEWORK', 'PART_OF', 'MAPS_TO', 'ABOUT', 'REALISES'],
  graphSchema: [
    { from: 'Requirement', relType: 'IN_FRAMEWORK', to: 'Framework' },
    { from: 'Requirement', relType: 'PART_OF', to: 'Requirement' },
    { from: 'Requirement', relType: 'MAPS_TO', to: 'Requirement' },
    { from: 'NoCounterpart', relType: 'ABOUT', to: 'Requirement' },
    { from: 'Requirement', relType: 'REALISES', to: 'HarmonizedClause' },
  ],
  /**
   * Stored property keys, plus the keys of the row maps that batched statements UNWIND from `$rows` (`row.source`
   * reads like a property to the linter).
   */
  propertyKeys: [...new Set([...Object.values(PROPERTY_KEYS).flat(), 'source', 'target', 'props', 'clauseId'])].sort(),
  /** Every `$parameter` a statement in queries.ts uses. */
  parameters: [
    'anyParent', 'batchSize', 'fileOrigins', 'fingerprint', 'frameworkId', 'from', 'id', 'ids', 'keys', 'kinds', 'limit', 'mappingId',
    'methods', 'offset', 'origins', 'otherFrameworkId', 'pair', 'parentId', 'props', 'provenanceSource', 'query', 'relationships',
    'requirementId', 'review', 'rows', 'source', 'statuses', 'target', 'text', 'timeoutSeconds', 'to',
  ],
} as const;
