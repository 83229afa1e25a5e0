import { useRef, useState, type RefObject } from 'react';
import { mappingId } from '../../../server/domain/ids.js';
import { ApiError } from '../api/graphql.js';
import { CREATE_MAPPING, type CreateMappingData, type RequirementRef } from '../api/queries.js';
import { useAction } from '../api/useAction.js';
import { relationshipLabel } from '../lib/format.js';
import {
  defaultStrength,
  emptyMappingDraft,
  existingPair,
  locateServerError,
  MAPPING_FIELDS,
  MAPPING_RELATIONSHIPS,
  mappingAnchor,
  RATIONALE_HINTS,
  RATIONALES,
  reviewHref,
  toMappingInput,
  validateMappingDraft,
  withRelationship,
  type MappedPair,
  type MappingDraft,
  type MappingField,
  type MappingProblems,
} from '../lib/mappingForm.js';
import { Link } from '../router.js';
import type { Relationship } from '../graph/types.js';
import { ActionStatus, TokenNote } from './ActionStatus.js';
import { FieldError } from './FieldError.js';
import { formFields } from './formFields.js';
import { FrameworkSwatch, useFrameworks } from './Frameworks.js';
import { SearchBox } from './SearchBox.js';

type Created = { id: string; target: RequirementRef };

/**
 * "Map to…": a person's own mapping from this requirement to one in any framework (createMapping). It is saved as
 * proposed, method human, with the token's name as author, and waits in the review queue like any other proposal.
 */
