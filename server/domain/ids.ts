import type { FrameworkId, RequirementId } from './schemas/common.js';

/** A framework id: a lowercase slug with its edition ("iso27001-2022"). Plain, so the explorer checks forms with it too. */
export const FRAMEWORK_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

export const requirementId = (frameworkId: FrameworkId, ref: string): RequirementId => `${frameworkId}:${ref}`;

export function splitRequirementId(id: RequirementId): { frameworkId: FrameworkId; ref: string } {
  const colon = id.indexOf(':');
  if (colon <= 0) throw new TypeError(`invalid requirement id: "${id}" (expected "<framework-id>:<ref>")`);
  return { frameworkId: id.slice(0, colon), ref: id.slice(colon + 1) };
}

export const frameworkOf = (id: RequirementId): FrameworkId => splitRequirementId(id).frameworkId;

/** One mapping per ordered pair; the id is stable so reloads and reviews address the same edge. */
export const mappingId = (source: RequirementId, target: RequirementId): string => `${source} -> ${target}`;
