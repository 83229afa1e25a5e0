/** Shapes the explorer's pure graph modules share. GraphQL enum names (with _) are used throughout. */
export const RELATIONSHIPS = ['equal_to', 'equivalent_to', 'subset_of', 'superset_of', 'intersects_with', 'no_relationship'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
export const STATUSES = ['proposed', 'approved', 'rejected'] as const;
export type Status = (typeof STATUSES)[number];
export type Support = 'full' | 'partial' | 'none';

export interface GraphRequirement {
  id: string;
  frameworkId: string;
  ref: string;
  title: string;
}

export interface GraphMapping {
  id: string;
  sourceId: string;
  targetId: string;
  relationship: Relationship;
  strength: number;
  rationale?: string;
  status: Status;
  note?: string | null;
}

export interface FrameworkInfo {
  id: string;
  name: string;
  edition: string;
  family?: string | null;
  requirementCount?: number;
}

export interface Point {
  x: number;
  y: number;
}
