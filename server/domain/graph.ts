import type { Mapping, Relationship, Status } from './schemas/mapping.js';
import type { Requirement } from './schemas/requirement.js';

/** A mapping as read from one of its ends: the relationship is inverted when read from the target. */
export interface MappingView {
  mapping: Mapping;
  direction: 'outgoing' | 'incoming';
  otherId: string;
  relationship: Relationship;
}

export interface RequirementDetail {
  requirement: Requirement;
  /** Root first. */
  ancestors: Requirement[];
  children: Requirement[];
  mappings: MappingView[];
}

export interface EdgeFilter {
  relationships?: Relationship[];
  statuses?: Status[];
}

export interface NeighbourhoodQuery extends EdgeFilter {
  id: string;
  depth: number;
  /** Stop adding nodes past this many; `truncated` says so. */
  maxNodes?: number;
}

export interface Neighbourhood {
  nodes: Array<{ requirement: Requirement; depth: number }>;
  edges: Mapping[];
  truncated: boolean;
}

export interface PathQuery extends EdgeFilter {
  from: string;
  to: string;
  maxLength: number;
  maxPaths?: number;
}

export interface PathStep {
  mappingId: string;
  from: string;
  to: string;
  /** As read in the direction of travel. */
  relationship: Relationship;
}

export type MappingPath = PathStep[];

export interface CoverageCell {
  source: string;
  target: string;
  /** Requirements of the source framework. */
  total: number;
  /** Source requirements with at least one matching mapping to the target framework. */
  covered: number;
  /** Matching mappings by relationship, read from the source side. */
  byRelationship: Partial<Record<Relationship, number>>;
}

export interface SearchQuery {
  text: string;
  frameworkId?: string;
  limit?: number;
}

export interface SearchHit {
  requirement: Requirement;
  score: number;
}

/** The score of a hit whose id or ref is what was searched for, in every store: above any full-text score. */
export const EXACT_MATCH_SCORE = 1000;

export const DEFAULT_EDGE_STATUSES: Status[] = ['approved'];
