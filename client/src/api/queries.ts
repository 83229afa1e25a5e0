import type { Relationship, Status } from '../graph/types.js';

export interface Framework {
  id: string;
  name: string;
  edition: string;
  family: string | null;
  shortLabel: string;
  publisher: string;
  licence: string;
  requirementCount: number;
  /** Mappings of any status with an end in this framework. */
  mappingCount: number;
}

export interface RequirementRef {
  id: string;
  frameworkId: string;
  ref: string;
  title: string;
  kind?: string;
  summary?: string | null;
}

export interface Provenance {
  source: string;
  url: string | null;
  author: string;
  reviewer: string | null;
  created: string;
  reviewed: string | null;
}

export interface Review {
  status: Status;
  reviewer: string;
  at: string;
  note: string | null;
  editsJson: string | null;
  replacedJson: string | null;
}

export interface Mapping {
  id: string;
  sourceId: string;
  targetId: string;
  relationship: Relationship;
  rationale: string;
  strength: number;
  method: string;
  status: Status;
  origin: string;
  note: string | null;
  reviewNote: string | null;
  provenance: Provenance;
  alsoStatedBy: SourceStatement[];
}

/** Another source's statement of a mapping's pair, in the mapping's direction. */
export interface SourceStatement {
  relationship: Relationship;
  strength: number | null;
  note: string | null;
  agrees: boolean;
  provenance: Provenance;
}

export const FRAMEWORKS = /* GraphQL */ `{ frameworks { id name edition family shortLabel publisher licence requirementCount mappingCount } }`;

/** The API's largest page of requirements: the framework page asks for pages until one comes back short. */
export const FRAMEWORK_REQUIREMENTS_PAGE_SIZE = 1000;
export const FRAMEWORK_DETAIL = /* GraphQL */ `query FrameworkDetail($id: ID!) {
  framework(id: $id) { id name edition publisher url licence description family requirementCount mappingCount }
}`;
export const FRAMEWORK_REQUIREMENTS = /* GraphQL */ `query FrameworkRequirements($id: ID!, $offset: Int) {
  requirements(frameworkId: $id, limit: ${FRAMEWORK_REQUIREMENTS_PAGE_SIZE}, offset: $offset) { id ref title summary kind parentId order tags }
}`;
export interface FrameworkRequirement {
  id: string;
  ref: string;
  title: string;
  summary?: string | null;
  kind: string;
  parentId: string | null;
  order: number;
  tags: string[];
}
export interface FrameworkDetailData {
  framework: (Framework & { url: string | null; description: string | null }) | null;
}

const REQ = 'id frameworkId ref title kind summary';
const PROVENANCE = 'provenance { source url author reviewer created reviewed }';
const MAPPING = `id sourceId targetId relationship rationale strength method status origin note reviewNote ${PROVENANCE} alsoStatedBy { relationship strength note agrees ${PROVENANCE} }`;

export const NEIGHBOURHOOD = /* GraphQL */ `query Neighbourhood($id: ID!, $depth: Int, $statuses: [Status!], $relationships: [Relationship!], $maxNodes: Int) {
  neighbourhood(id: $id, depth: $depth, statuses: $statuses, relationships: $relationships, maxNodes: $maxNodes) {
    truncated
    nodes { depth requirement { ${REQ} } }
    edges { ${MAPPING} }
  }
}`;
export interface NeighbourhoodData {
  neighbourhood: { truncated: boolean; nodes: Array<{ depth: number; requirement: RequirementRef }>; edges: Mapping[] };
}

export const PATHS = /* GraphQL */ `query Paths($from: ID!, $to: ID!, $maxLength: Int, $statuses: [Status!]) {
  paths(from: $from, to: $to, maxLength: $maxLength, statuses: $statuses, maxPaths: 20) {
    length
    steps { mappingId fromId toId relationship mapping { id rationale strength note sourceId targetId relationship } }
  }
}`;
export interface PathsData {
  paths: Array<{ length: number; steps: Array<{ mappingId: string; fromId: string; toId: string; relationship: Relationship; mapping: Pick<Mapping, 'id' | 'rationale' | 'strength' | 'note' | 'sourceId' | 'targetId' | 'relationship'> | null }> }>;
}

export const REQUIREMENT = /* GraphQL */ `query Requirement($id: ID!) {
  requirement(id: $id) {
    ${REQ} order tags
    framework { id name edition licence }
    ancestors { ${REQ} }
    children { ${REQ} }
    mappings { direction otherId relationship other { ${REQ} } mapping { ${MAPPING} reviews { status reviewer at note editsJson replacedJson } } }
    noCounterparts { otherFrameworkId note status origin provenance { source author created } }
  }
}`;
export interface RequirementData {
  requirement:
    | (RequirementRef & {
        order: number;
        tags: string[];
        framework: { id: string; name: string; edition: string; licence: string } | null;
        ancestors: RequirementRef[];
        children: RequirementRef[];
        mappings: Array<{ direction: 'outgoing' | 'incoming'; otherId: string; relationship: Relationship; other: RequirementRef | null; mapping: Mapping & { reviews: Review[] } }>;
        noCounterparts: Array<{ otherFrameworkId: string; note: string; status: Status; origin: string; provenance: { source: string; author: string; created: string } }>;
      })
    | null;
}

