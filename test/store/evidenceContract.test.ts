import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeOrgControls } from '../../server/domain/analysis/unifiedControlSet.js';
import { InputError, NotFoundError } from '../../server/domain/errors.js';
import { EvidenceSchema, type Evidence, type EvidenceInput } from '../../server/domain/schemas/evidence.js';
import type { OrgControl } from '../../server/domain/schemas/orgControl.js';
import type { SoaEntry } from '../../server/domain/schemas/soa.js';
import { supportsEvidence, type EvidenceStore, type GraphStore } from '../../server/store/types.js';
import { smallBundle } from '../fixtures/smallBundle.js';
import { createTestStores, type StoreId } from './testStores.js';

const stores = createTestStores();
afterAll(() => stores.closeAll());

/** The stores of this machine that have the EvidenceStore capability (a store gains the suite by implementing it). */
async function evidenceCapable(): Promise<StoreId[]> {
  const ids: StoreId[] = [];
  for (const id of stores.eachSupportedId()) {
    if (id === 'sqlite') ids.push(id);
    else {
      const { Neo4jStore } = await import('../../server/store/neo4j/Neo4jStore.js');
      if (supportsEvidence(Neo4jStore.prototype as object)) ids.push(id);
    }
  }
  return ids;
}

const item = (id: string, extra: Partial<EvidenceInput> = {}): Evidence =>
  EvidenceSchema.parse({ id, title: `Evidence ${id}`, type: 'record', owner: 'GRC team', locationUri: `https://docs.example.org/${id}`, collected: '2026-01-10', ...extra });

const control = (id: string, requirementIds: string[], extra: Partial<OrgControl> = {}): OrgControl => ({
  id, title: `Control ${id}`, description: '', requirementIds, origin: 'proposed', createdAt: '2026-02-01T00:00:00Z', updatedAt: '2026-02-01T00:00:00Z', ...extra,
});

const entry = (requirementId: string, extra: Partial<SoaEntry> = {}): SoaEntry => ({
  frameworkId: requirementId.slice(0, requirementId.indexOf(':')), requirementId, applicable: true, justification: 'Needed for our AI products.',
  implementationStatus: 'planned', ...extra,
});

