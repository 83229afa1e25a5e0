/**
 * Queries and mutations for evidence, gap analysis, the unified control set, the IMS plan and the Statement of
 * Applicability. The reports arrive as the JSON scalar; their shapes (docs/analysis.md,
 * server/domain/analysis/*.ts) are restated here as the subset the explorer reads.
 */
import type { RequirementRef } from './queries.js';

// Evidence register ---------------------------------------------------------------------------------------------

export const EVIDENCE_TYPES = ['policy', 'procedure', 'record', 'report', 'log', 'configuration', 'screenshot', 'certificate', 'attestation', 'contract', 'training', 'other'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export interface EvidenceLink {
  kind: 'requirement' | 'org-control' | string;
  evidenceId: string;
  requirementId: string | null;
  orgControlId: string | null;
  note: string | null;
  requirement?: RequirementRef | null;
}

export interface EvidenceItem {
  id: string;
  title: string;
  type: string;
  owner: string;
  locationUri: string;
  collected: string;
  expires: string | null;
  scope: string[];
  description: string;
  links: EvidenceLink[];
}

const EVIDENCE = 'id title type owner locationUri collected expires scope description links { kind evidenceId requirementId orgControlId note requirement { id frameworkId ref title } }';

export const EVIDENCE_ITEMS = /* GraphQL */ `query EvidenceItems($limit: Int) { evidenceItems(limit: $limit) { ${EVIDENCE} } }`;
export interface EvidenceItemsData {
  evidenceItems: EvidenceItem[];
}

export const EVIDENCE_ONE = /* GraphQL */ `query EvidenceOne($id: ID!) { evidence(id: $id) { ${EVIDENCE} } }`;
export interface EvidenceOneData {
  evidence: EvidenceItem | null;
}

export const SAVE_EVIDENCE = /* GraphQL */ `mutation SaveEvidence($input: EvidenceInput!) { saveEvidence(input: $input) { ${EVIDENCE} } }`;
export const LINK_EVIDENCE = /* GraphQL */ `mutation LinkEvidence($evidenceId: ID!, $requirementId: ID, $orgControlId: ID, $note: String) {
  linkEvidence(evidenceId: $evidenceId, requirementId: $requirementId, orgControlId: $orgControlId, note: $note) { kind evidenceId requirementId orgControlId note }
}`;
export const UNLINK_EVIDENCE = /* GraphQL */ `mutation UnlinkEvidence($evidenceId: ID!, $requirementId: ID, $orgControlId: ID) {
  unlinkEvidence(evidenceId: $evidenceId, requirementId: $requirementId, orgControlId: $orgControlId)
}`;

// Evidence reach ------------------------------------------------------------------------------------------------

/** Relationships in analysis reports use the content files' spelling ("intersects-with"). */
export interface CoverageStep {
  mappingId: string;
  from: string;
  to: string;
  relationship: string;
  coverage: 'full' | 'partial';
  strength: number;
  status: string;
  rationale: string;
  note?: string;
}

export interface Contribution {
  sourceId: string;
  coverage: 'full' | 'partial';
  path: CoverageStep[];
  weakestStrength?: number;
  evidenceIds?: string[];
  orgControlIds?: string[];
}

export interface ReachedRequirement {
  requirementId: string;
  frameworkId: string;
  ref: string;
  title: string;
  coverage: 'full' | 'partial';
  basis: 'linked' | 'mapping' | 'parent';
  reason: string;
  contributions: Contribution[];
  inheritedFrom?: string;
}

export interface EvidenceReachReport {
  evidenceId: string;
  asOf: string;
  expired: boolean;
  expires?: string;
  scope: string[];
  maxPathLength: number;
  statuses: string[];
  sources: Array<{ requirementId: string; orgControlId?: string; known: boolean; inScope: boolean }>;
  reached: ReachedRequirement[];
  byFramework: Array<{ frameworkId: string; full: number; partial: number }>;
  outOfScope: Array<{ requirementId: string; coverage: 'full' | 'partial' }>;
  blocked: Array<{ requirementId: string; sourceId: string; reason: string; detail: string }>;
  warnings: string[];
}

export const EVIDENCE_REACH = /* GraphQL */ `query EvidenceReach($evidenceId: ID!, $asOf: String, $maxPathLength: Int, $includeProposed: Boolean) {
  evidenceReach(evidenceId: $evidenceId, asOf: $asOf, maxPathLength: $maxPathLength, includeProposed: $includeProposed)
}`;
export interface EvidenceReachData {
  evidenceReach: EvidenceReachReport;
}

// Gap analysis --------------------------------------------------------------------------------------------------

export type GapStatus = 'covered' | 'partial' | 'uncovered';

export interface GapRow {
  requirementId: string;
  ref: string;
  title: string;
  kind: string;
  parentId?: string;
  depth: number;
  assessable: boolean;
  status: GapStatus;
  basis: 'direct' | 'mapping' | 'parent' | 'rollup' | 'none';
  reasons: string[];
  contributions: Contribution[];
  sourceCount: number;
  inheritedFrom?: { requirementId: string; contributions: Contribution[] };
  noCounterparts: Array<{ otherFrameworkId: string; note: string }>;
  blocked: Array<{ sourceId: string; reason: string; detail: string }>;
  pending: Array<{ mappingId: string; otherId: string; relationship: string; status: string }>;
  expired: Contribution[];
  rollup?: { covered: number; partial: number; uncovered: number };
}

export interface GapSummary {
  assessable: number;
  covered: number;
  partial: number;
  uncovered: number;
  coveredDirectly: number;
  coveredByMapping: number;
  coveredByParent: number;
  uncoveredNoCounterpart: number;
  uncoveredNotMapped: number;
  notAssessable: number;
  withPendingMappings: number;
}

export interface GapReport {
  target: string;
  have: { kind: 'frameworks' | 'requirements' | 'evidence'; frameworks: string[]; description: string };
  maxPathLength: number;
  statuses: string[];
  asOf?: string;
  summary: GapSummary;
  rows: GapRow[];
  warnings: string[];
}

export const GAP_ANALYSIS = /* GraphQL */ `query Gap($target: ID!, $haveFrameworks: [ID!], $haveEvidence: Boolean, $asOf: String, $maxPathLength: Int, $includeProposed: Boolean) {
  gapAnalysis(target: $target, haveFrameworks: $haveFrameworks, haveEvidence: $haveEvidence, asOf: $asOf, maxPathLength: $maxPathLength, includeProposed: $includeProposed)
}`;
export interface GapData {
  gapAnalysis: GapReport;
}

// Unified control set -------------------------------------------------------------------------------------------

export interface OrgControl {
  id: string;
  title: string;
  description: string;
  requirementIds: string[];
  requirements: RequirementRef[];
  origin: 'proposed' | 'user' | string;
  createdAt: string;
  updatedAt: string;
}

const ORG_CONTROL = 'id title description requirementIds requirements { id frameworkId ref title } origin createdAt updatedAt';

export const ORG_CONTROLS = /* GraphQL */ `{ orgControls { ${ORG_CONTROL} } }`;
export interface OrgControlsData {
  orgControls: OrgControl[];
}

export interface Citation {
  requirementId: string;
  basis: 'anchor' | 'equivalent' | 'covered';
  mappingIds: string[];
}

export interface ProposedControlSet {
  frameworks: string[];
  controls: Array<{ control: Omit<OrgControl, 'requirements'>; citations: Citation[]; frameworks: string[] }>;
  summary: { controls: number; requirements: number; crossFramework: number; singletons: number; citedMoreThanOnce: number };
}

export const PROPOSED_CONTROLS = /* GraphQL */ `query Proposed($frameworks: [ID!]!, $includeProposed: Boolean) { proposedControls(frameworks: $frameworks, includeProposed: $includeProposed) }`;
export interface ProposedControlsData {
  proposedControls: ProposedControlSet;
}

export const ADOPT_CONTROLS = /* GraphQL */ `mutation Adopt($frameworks: [ID!]!, $includeProposed: Boolean) { adoptProposedControls(frameworks: $frameworks, includeProposed: $includeProposed) { id } }`;
export const MERGE_CONTROLS = /* GraphQL */ `mutation Merge($ids: [ID!]!, $title: String) { mergeOrgControls(ids: $ids, title: $title) { id } }`;
export const SPLIT_CONTROL = /* GraphQL */ `mutation Split($id: ID!, $parts: [ControlPartInput!]!) { splitOrgControl(id: $id, parts: $parts) { id } }`;
export const RENAME_CONTROL = /* GraphQL */ `mutation Rename($id: ID!, $title: String!, $description: String) { renameOrgControl(id: $id, title: $title, description: $description) { id } }`;
export const DELETE_CONTROL = /* GraphQL */ `mutation Delete($id: ID!) { deleteOrgControl(id: $id) }`;

// IMS plan ------------------------------------------------------------------------------------------------------

export interface Counterpart {
  requirementId: string;
  relationship: string;
  mappingId: string;
}

export interface ImsClause {
  requirementId: string;
  standardId: string;
  ref: string;
  title: string;
  shared: boolean;
  counterparts: Counterpart[];
  noCounterparts: Array<{ otherFrameworkId: string; note: string }>;
}

export interface ImsProcess {
  conceptId: string;
  title: string;
  summary: string;
  order: number;
  clauses: Array<{ standardId: string; items: ImsClause[] }>;
  standards: string[];
  missingIn: string[];
}

export interface ImsAddition {
  requirementId: string;
  ref: string;
  title: string;
  kind: string;
  section: string;
  conceptId?: string;
  related: Counterpart[];
  noCounterparts: Array<{ otherFrameworkId: string; note: string }>;
}

export interface ImsPlan {
  standards: string[];
  processes: ImsProcess[];
  additions: Array<{ standardId: string; items: ImsAddition[] }>;
  summary: { processes: number; sharedByAll: number; additions: Record<string, number> };
}

export const IMS_PLAN = /* GraphQL */ `query Ims($standards: [ID!]!, $includeProposed: Boolean) { imsPlan(standards: $standards, includeProposed: $includeProposed) }`;
export interface ImsPlanData {
  imsPlan: ImsPlan;
}

// Statement of Applicability ------------------------------------------------------------------------------------

export const IMPLEMENTATION_STATUSES = ['not-started', 'planned', 'in-progress', 'implemented'] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];

