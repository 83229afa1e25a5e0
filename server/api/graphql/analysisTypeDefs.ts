export const analysisTypeDefs = /* GraphQL */ `
  "A report too rich for a fixed type (paths, contributions, reasons); its shape is documented in docs/analysis.md."
  scalar JSON

  type Evidence {
    id: ID!
    title: String!
    type: String!
    owner: String!
    locationUri: String!
    collected: String!
    expires: String
    "Frameworks it may count for; empty means every framework."
    scope: [ID!]!
    description: String!
    links: [EvidenceLink!]!
  }

  type EvidenceLink {
    kind: String!
    evidenceId: ID!
    requirementId: ID
    orgControlId: ID
    requirement: Requirement
    note: String
  }

  type OrgControl {
    id: ID!
    title: String!
    description: String!
    requirementIds: [ID!]!
    requirements: [Requirement!]!
    origin: String!
    createdAt: String!
    updatedAt: String!
  }

  input EvidenceInput {
    id: ID!
    title: String!
    type: String!
    owner: String!
    locationUri: String!
    collected: String!
    expires: String
    scope: [ID!]
    description: String
  }

  input SoaEntryInput {
    frameworkId: ID!
    requirementId: ID!
    applicable: Boolean!
    justification: String
    implementationStatus: String
  }

  input ControlPartInput {
    id: ID
    title: String!
    description: String
    requirementIds: [ID!]!
  }

  extend type Query {
    "Sorted by id. text: every word (in any order, ignoring case) in the item's id, title, owner or description; at most 200 characters."
    evidenceItems(text: String, requirementId: ID, frameworkId: ID, expiredAsOf: String, limit: Int = 200, offset: Int = 0): [Evidence!]!
    "How many items evidenceItems would list with these filters and no limit."
    evidenceCount(text: String, requirementId: ID, frameworkId: ID, expiredAsOf: String): Int!
    evidence(id: ID!): Evidence
    "Every requirement in every framework one evidence item supports, full or partial, with paths and reasons; requirements outside the item's scope (outOfScope) carry their framework, ref and title as the reached ones do."
    evidenceReach(evidenceId: ID!, asOf: String, maxPathLength: Int, includeProposed: Boolean): JSON!
    "What supports one requirement and how."
    requirementSupport(requirementId: ID!, asOf: String, maxPathLength: Int, includeProposed: Boolean): JSON!
    "Every requirement of the target as covered, partial or uncovered, given what the organisation has (exactly one of the three); scope keeps only the requirements within these tags, own or inherited (role:deployer, say)."
    gapAnalysis(target: ID!, haveFrameworks: [ID!], haveRequirements: [ID!], haveEvidence: Boolean, scope: [String!], asOf: String, maxPathLength: Int, includeProposed: Boolean): JSON!
    "The organisation's unified control set as saved."
    orgControls: [OrgControl!]!
    "Controls proposed from clusters of equal/equivalent/superset mappings across these frameworks (not saved)."
    proposedControls(frameworks: [ID!]!, includeProposed: Boolean): JSON!
    imsPlan(standards: [ID!]!, includeProposed: Boolean): JSON!
    statementOfApplicability(frameworkId: ID!, asOf: String): JSON!
  }

  extend type Mutation {
    saveEvidence(input: EvidenceInput!): Evidence!
    deleteEvidence(id: ID!): Boolean!
    "Link an item to a requirement or (exclusively) to an organisation control."
    linkEvidence(evidenceId: ID!, requirementId: ID, orgControlId: ID, note: String): EvidenceLink!
    unlinkEvidence(evidenceId: ID!, requirementId: ID, orgControlId: ID): Boolean!
    "Save the proposed unified control set for these frameworks as the organisation's (replacing it)."
    adoptProposedControls(frameworks: [ID!]!, includeProposed: Boolean): [OrgControl!]!
    mergeOrgControls(ids: [ID!]!, id: ID, title: String, description: String): [OrgControl!]!
    splitOrgControl(id: ID!, parts: [ControlPartInput!]!): [OrgControl!]!
    renameOrgControl(id: ID!, title: String!, description: String): [OrgControl!]!
    deleteOrgControl(id: ID!): Boolean!
    saveSoaEntries(entries: [SoaEntryInput!]!): Boolean!
  }
`;