export function MappingForm({ id, requirement, mapped, onChanged }: { id: string; requirement: RequirementRef; mapped: readonly MappedPair[]; onChanged: () => void }) {
  const action = useAction();
  const [draft, setDraft] = useState<MappingDraft>(() => emptyMappingDraft());
  const [picked, setPicked] = useState<RequirementRef | null>(null);
  const [problems, setProblems] = useState<MappingProblems>({});
  const [created, setCreated] = useState<Created | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const set = <K extends keyof MappingDraft>(key: K, value: MappingDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (problems[key]) setProblems((p) => ({ ...p, [key]: undefined }));
  };

  const focusField = (key: MappingField) => {
    if (key === 'targetId' && !picked) searchRef.current?.focus();
    else document.getElementById(`${id}-${key}`)?.focus();
  };
  const show = (p: MappingProblems) => {
    setProblems(p);
    const first = MAPPING_FIELDS.find((k) => p[k]);
    if (first) setTimeout(() => focusField(first));
    return !first;
  };

  const submit = async () => {
    setCreated(null);
    if (!show(validateMappingDraft(draft, { sourceId: requirement.id, mapped }))) return;
    const input = toMappingInput(requirement.id, draft);
    const target = picked ?? { id: input.targetId, frameworkId: input.targetId.split(':')[0]!, ref: input.targetId, title: '' };
    const result = await action.run(`Map ${requirement.ref} to ${target.ref}`, async (call) => {
      try {
        return { mapping: (await call<CreateMappingData>(CREATE_MAPPING, { input })).createMapping };
      } catch (e) {
        // Refusals that name a field are shown at the field, not as a failure of the whole form.
        const located = e instanceof ApiError ? locateServerError(e) : null;
        if (located) return { located };
        throw e;
      }
    });
    if (!result) return;
    if (result.located) {
      action.clear();
      show(result.located);
      // Another person may have mapped the pair since the page was read: the list shows it once reloaded.
      if (result.located.targetId) onChanged();
      return;
    }
    if (!result.mapping) return;
    setCreated({ id: result.mapping.id, target });
    setDraft(emptyMappingDraft(draft.relationship));
    setPicked(null);
    setProblems({});
    onChanged();
  };

  const { field, described } = formFields<MappingField>(id, problems);
  const existing = draft.targetId ? existingPair(mapped, draft.targetId.trim()) : undefined;

  return (
    <form
      id={id}
      className="mapping-form evidence-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-title`}>Map to…</h2>
      <p className="hint">
        Your own mapping from <strong>{requirement.ref}</strong> to a requirement of any framework. It is saved as <em>proposed</em> under your name and counts for nothing until
        someone reviews it.
      </p>
      <TokenNote token={action.token} what="Creating a mapping" />
      <TargetField
        id={id}
        requirement={requirement}
        picked={picked}
        problem={problems.targetId}
        searchRef={searchRef}
        onPick={(r) => {
          setPicked(r);
          set('targetId', r?.id ?? '');
          if (r) setCreated(null);
        }}
      />
      {problems.targetId && (existing || problems.targetId.startsWith('already mapped')) && <ExistingLinks mappingId={existing?.mapping.id ?? mappingId(requirement.id, draft.targetId.trim())} requirementId={requirement.id} pair={existing} />}
      <div className="form-grid">
        {field(
          'relationship',
          `${requirement.ref} is…`,
          <select {...described('relationship')} value={draft.relationship} onChange={(e) => setDraft((d) => withRelationship(d, e.target.value as Relationship))}>
            {MAPPING_RELATIONSHIPS.map((r) => (
              <option key={r} value={r}>
                {relationshipLabel(r)}
              </option>
            ))}
          </select>,
          picked ? `…${picked.ref}` : '…the requirement chosen above',
        )}
        {field(
          'rationale',
          'Rationale',
          <select {...described('rationale')} value={draft.rationale} onChange={(e) => set('rationale', e.target.value)}>
            {RATIONALES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>,
          RATIONALE_HINTS[draft.rationale as keyof typeof RATIONALE_HINTS],
        )}
        {field(
          'strength',
          'Strength (0–10)',
          <input {...described('strength')} type="number" inputMode="numeric" min={0} max={10} step={1} value={draft.strength} onChange={(e) => set('strength', e.target.value)} />,
          `how much of one the other covers; ${defaultStrength(draft.relationship)} is usual for “${relationshipLabel(draft.relationship)}”`,
        )}
      </div>
      {field(
        'note',
        'Why they relate (your note)',
        <textarea {...described('note')} rows={3} value={draft.note} onChange={(e) => set('note', e.target.value)} placeholder="Both require… ; this one also asks for…" />,
        'the reviewer reads this to decide',
      )}
      <div className="form-grid">
        {field('provenanceSource', 'Source (optional)', <input {...described('provenanceSource')} value={draft.provenanceSource} onChange={(e) => set('provenanceSource', e.target.value)} placeholder="e.g. a published crosswalk" />, 'the document behind it; without one, “Analysis by” you')}
        {field('provenanceUrl', 'Source URL (optional)', <input {...described('provenanceUrl')} type="url" value={draft.provenanceUrl} onChange={(e) => set('provenanceUrl', e.target.value)} placeholder="https://…" />)}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={!!action.busy}>
          Create mapping
        </button>
      </div>
      <ActionStatus state={action} />
      <div aria-live="polite">{created && <CreatedNote created={created} from={requirement} />}</div>
    </form>
  );
}

/** The requirement to map to: a search box until one is chosen, then the choice with a way to change it. */
function TargetField({
  id,
  requirement,
  picked,
  problem,
  searchRef,
  onPick,
}: {
  id: string;
  requirement: RequirementRef;
  picked: RequirementRef | null;
  problem?: string;
  searchRef: RefObject<HTMLInputElement | null>;
  onPick: (r: RequirementRef | null) => void;
}) {
  const fw = useFrameworks();
  const errorId = `${id}-targetId-error`;
  return (
    <div className={`field field-targetId ${problem ? 'invalid' : ''}`}>
      {picked ? (
        <p className="picked" id={`${id}-targetId`} tabIndex={-1} aria-describedby={problem ? errorId : undefined}>
          Map to: <FrameworkSwatch id={picked.frameworkId} /> <strong>{fw.name(picked.frameworkId)} {picked.ref}</strong> {picked.title}{' '}
          <button
            type="button"
            onClick={() => {
              onPick(null);
              setTimeout(() => searchRef.current?.focus());
            }}
          >
            Change
          </button>
        </p>
      ) : (
        <SearchBox
          ref={searchRef}
          label="Map to requirement"
          placeholder="search another framework, e.g. 27001 A.5.1 or “risk assessment”"
          exclude={[requirement.id]}
          errorId={problem ? errorId : undefined}
          onPick={onPick}
        />
      )}
      <FieldError message={problem} id={errorId} inline />
    </div>
  );
}

/** Where to see a pair that is already mapped: its row in this page's list and, while proposed, the review queue. */
function ExistingLinks({ mappingId: id, requirementId, pair }: { mappingId: string; requirementId: string; pair?: MappedPair }) {
  return (
    <p className="existing-mapping">
      <a href={`#${mappingAnchor(id)}`}>Show it in the mapping list</a>
      {(!pair || pair.mapping.status === 'proposed') && (
        <>
          {' · '}
          <Link href={reviewHref(id, { origin: pair?.mapping.origin, requirementId })}>review it in the queue</Link>
        </>
      )}
    </p>
  );
}

function CreatedNote({ created, from }: { created: Created; from: RequirementRef }) {
  const fw = useFrameworks();
  return (
    <p className="flash" role="status">
      Created the mapping {from.ref} → {fw.name(created.target.frameworkId)} {created.target.ref} as <strong>proposed</strong>: it needs review before it counts.{' '}
      <Link href={reviewHref(created.id, { requirementId: from.id })}>Review it in the queue</Link> · <a href={`#${mappingAnchor(created.id)}`}>show it in the list</a>
    </p>
  );
}