export interface SoaEvidence {
  evidenceId: string;
  title: string;
  expired: boolean;
  expires?: string;
  via: 'link' | 'org-control';
  orgControlId?: string;
}

export interface SoaRow {
  requirementId: string;
  ref: string;
  title: string;
  objective?: string;
  decided: boolean;
  applicable: boolean | null;
  justification: string;
  implementationStatus: ImplementationStatus;
  updatedAt?: string;
  evidence: SoaEvidence[];
  issues: string[];
}

export interface StatementOfApplicability {
  frameworkId: string;
  asOf: string;
  rows: SoaRow[];
  summary: { controls: number; decided: number; applicable: number; excluded: number; implemented: number; withEvidence: number; withIssues: number };
  orphanEntries: string[];
}

export const SOA = /* GraphQL */ `query Soa($frameworkId: ID!, $asOf: String) { statementOfApplicability(frameworkId: $frameworkId, asOf: $asOf) }`;
export interface SoaData {
  statementOfApplicability: StatementOfApplicability;
}

export const SAVE_SOA = /* GraphQL */ `mutation SaveSoa($entries: [SoaEntryInput!]!) { saveSoaEntries(entries: $entries) }`;
export interface SoaEntryInput {
  frameworkId: string;
  requirementId: string;
  applicable: boolean;
  justification?: string;
  implementationStatus?: ImplementationStatus;
}
