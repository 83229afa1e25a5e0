import { NotFoundError } from '../errors.js';
import { inScope, isExpired, type Evidence, type EvidenceLink } from '../schemas/evidence.js';
import type { OrgControl } from '../schemas/orgControl.js';
import { isWithdrawn, type Requirement } from '../schemas/requirement.js';
import type { ImplementationStatus, SoaEntry } from '../schemas/soa.js';
import { maybeAsOf } from './options.js';

export interface SoaQuery {
  frameworkId: string;
  requirements: readonly Requirement[];
  entries: readonly SoaEntry[];
  evidence?: readonly Evidence[];
  links?: readonly EvidenceLink[];
  orgControls?: readonly OrgControl[];
  /** YYYY-MM-DD for expiry. */
  asOf: string;
  /** Kinds of requirement listed (default: control, i.e. the Annex A controls of 42001 and 27001). */
  kinds?: string[];
}

export interface SoaEvidence {
  evidenceId: string;
  title: string;
  expired: boolean;
  expires?: string;
  /** Linked to the control itself, or to an organisation control that cites it. */
  via: 'link' | 'org-control';
  orgControlId?: string;
}

export interface SoaRow {
  requirementId: string;
  ref: string;
  title: string;
  /** The control objective (its parent), e.g. "A.6.2 AI system life cycle". */
  objective?: string;
  /** False until the organisation records a decision. */
  decided: boolean;
  /** null while undecided. */
  applicable: boolean | null;
  justification: string;
  implementationStatus: ImplementationStatus;
  updatedAt?: string;
  evidence: SoaEvidence[];
  /** Things an auditor would ask about. */
  issues: string[];
}

export interface StatementOfApplicability {
  frameworkId: string;
  asOf: string;
  rows: SoaRow[];
  summary: { controls: number; decided: number; applicable: number; excluded: number; implemented: number; withEvidence: number; withIssues: number };
  /** Entries for requirements that are not controls of this framework (kept, not shown). */
  orphanEntries: string[];
}

/**
 * The Statement of Applicability of one framework's controls (withdrawn ones aside): the organisation's decision per control (defaults
 * for controls without one: undecided, not started), the evidence linked to it directly or through an organisation
 * control that cites it (expired items flagged, items scoped to other frameworks left out), and what an auditor would
 * question.
 */
export function statementOfApplicability(query: SoaQuery): StatementOfApplicability {
  const { frameworkId, kinds = ['control'] } = query;
  const asOf = maybeAsOf(query.asOf);
  const own = query.requirements.filter((r) => r.frameworkId === frameworkId);
  if (!own.length) throw new NotFoundError(`unknown framework "${frameworkId}" (or it has no requirements)`);
  const byId = new Map(own.map((r) => [r.id, r]));
  // A withdrawn control is no longer one to apply; a decision recorded for it stays, as an orphan entry.
  const controls = own.filter((r) => kinds.includes(r.kind) && !isWithdrawn(r)).sort((a, b) => a.order - b.order);
  const entries = new Map(query.entries.filter((e) => e.frameworkId === frameworkId).map((e) => [e.requirementId, e]));
  const items = new Map((query.evidence ?? []).map((e) => [e.id, e]));
  const orgControls = new Map((query.orgControls ?? []).map((c) => [c.id, c]));

  const evidenceOf = new Map<string, SoaEvidence[]>();
  const attach = (requirementId: string, e: Evidence, via: SoaEvidence['via'], orgControlId?: string) => {
    if (!inScope(e, frameworkId)) return;
    let list = evidenceOf.get(requirementId);
    if (!list) evidenceOf.set(requirementId, (list = []));
    if (list.some((x) => x.evidenceId === e.id && x.orgControlId === orgControlId)) return;
    list.push({ evidenceId: e.id, title: e.title, expired: isExpired(e, asOf), ...(e.expires ? { expires: e.expires } : {}), via, ...(orgControlId ? { orgControlId } : {}) });
  };
  for (const link of query.links ?? []) {
    const e = items.get(link.evidenceId);
    if (!e) continue;
    if (link.kind === 'requirement') attach(link.requirementId, e, 'link');
    else for (const r of orgControls.get(link.orgControlId)?.requirementIds ?? []) attach(r, e, 'org-control', link.orgControlId);
  }

  const rows = controls.map((control): SoaRow => {
    const entry = entries.get(control.id);
    const evidence = (evidenceOf.get(control.id) ?? []).sort((a, b) => (a.evidenceId < b.evidenceId ? -1 : 1));
    const parent = control.parentId ? byId.get(control.parentId) : undefined;
    const issues: string[] = [];
    if (!entry) issues.push('no applicability decision recorded');
    else {
      if (entry.applicable && !entry.justification.trim()) issues.push('included without a justification');
      if (!entry.applicable && entry.implementationStatus !== 'not-started') issues.push(`excluded but marked ${entry.implementationStatus}`);
      if (entry.applicable && entry.implementationStatus === 'implemented' && !evidence.some((e) => !e.expired)) issues.push('implemented but no current evidence is linked');
    }
    const stale = evidence.filter((e) => e.expired);
    if (stale.length) issues.push(`expired evidence: ${stale.map((e) => `${e.evidenceId} (${e.expires})`).join(', ')}`);
    return {
      requirementId: control.id, ref: control.ref, title: control.title, ...(parent ? { objective: `${parent.ref} ${parent.title}`.trim() } : {}),
      decided: entry !== undefined, applicable: entry ? entry.applicable : null, justification: entry?.justification ?? '',
      implementationStatus: entry?.implementationStatus ?? 'not-started', ...(entry?.updatedAt ? { updatedAt: entry.updatedAt } : {}), evidence, issues,
    };
  });
  const listed = new Set(controls.map((c) => c.id));
  return {
    frameworkId,
    asOf,
    rows,
    summary: {
      controls: rows.length,
      decided: rows.filter((r) => r.decided).length,
      applicable: rows.filter((r) => r.applicable === true).length,
      excluded: rows.filter((r) => r.applicable === false).length,
      implemented: rows.filter((r) => r.applicable === true && r.implementationStatus === 'implemented').length,
      withEvidence: rows.filter((r) => r.evidence.some((e) => !e.expired)).length,
      withIssues: rows.filter((r) => r.issues.length).length,
    },
    orphanEntries: [...entries.keys()].filter((id) => !listed.has(id)).sort(),
  };
}
