import { createHash } from 'node:crypto';
import type { Requirement } from '../domain/schemas/requirement.js';

/** What the suggester reads of a requirement: its own words and its parent's title for context. */
export interface RequirementText {
  id: string;
  frameworkId: string;
  ref: string;
  kind: string;
  title: string;
  summary: string;
  parentTitle: string;
}

/** One entry per requirement, with the parent's title looked up in the same list. */
export function requirementTexts(requirements: Requirement[]): Map<string, RequirementText> {
  const byId = new Map(requirements.map((r) => [r.id, r]));
  return new Map(
    requirements.map((r) => [
      r.id,
      {
        id: r.id,
        frameworkId: r.frameworkId,
        ref: r.ref,
        kind: r.kind,
        title: r.title,
        summary: r.summary ?? '',
        parentTitle: (r.parentId && byId.get(r.parentId)?.title) || '',
      },
    ]),
  );
}

/** The passage a model embeds: title, summary and the parent's title for context. */
export function passageOf(text: RequirementText): string {
  const head = text.title ? `${text.title}.` : text.ref;
  return [head, text.summary, text.parentTitle ? `(Part of: ${text.parentTitle}.)` : ''].filter(Boolean).join(' ');
}

/** Hash of the exact text embedded (with the model's prefix), so a changed title or summary is embedded again. */
export const textHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);