export const COVERAGE = /* GraphQL */ `query Coverage($relationships: [Relationship!], $statuses: [Status!]) {
  coverageMatrix(relationships: $relationships, statuses: $statuses) { source target total covered share byRelationship { relationship count } }
}`;
export interface CoverageData {
  coverageMatrix: Array<{ source: string; target: string; total: number; covered: number; share: number; byRelationship: Array<{ relationship: Relationship; count: number }> }>;
}

export const MAPPINGS = /* GraphQL */ `query Mappings($filter: MappingFilter, $limit: Int, $offset: Int) {
  mappings(filter: $filter, limit: $limit, offset: $offset) {
    ${MAPPING}
    source { ${REQ} }
    target { ${REQ} }
  }
  mappingCount(filter: $filter)
}`;
export type MappingWithEnds = Mapping & { source: RequirementRef | null; target: RequirementRef | null };
export interface MappingsData {
  mappings: MappingWithEnds[];
  /** All the filter finds, across pages. */
  mappingCount: number;
}

/** A page of the proposed mappings (optionally of some origins), and how many there are in all. */
export const REVIEW_QUEUE = /* GraphQL */ `query Queue($origins: [Origin!], $statuses: [Status!], $disputed: Boolean, $requirementId: ID, $limit: Int, $offset: Int) {
  mappings(filter: { statuses: $statuses, origins: $origins, disputed: $disputed, requirementId: $requirementId }, limit: $limit, offset: $offset) {
    ${MAPPING}
    source { ${REQ} }
    target { ${REQ} }
    reviews { status reviewer at note editsJson replacedJson }
    contradictedBy { kind composed path { fromId toId relationship } }
  }
  mappingCount(filter: { statuses: $statuses, origins: $origins, disputed: $disputed, requirementId: $requirementId })
}`;
/** A two-step path of approved mappings that reads a pair otherwise (see the API's Contradiction). */
export interface GraphContradiction {
  kind: 'opposite' | 'strictness';
  composed: Relationship;
  path: Array<{ fromId: string; toId: string; relationship: Relationship }>;
}
export type QueueItem = MappingWithEnds & { reviews: Review[]; contradictedBy: GraphContradiction[] };
export interface QueueData {
  mappings: QueueItem[];
  mappingCount: number;
}

export const REVIEW_MAPPING = /* GraphQL */ `mutation Review($id: ID!, $review: ReviewInput!) { reviewMapping(id: $id, review: $review) { ${MAPPING} } }`;
export const REJECT_MAPPING = /* GraphQL */ `mutation Reject($id: ID!, $reason: String!) { rejectMapping(id: $id, reason: $reason) { ${MAPPING} } }`;
export const CREATE_MAPPING = /* GraphQL */ `mutation CreateMapping($input: MappingInput!) { createMapping(input: $input) { ${MAPPING} } }`;
export interface CreateMappingData {
  createMapping: Mapping;
}
export const ME = /* GraphQL */ `{ me { name role } }`;

export const FRAMEWORK_SCOPE_TAGS = /* GraphQL */ `query FrameworkScopeTags($id: ID!) { framework(id: $id) { scopeTags } }`;

export const SUGGEST_MAPPINGS = /* GraphQL */ `mutation Suggest($input: SuggestInput!) {
  suggestMappings(input: $input) { from to method model reranker sources proposals created updated unchanged earlierLeft noCounterpart notices
    skipped { approved rejected reviewed otherDirection notASuggestion } }
}`;
export interface SuggestionRunData {
  suggestMappings: {
    from: string;
    to: string;
    method: string;
    model: string | null;
    reranker: string | null;
    sources: number;
    proposals: number;
    created: number | null;
    updated: number | null;
    unchanged: number | null;
    earlierLeft: number | null;
    noCounterpart: number;
    notices: string[];
    skipped: { approved: number; rejected: number; reviewed: number; otherDirection: number; notASuggestion: number };
  };
}

/** One search per framework a query names ("42001 A.6.2.4"), in one request: see lib/searchScope.ts. */
export const scopedSearchQuery = (count: number) =>
  `query ScopedSearch($text: String!, $limit: Int, ${Array.from({ length: count }, (_, i) => `$f${i}: ID!`).join(', ')}) {
  ${Array.from({ length: count }, (_, i) => `s${i}: search(text: $text, frameworkId: $f${i}, limit: $limit) { score requirement { ${REQ} } }`).join('\n  ')}
}`;

export const SEARCH = /* GraphQL */ `query Search($text: String!, $frameworkId: ID, $limit: Int) {
  search(text: $text, frameworkId: $frameworkId, limit: $limit) { score requirement { ${REQ} } }
}`;
export interface SearchData {
  search: Array<{ score: number; requirement: RequirementRef }>;
}

export const ROOTS = /* GraphQL */ `query Roots($frameworkId: ID!) { requirements(frameworkId: $frameworkId, roots: true, limit: 500) { ${REQ} } }`;
