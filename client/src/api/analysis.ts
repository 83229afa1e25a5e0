/**
 * Queries and mutations for evidence, gap analysis, the unified control set, the IMS plan and the Statement of
 * Applicability. The reports arrive as the JSON scalar; their shapes (docs/analysis.md,
 * server/domain/analysis/*.ts) are the server's own types, imported here type-only, so client and server cannot drift.
 */
import type { RequirementRef } from './queries.js';
import type { Contribution, CoverageStep } from '../../../server/domain/analysis/coverage.js';
import type { EvidenceReach as EvidenceReachReport, OutOfScopeRequirement, ReachedRequirement } from '../../../server/domain/analysis/evidenceReach.js';
import type { GapReport, GapRow, GapStatus, GapSummary } from '../../../server/domain/analysis/gapAnalysis.js';
import type { Counterpart, ImsAddition, ImsClause, ImsPlan, ImsProcess } from '../../../server/domain/analysis/imsPlan.js';
import type { SoaEvidence, SoaRow, StatementOfApplicability } from '../../../server/domain/analysis/statementOfApplicability.js';
import type { Citation, ProposedControlSet } from '../../../server/domain/analysis/unifiedControlSet.js';

export type {
  Citation, Contribution, Counterpart, CoverageStep, EvidenceReachReport, GapReport, GapRow, GapStatus, GapSummary, ImsAddition, ImsClause,
  ImsPlan, ImsProcess, OutOfScopeRequirement, ProposedControlSet, ReachedRequirement, SoaEvidence, SoaRow, StatementOfApplicability,
};

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

/** A page of the items whose id, title, owner or description hold every word of `text` (server-side), and how many do. */
export const EVIDENCE_ITEMS = /* GraphQL */ `query EvidenceItems($text: String, $limit: Int, $offset: Int) {
  evidenceItems(text: $text, limit: $limit, offset: $offset) { ${EVIDENCE} }
  evidenceCount(text: $text)
}`;
export interface EvidenceItemsData {
  evidenceItems: EvidenceItem[];
  evidenceCount: number;
}

/** How many items the register holds. */
export const EVIDENCE_COUNT = /* GraphQL */ `query EvidenceCount { evidenceCount }`;
export interface EvidenceCountData {
  evidenceCount: number;
}

export const EVIDENCE_EXISTS = /* GraphQL */ `query EvidenceExists($id: ID!) { evidence(id: $id) { id } }`;
export const REQUIREMENT_EXISTS = /* GraphQL */ `query RequirementExists($id: ID!) { requirement(id: $id) { id } }`;
export interface RequirementExistsData {
  requirement: { id: string } | null;
}
export interface EvidenceExistsData {
  evidence: { id: string } | null;
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





export const EVIDENCE_REACH = /* GraphQL */ `query EvidenceReach($evidenceId: ID!, $asOf: String, $maxPathLength: Int, $includeProposed: Boolean) {
  evidenceReach(evidenceId: $evidenceId, asOf: $asOf, maxPathLength: $maxPathLength, includeProposed: $includeProposed)
}`;
export interface EvidenceReachData {
  evidenceReach: EvidenceReachReport;
}

// Gap analysis --------------------------------------------------------------------------------------------------





export const GAP_ANALYSIS = /* GraphQL */ `query Gap($target: ID!, $haveFrameworks: [ID!], $haveEvidence: Boolean, $scope: [String!], $asOf: String, $maxPathLength: Int, $includeProposed: Boolean) {
  gapAnalysis(target: $target, haveFrameworks: $haveFrameworks, haveEvidence: $haveEvidence, scope: $scope, asOf: $asOf, maxPathLength: $maxPathLength, includeProposed: $includeProposed)
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






export const IMS_PLAN = /* GraphQL */ `query Ims($standards: [ID!]!, $includeProposed: Boolean) { imsPlan(standards: $standards, includeProposed: $includeProposed) }`;
export interface ImsPlanData {
  imsPlan: ImsPlan;
}

// Statement of Applicability ------------------------------------------------------------------------------------

export const IMPLEMENTATION_STATUSES = ['not-started', 'planned', 'in-progress', 'implemented'] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];




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
