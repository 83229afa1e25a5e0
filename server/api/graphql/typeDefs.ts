export const typeDefs = /* GraphQL */ `
  "Set-theory relationship (NIST IR 8477, OSCAL 1.2 names with _ for -)."
  enum Relationship { equal_to equivalent_to subset_of superset_of intersects_with no_relationship }
  enum Rationale { syntactic semantic functional }
  enum Method { human automation hybrid }
  enum Status { proposed approved rejected }
  enum Origin { reference user import suggestion }
  enum Direction { outgoing incoming }

  type Framework {
    id: ID!
    name: String!
    edition: String!
    publisher: String!
    url: String
    licence: String!
    description: String
    family: String
    "The catalog's own short name, if it gives one."
    shortName: String
    "A label for graph nodes and table headers: the catalog's own short name, else one derived from the name and edition."
    shortLabel: String!
    requirementCount: Int!
    "Mappings of any status with an end in this framework."
    mappingCount: Int!
    "Top-level requirements, in document order."
    roots: [Requirement!]!
    "Tags that group its requirements (role:deployer in the EU AI Act), which a gap analysis or a suggestion run can be scoped to."
    scopeTags: [String!]!
  }

  type Requirement {
    id: ID!
    frameworkId: ID!
    framework: Framework
    ref: String!
    kind: String!
    title: String!
    summary: String
    parentId: ID
    parent: Requirement
    "Root first."
    ancestors: [Requirement!]!
    children: [Requirement!]!
    order: Int!
    tags: [String!]!
    "Mappings read from this requirement's side (relationships inverted for incoming edges)."
    mappings(statuses: [Status!], relationships: [Relationship!]): [MappingView!]!
    noCounterparts: [NoCounterpart!]!
  }

  type Provenance {
    source: String!
    url: String
    author: String!
    reviewer: String
    created: String!
    reviewed: String
  }

  "Another source's statement of a mapping's pair, read in the mapping's direction."
  type SourceStatement {
    relationship: Relationship!
    strength: Int
    note: String
    provenance: Provenance!
    "Whether it states the same relationship as the mapping."
    agrees: Boolean!
  }

  type Mapping {
    id: ID!
    sourceId: ID!
    targetId: ID!
    source: Requirement
    target: Requirement
    relationship: Relationship!
    rationale: Rationale!
    strength: Int!
    method: Method!
    status: Status!
    origin: Origin!
    provenance: Provenance!
    note: String
    reviewNote: String
    "Other sources that state the same pair (a second crosswalk): they corroborate the mapping, or, where they disagree, call for review."
    alsoStatedBy: [SourceStatement!]!
    "Two-step paths of approved mappings through a third framework that read the pair otherwise: what approving it as it stands would contradict."
    contradictedBy: [Contradiction!]!
    reviews: [Review!]!
  }

  type MappingView {
    mapping: Mapping!
    direction: Direction!
    otherId: ID!
    other: Requirement
    relationship: Relationship!
  }

  type Review {
    status: Status!
    reviewer: String!
    at: String!
    note: String
    "The corrections made with this decision, as a JSON object (relationship, rationale, strength, note)."
    editsJson: String
    "What those corrections replaced: the mapping's earlier values of the fields they changed, as a JSON object."
    replacedJson: String
  }

  type NoCounterpart {
    requirementId: ID!
    requirement: Requirement
    otherFrameworkId: ID!
    note: String!
    status: Status!
    origin: Origin!
    provenance: Provenance!
  }

  type HarmonizedClause {
    id: ID!
    title: String!
    summary: String!
    order: Int!
    requirementIds: [ID!]!
    requirements: [Requirement!]!
  }

  type NeighbourhoodNode { requirement: Requirement!, depth: Int! }
  type Neighbourhood { nodes: [NeighbourhoodNode!]!, edges: [Mapping!]!, truncated: Boolean! }
  type PathStep { mappingId: ID!, fromId: ID!, toId: ID!, relationship: Relationship!, mapping: Mapping }
  type MappingPath { steps: [PathStep!]!, length: Int! }

  "opposite: one of the readings is wrong; strictness: an equivalence against a proper containment, often two conventions."
  enum ContradictionKind { opposite strictness }
  type Contradiction {
    mapping: Mapping!
    kind: ContradictionKind!
    "What the path composes to, read from the mapping's source to its target."
    composed: Relationship!
    path: [PathStep!]!
  }

  type RelationshipCount { relationship: Relationship!, count: Int! }
  type CoverageCell {
    source: ID!
    target: ID!
    total: Int!
    covered: Int!
    share: Float!
    byRelationship: [RelationshipCount!]!
  }

  type SearchHit { requirement: Requirement!, score: Float! }

  type UnmappedReport {
    from: ID!
    to: ID!
    "The tags the report is narrowed to, as matched (trimmed, once each); empty for the whole framework."
    scope: [String!]!
    total: Int!
    mapped: Int!
    noCounterpart: Int!
    "Informative requirements (guidance annexes): left out of total and unmapped, counted here."
    informative: Int!
    unmapped: [Requirement!]!
  }

  type Principal { name: String!, role: String! }

  input MappingFilter {
    "Two framework ids: mappings between them in either stored direction."
    frameworks: [ID!]
    frameworkId: ID
    requirementId: ID
    relationships: [Relationship!]
    statuses: [Status!]
    methods: [Method!]
    origins: [Origin!]
    provenanceSource: String
    "Only mappings that a further source states with another relationship."
    disputed: Boolean
  }

  type Query {
    frameworks: [Framework!]!
    framework(id: ID!): Framework
    requirement(id: ID!): Requirement
    requirements(frameworkId: ID, parentId: ID, roots: Boolean, kinds: [String!], limit: Int = 200, offset: Int = 0): [Requirement!]!
    search(text: String!, frameworkId: ID, limit: Int = 20): [SearchHit!]!
    mapping(id: ID!): Mapping
    mappings(filter: MappingFilter, limit: Int = 100, offset: Int = 0): [Mapping!]!
    "How many mappings the filter finds (mappings pages through them)."
    mappingCount(filter: MappingFilter): Int!
    noCounterparts(requirementId: ID, frameworkId: ID, otherFrameworkId: ID): [NoCounterpart!]!
    harmonizedClauses: [HarmonizedClause!]!
    neighbourhood(id: ID!, depth: Int = 1, relationships: [Relationship!], statuses: [Status!] = [approved], maxNodes: Int = 500): Neighbourhood!
    paths(from: ID!, to: ID!, maxLength: Int = 3, relationships: [Relationship!], statuses: [Status!] = [approved], maxPaths: Int = 50): [MappingPath!]!
    coverageMatrix(relationships: [Relationship!], statuses: [Status!] = [approved]): [CoverageCell!]!
    unmapped(from: ID!, to: ID!, kinds: [String!], scope: [String!]): UnmappedReport!
    "Approved mappings that a two-step path of other approved mappings contradicts (crosswalk report contradictions)."
    contradictions(from: ID, to: ID, kind: ContradictionKind): [Contradiction!]!
    "Who the bearer token belongs to, if any."
    me: Principal
  }

  input MappingInput {
    sourceId: ID!
    targetId: ID!
    relationship: Relationship!
    rationale: Rationale!
    strength: Int!
    note: String
    "The document or analysis behind the mapping."
    provenanceSource: String
    provenanceUrl: String
  }

  "A run of the suggestion engine: every requirement of from against to (docs/suggestions.md)."
  input SuggestInput {
    from: ID!
    to: ID!
    "Candidates kept per source requirement (1-100; 3 when not given)."
    top: Int
    "lexical, model or hybrid; hybrid when an embedding model is installed, else lexical."
    method: String
    "An installed embedding model (crosswalk models list)."
    model: String
    "Reorder the first candidates with an installed cross-encoder."
    rerank: Boolean
    "Which cross-encoder (implies rerank)."
    reranker: String
    "Compute and count, but save nothing."
    dryRun: Boolean
    "Only the source requirements within these tags, own or inherited (role:deployer, say)."
    scope: [String!]
  }

  "Existing pairs a suggestion run left alone, by why."
  type SkippedPairs {
    approved: Int!
    rejected: Int!
    "Proposed by someone else, or touched by a reviewer."
    reviewed: Int!
    "Stored the other way round."
    otherDirection: Int!
    "Proposed by a person or an import, not by the engine."
    notASuggestion: Int!
  }

  "What a suggestion run did. Proposals are saved as proposed mappings (method automation, origin suggestion), never approved."
  type SuggestionRun {
    from: ID!
    to: ID!
    method: String!
    model: String
    reranker: String
    "Source requirements ranked."
    sources: Int!
    "Candidates proposed, over all sources."
    proposals: Int!
    "Null on a dry run."
    created: Int
    updated: Int
    unchanged: Int
    "The engine's earlier, unreviewed proposals for these requirements that this run did not make again: left in the queue. Null on a dry run."
    earlierLeft: Int
    skipped: SkippedPairs!
    "Source requirements with an approved no-counterpart record for the target framework, not looked at."
    noCounterpart: Int!
    "What the user should know: no model installed, which model, no reranker."
    notices: [String!]!
  }

  input ReviewInput {
    status: Status!
    note: String
    relationship: Relationship
    rationale: Rationale
    strength: Int
    mappingNote: String
  }

  type Mutation {
    "A person's mapping: method human, status proposed until reviewed."
    createMapping(input: MappingInput!): Mapping!
    "Record a review decision (kept in history) and apply it, with any corrections."
    reviewMapping(id: ID!, review: ReviewInput!): Mapping!
    approveMapping(id: ID!, note: String): Mapping!
    rejectMapping(id: ID!, reason: String!): Mapping!
    "Rank candidates of one framework for every requirement of another and save the best as proposed mappings for review."
    suggestMappings(input: SuggestInput!): SuggestionRun!
  }
`;