describe.each(await evidenceCapable())('EvidenceStore contract: %s', (id) => {
  let store: GraphStore & EvidenceStore;
  beforeEach(async () => {
    const opened = await stores.init(id);
    if (!supportsEvidence(opened)) throw new Error(`${id} store lost the EvidenceStore capability`);
    store = opened;
    await store.loadContent(smallBundle());
  });
  afterEach(() => store.close());

  describe('evidence items', () => {
    it('saves, reads back exactly, lists by id and replaces in place', async () => {
      const full = item('EV-2', { expires: '2026-12-31', scope: ['fw-a', 'fw-b'], description: 'Signed minutes.' });
      expect(await store.saveEvidence(full)).toEqual(full);
      await store.saveEvidence(item('EV-1'));
      expect(await store.getEvidence('EV-2')).toEqual(full);
      expect(await store.getEvidence('EV-404')).toBeUndefined();
      expect((await store.listEvidence()).map((e) => e.id)).toEqual(['EV-1', 'EV-2']);
      const changed = { ...full, title: 'Minutes (signed)', scope: [] };
      await store.saveEvidence(changed);
      expect(await store.getEvidence('EV-2')).toEqual(changed);
      expect(await store.listEvidence()).toHaveLength(2);
    });

    it('refuses a scope naming a framework the store does not know', async () => {
      await expect(store.saveEvidence(item('EV-1', { scope: ['pci-dss-4.0'] }))).rejects.toBeInstanceOf(NotFoundError);
      expect(await store.listEvidence()).toEqual([]);
    });

    it('filters by linked requirement, linked control, framework scope and expiry', async () => {
      await store.saveEvidence(item('EV-1', { scope: ['fw-a'] }));
      await store.saveEvidence(item('EV-2', { expires: '2026-03-01' }));
      await store.saveEvidence(item('EV-3', { scope: ['fw-b'], expires: '2027-01-01' }));
      await store.saveOrgControls([control('UC-1', ['fw-a:1.1', 'fw-b:B-1'])]);
      await store.linkEvidence({ kind: 'requirement', evidenceId: 'EV-1', requirementId: 'fw-a:2' });
      await store.linkEvidence({ kind: 'requirement', evidenceId: 'EV-2', requirementId: 'fw-a:2' });
      await store.linkEvidence({ kind: 'org-control', evidenceId: 'EV-3', orgControlId: 'UC-1' });
      const ids = async (filter: Parameters<EvidenceStore['listEvidence']>[0]) => (await store.listEvidence(filter)).map((e) => e.id);
      expect(await ids({ requirementId: 'fw-a:2' })).toEqual(['EV-1', 'EV-2']);
      expect(await ids({ orgControlId: 'UC-1' })).toEqual(['EV-3']);
      expect(await ids({ frameworkId: 'fw-a' })).toEqual(['EV-1', 'EV-2']);
      expect(await ids({ frameworkId: 'fw-b' })).toEqual(['EV-2', 'EV-3']);
      expect(await ids({ expiredAsOf: '2026-06-01' })).toEqual(['EV-2']);
      expect(await ids({ expiredAsOf: '2026-03-01' })).toEqual([]);
      expect(await ids({ limit: 1, offset: 1 })).toEqual(['EV-2']);
    });

    it('finds items by text: every word, in any order, ignoring case, in the id, title, owner or description', async () => {
      await store.saveEvidence(item('EV-1', { title: 'AI Policy, approved by the Board', description: "The board's signed minutes." }));
      await store.saveEvidence(item('EV-2', { title: 'Incident log export', owner: 'SOC', description: 'Weekly 100% sample of tickets from C:\\logs' }));
      await store.saveEvidence(item('EV-3', { title: 'Risk_register v2', owner: 'Risk office', scope: ['fw-b'], description: 'Évaluation des risques' }));
      await store.saveEvidence(item('policy/ai-2026', { title: 'Model card', description: 'Board-approved summary' }));
      const ids = async (text: string, extra: Parameters<EvidenceStore['listEvidence']>[0] = {}) => (await store.listEvidence({ ...extra, text })).map((e) => e.id);
      // Words in any order and any case, each matched on its own; sorted by id like every list.
      expect(await ids('board POLICY')).toEqual(['EV-1', 'policy/ai-2026']);
      expect(await ids('Policy approved bOaRd')).toEqual(['EV-1', 'policy/ai-2026']);
      expect(await ids('  minutes   board  ')).toEqual(['EV-1']);
      // Each field: id, title, owner, description.
      expect(await ids('ev-2')).toEqual(['EV-2']);
      expect(await ids('policy/AI')).toEqual(['policy/ai-2026']);
      expect(await ids('soc')).toEqual(['EV-2']);
      expect(await ids('weekly')).toEqual(['EV-2']);
      // Letters outside ASCII fold too.
      expect(await ids('ÉVALUATION')).toEqual(['EV-3']);
      expect(await ids('évaluation RISQUES')).toEqual(['EV-3']);
      // Plain text: LIKE wildcards, the escape character and quotes match only themselves.
      expect(await ids('100%')).toEqual(['EV-2']);
      expect(await ids('%')).toEqual(['EV-2']);
      expect(await ids('isk%reg')).toEqual([]);
      expect(await ids('_')).toEqual(['EV-3']);
      expect(await ids('k_r')).toEqual(['EV-3']);
      expect(await ids('e_m')).toEqual([]);
      expect(await ids('c:\\logs')).toEqual(['EV-2']);
      expect(await ids("board's")).toEqual(['EV-1']);
      expect(await ids('"board"')).toEqual([]);
      // Every word must match; no match is an empty list; blank filters nothing.
      expect(await ids('board nowhere')).toEqual([]);
      expect(await ids('nowhere')).toEqual([]);
      expect(await store.countEvidence({ text: 'nowhere' })).toBe(0);
      expect(await ids('   ')).toEqual(['EV-1', 'EV-2', 'EV-3', 'policy/ai-2026']);
      // With the other filters.
      await store.linkEvidence({ kind: 'requirement', evidenceId: 'EV-1', requirementId: 'fw-a:2' });
      await store.linkEvidence({ kind: 'requirement', evidenceId: 'EV-3', requirementId: 'fw-a:2' });
      expect(await ids('board', { requirementId: 'fw-a:2' })).toEqual(['EV-1']);
      expect(await ids('risk', { requirementId: 'fw-a:2' })).toEqual(['EV-3']);
      expect(await ids('risk', { frameworkId: 'fw-b' })).toEqual(['EV-3']);
      expect(await ids('risk', { frameworkId: 'fw-a' })).toEqual([]);
      expect(await ids('board', { frameworkId: 'fw-b' })).toEqual(['EV-1', 'policy/ai-2026']);
      expect(await store.countEvidence({ text: 'board', requirementId: 'fw-a:2' })).toBe(1);
      // Paging: a page of the matches, and the count of all of them.
      const all = await ids('e');
      expect(all).toEqual(['EV-1', 'EV-2', 'EV-3', 'policy/ai-2026']);
      expect(await ids('e', { limit: 2 })).toEqual(all.slice(0, 2));
      expect(await ids('e', { limit: 2, offset: 2 })).toEqual(all.slice(2, 4));
      expect(await ids('e', { limit: 2, offset: 4 })).toEqual([]);
      expect(await store.countEvidence({ text: 'e' })).toBe(4);
      expect(await store.countEvidence({ text: 'board' })).toBe(2);
      expect(await store.countEvidence()).toBe(4);
      expect(await store.countEvidence({ frameworkId: 'fw-a' })).toBe(3);
    });

    it('deletes an item with its links', async () => {
      await store.saveEvidence(item('EV-1'));
      await store.linkEvidence({ kind: 'requirement', evidenceId: 'EV-1', requirementId: 'fw-a:2' });
      expect(await store.deleteEvidence('EV-1')).toBe(true);
      expect(await store.deleteEvidence('EV-1')).toBe(false);
      expect(await store.listEvidenceLinks({})).toEqual([]);
    });
  });

  describe('links', () => {
    it('links to requirements and controls, replaces a note, unlinks, and lists in a fixed order', async () => {
      await store.saveEvidence(item('EV-1'));
      await store.saveEvidence(item('EV-2'));
      await store.saveOrgControls([control('UC-1', ['fw-a:1.1'])]);
      await store.linkEvidence({ kind: 'org-control', evidenceId: 'EV-1', orgControlId: 'UC-1' });
      await store.linkEvidence({ kind: 'requirement', evidenceId: 'EV-1', requirementId: 'fw-b:B-1', note: 'first' });
      await store.linkEvidence({ kind: 'requirement', evidenceId: 'EV-2', requirementId: 'fw-a:1.1' });
      expect(await store.linkEvidence({ kind: 'requirement', evidenceId: 'EV-1', requirementId: 'fw-b:B-1', note: 'second' })).toEqual({
        kind: 'requirement', evidenceId: 'EV-1', requirementId: 'fw-b:B-1', note: 'second',
      });
      expect(await store.listEvidenceLinks()).toEqual([
        { kind: 'requirement', evidenceId: 'EV-1', requirementId: 'fw-b:B-1', note: 'second' },
        { kind: 'org-control', evidenceId: 'EV-1', orgControlId: 'UC-1' },
        { kind: 'requirement', evidenceId: 'EV-2', requirementId: 'fw-a:1.1' },
      ]);
      expect(await store.listEvidenceLinks({ requirementId: 'fw-a:1.1' })).toHaveLength(1);
      expect(await store.listEvidenceLinks({ orgControlId: 'UC-1' })).toHaveLength(1);
      expect(await store.unlinkEvidence({ kind: 'requirement', evidenceId: 'EV-1', requirementId: 'fw-b:B-1' })).toBe(true);
      expect(await store.unlinkEvidence({ kind: 'requirement', evidenceId: 'EV-1', requirementId: 'fw-b:B-1' })).toBe(false);
      expect(await store.listEvidenceLinks({ evidenceId: 'EV-1' })).toEqual([{ kind: 'org-control', evidenceId: 'EV-1', orgControlId: 'UC-1' }]);
    });

    it('refuses links to an unknown item, requirement or control', async () => {
      await store.saveEvidence(item('EV-1'));
      await expect(store.linkEvidence({ kind: 'requirement', evidenceId: 'EV-9', requirementId: 'fw-a:2' })).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.linkEvidence({ kind: 'requirement', evidenceId: 'EV-1', requirementId: 'fw-a:99' })).rejects.toThrow(/fw-a:99/);
      await expect(store.linkEvidence({ kind: 'org-control', evidenceId: 'EV-1', orgControlId: 'UC-9' })).rejects.toBeInstanceOf(NotFoundError);
      expect(await store.listEvidenceLinks()).toEqual([]);
    });

    it('imports items and links all or nothing; an imported item\'s links become exactly the imported ones', async () => {
      await store.saveEvidence(item('EV-1'));
      await store.linkEvidence({ kind: 'requirement', evidenceId: 'EV-1', requirementId: 'fw-a:2' });
      const broken = { evidence: [item('EV-1', { title: 'changed' }), item('EV-2')], links: [{ kind: 'requirement' as const, evidenceId: 'EV-2', requirementId: 'fw-x:1' }] };
      await expect(store.importEvidence(broken)).rejects.toBeInstanceOf(NotFoundError);
      expect((await store.getEvidence('EV-1'))!.title).toBe('Evidence EV-1');
      expect(await store.getEvidence('EV-2')).toBeUndefined();
      const summary = await store.importEvidence({
        evidence: [item('EV-1', { title: 'changed' }), item('EV-2')],
        links: [{ kind: 'requirement', evidenceId: 'EV-1', requirementId: 'fw-b:B-2' }, { kind: 'requirement', evidenceId: 'EV-2', requirementId: 'fw-a:2' }],
      });
      expect(summary).toEqual({ added: 1, updated: 1, links: 2 });
      expect(await store.listEvidenceLinks({ evidenceId: 'EV-1' })).toEqual([{ kind: 'requirement', evidenceId: 'EV-1', requirementId: 'fw-b:B-2' }]);
    });
  });

  describe('organisation controls', () => {
    it('saves the set in order with citations, and replaces a control\'s citations', async () => {
      await store.saveOrgControls([control('UC-2', ['fw-b:B-2', 'fw-a:2']), control('UC-1', ['fw-a:1.1', 'fw-b:B-1', 'fw-c:GOVERN 1.1'])]);
      expect((await store.listOrgControls()).map((c) => c.id)).toEqual(['UC-2', 'UC-1']);
      expect(await store.getOrgControl('UC-2')).toEqual(control('UC-2', ['fw-b:B-2', 'fw-a:2']));
      const edited = control('UC-2', ['fw-a:2'], { title: 'Risk', origin: 'user', updatedAt: '2026-03-01T00:00:00Z' });
      await store.saveOrgControls([edited]);
      expect(await store.getOrgControl('UC-2')).toEqual(edited);
      await expect(store.saveOrgControls([control('UC-3', ['fw-a:404'])])).rejects.toBeInstanceOf(NotFoundError);
      expect(await store.getOrgControl('UC-3')).toBeUndefined();
    });

    it('persists a merge: the merged-away control goes and its evidence links move', async () => {
      const set = [control('UC-1', ['fw-a:1.1', 'fw-b:B-1']), control('UC-2', ['fw-a:2', 'fw-b:B-2'])];
      await store.saveOrgControls(set);
      await store.saveEvidence(item('EV-1'));
      await store.saveEvidence(item('EV-2'));
      await store.linkEvidence({ kind: 'org-control', evidenceId: 'EV-1', orgControlId: 'UC-2' });
      await store.linkEvidence({ kind: 'org-control', evidenceId: 'EV-2', orgControlId: 'UC-1' });
      await store.linkEvidence({ kind: 'org-control', evidenceId: 'EV-2', orgControlId: 'UC-2' });
      const change = mergeOrgControls(set, { ids: ['UC-1', 'UC-2'], title: 'Governance and risk', at: '2026-04-01T00:00:00Z' });
      await store.saveOrgControls(change.controls, { remove: change.removed, moveLinks: change.moveLinks });
      expect(await store.listOrgControls()).toEqual(change.controls);
      expect((await store.listOrgControls())[0]!.requirementIds).toEqual(['fw-a:1.1', 'fw-b:B-1', 'fw-a:2', 'fw-b:B-2']);
      expect(await store.listEvidenceLinks()).toEqual([
        { kind: 'org-control', evidenceId: 'EV-1', orgControlId: 'UC-1' },
        { kind: 'org-control', evidenceId: 'EV-2', orgControlId: 'UC-1' },
      ]);
    });

    it('deletes a control with the evidence links to it', async () => {
      await store.saveOrgControls([control('UC-1', ['fw-a:1.1'])]);
      await store.saveEvidence(item('EV-1'));
      await store.linkEvidence({ kind: 'org-control', evidenceId: 'EV-1', orgControlId: 'UC-1' });
      expect(await store.deleteOrgControl('UC-1')).toBe(true);
      expect(await store.deleteOrgControl('UC-1')).toBe(false);
      expect(await store.listEvidenceLinks()).toEqual([]);
      expect(await store.getEvidence('EV-1')).toBeDefined();
    });
  });

  describe('Statement of Applicability entries', () => {
    it('saves, replaces, lists per framework and deletes', async () => {
      await store.saveSoaEntries([entry('fw-b:B-2'), entry('fw-b:B-1', { applicable: false, justification: 'No such activity.', implementationStatus: 'not-started' })]);
      await store.saveSoaEntries([entry('fw-a:2')]);
      expect((await store.listSoaEntries('fw-b')).map((e) => e.requirementId)).toEqual(['fw-b:B-1', 'fw-b:B-2']);
      const updated = entry('fw-b:B-2', { implementationStatus: 'implemented', updatedAt: '2026-05-01T09:00:00Z' });
      await store.saveSoaEntries([updated]);
      expect((await store.listSoaEntries('fw-b'))[1]).toEqual(updated);
      expect(await store.deleteSoaEntry('fw-b', 'fw-b:B-1')).toBe(true);
      expect(await store.deleteSoaEntry('fw-b', 'fw-b:B-1')).toBe(false);
      expect(await store.listSoaEntries('fw-b')).toEqual([updated]);
    });

    it('refuses an entry for an unknown requirement or one of another framework, writing nothing', async () => {
      await expect(store.saveSoaEntries([entry('fw-a:2'), entry('fw-a:404')])).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.saveSoaEntries([{ ...entry('fw-a:2'), frameworkId: 'fw-b' }])).rejects.toBeInstanceOf(InputError);
      expect(await store.listSoaEntries('fw-a')).toEqual([]);
    });
  });

  describe('content reloads never touch what people made', () => {
    it('keeps evidence, links, controls and SoA entries, and the requirements they point at', async () => {
      // Each kind of people's work points at its own requirement, so each guard is tested on its own.
      await store.saveEvidence(item('EV-1', { scope: ['fw-a'] }));
      await store.saveOrgControls([control('UC-1', ['fw-b:B-3'])]);
      await store.linkEvidence({ kind: 'requirement', evidenceId: 'EV-1', requirementId: 'fw-a:3' });
      await store.linkEvidence({ kind: 'org-control', evidenceId: 'EV-1', orgControlId: 'UC-1' });
      await store.saveSoaEntries([entry('fw-c:MAP 1.1')]);
      const snapshot = async () => ({
        evidence: await store.listEvidence(), links: await store.listEvidenceLinks(), controls: await store.listOrgControls(), soa: await store.listSoaEntries('fw-c'),
      });
      const before = await snapshot();

      // New content: the requirements people pointed at are gone from the files, a title changed, mappings dropped.
      const dropped = ['fw-a:3', 'fw-b:B-3', 'fw-c:MAP 1.1'];
      const next = smallBundle();
      next.requirements = next.requirements.filter((r) => !dropped.includes(r.id));
      next.mappings = next.mappings.filter((m) => !dropped.includes(m.target) && !dropped.includes(m.source));
      next.noCounterparts = [];
      next.requirements[0]!.title = 'Governance (revised)';
      const summary = await store.loadContent(next);
      expect(summary.changed).toBe(true);

      expect(await snapshot()).toEqual(before);
      expect((await store.getRequirements(dropped)).map((r) => r.id)).toEqual(dropped);
      // And a reload of the same content still writes nothing.
      expect((await store.loadContent(next)).changed).toBe(false);
    });
  });
});
