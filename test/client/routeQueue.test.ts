import { describe, expect, it } from 'vitest';
import { relationshipLabel } from '../../client/src/lib/format.js';
import { indexAfterRemoval, moveIndex, queueCommand, queuePage, validateEdit } from '../../client/src/lib/queue.js';
import { formatRoute, frameworkHref, intParam, listParam, parseRoute, requirementHref } from '../../client/src/lib/route.js';

describe('routes', () => {
  it('parses each view and its query', () => {
    expect(parseRoute('/')).toEqual({ view: 'hub', params: {} });
    expect(parseRoute('/matrix', '?cell=a~b&rel=equal_to')).toEqual({ view: 'matrix', params: { cell: 'a~b', rel: 'equal_to' } });
    expect(parseRoute('/review/')).toEqual({ view: 'review', params: {} });
    expect(parseRoute('/nope').view).toBe('not-found');
    expect(parseRoute('/matrix/extra').view).toBe('not-found');
    expect(parseRoute('/requirement').view).toBe('not-found');
  });

  it('round-trips requirement ids with colons, spaces, parentheses and slashes', () => {
    for (const id of ['iso42001-2023:A.6.2.8', 'eu-ai-act-2024-1689:Art. 27(1)', 'nist-ai-rmf-1.0:GOVERN 1.1', 'x:a/b']) {
      const href = requirementHref(id, { depth: 2 });
      const url = new URL(href, 'http://x');
      expect(parseRoute(url.pathname, url.search)).toEqual({ view: 'requirement', id, params: { depth: '2' } });
    }
    expect(parseRoute('/requirement/%E0%A4%A')).toEqual({ view: 'not-found', params: {} });
  });

  it('has the list of frameworks at /framework and one framework at /framework/ID', () => {
    expect(parseRoute('/framework')).toEqual({ view: 'framework', params: {} });
    expect(parseRoute('/framework/iso42001-2023', '?q=impact')).toEqual({ view: 'framework', id: 'iso42001-2023', params: { q: 'impact' } });
    expect(formatRoute({ view: 'framework' })).toBe('/framework');
    expect(frameworkHref('iso42001-2023', { q: 'A.6' })).toBe('/framework/iso42001-2023?q=A.6');
    expect(parseRoute('/framework/%E0%A4%A').view).toBe('not-found');
  });

  it('drops empty parameters when formatting', () => {
    expect(formatRoute({ view: 'hub', params: { req: 'a:1', hide: '', sel: null, depth: undefined } })).toBe('/hub?req=a%3A1');
    expect(formatRoute({ view: 'search', params: { q: 'impact assessment' } })).toBe('/search?q=impact+assessment');
  });

  it('reads list and number parameters defensively', () => {
    expect(listParam('a, b,,c')).toEqual(['a', 'b', 'c']);
    expect(listParam(undefined)).toEqual([]);
    expect(intParam('3', 1, 1, 3)).toBe(3);
    expect(intParam('9', 1, 1, 3)).toBe(1);
    expect(intParam('x', 2, 1, 3)).toBe(2);
  });
});

describe('review queue keys', () => {
  it('maps keys to commands while browsing', () => {
    expect(['j', 'k', 'a', 'r', 'e', 'ArrowDown', 'Home', '?', 'x'].map((k) => queueCommand(k, 'browse'))).toEqual(['next', 'prev', 'accept', 'reject', 'edit', 'next', 'first', 'help', null]);
  });
  it('ignores keys typed into fields, with modifiers, or while a form is open; Escape cancels the form', () => {
    expect(queueCommand('a', 'browse', { inField: true })).toBeNull();
    expect(queueCommand('a', 'browse', { ctrl: true })).toBeNull();
    expect(queueCommand('a', 'reject')).toBeNull();
    expect(queueCommand('Escape', 'edit')).toBe('cancel');
    expect(queueCommand('Escape', 'browse')).toBeNull();
  });
  it('pages with n / p (and Page Down / Page Up), never while a form is open', () => {
    expect(['n', 'p', 'PageDown', 'PageUp'].map((k) => queueCommand(k, 'browse'))).toEqual(['nextPage', 'prevPage', 'nextPage', 'prevPage']);
    expect(queueCommand('n', 'edit')).toBeNull();
    expect(queueCommand('n', 'browse', { inField: true })).toBeNull();
  });
  it('places a page in the queue, and after decisions starts the next page right after what is still shown', () => {
    expect(queuePage({ from: 0, size: 2, shown: 2, serverTotal: 5, decided: 0 })).toEqual({ first: 1, last: 2, total: 5, prevFrom: null, nextFrom: 2 });
    expect(queuePage({ from: 2, size: 2, shown: 2, serverTotal: 5, decided: 0 })).toEqual({ first: 3, last: 4, total: 5, prevFrom: 0, nextFrom: 4 });
    expect(queuePage({ from: 4, size: 2, shown: 1, serverTotal: 5, decided: 0 })).toEqual({ first: 5, last: 5, total: 5, prevFrom: 2, nextFrom: null });
    // One of the first page decided: the server's queue moved up by one, so the next page starts at 1, not 2.
    expect(queuePage({ from: 0, size: 2, shown: 1, serverTotal: 5, decided: 1 })).toEqual({ first: 1, last: 1, total: 4, prevFrom: null, nextFrom: 1 });
    // A page emptied by decisions, with more after it: they now sit where it was.
    expect(queuePage({ from: 0, size: 2, shown: 0, serverTotal: 5, decided: 2 })).toMatchObject({ first: 0, total: 3, nextFrom: 0 });
    expect(queuePage({ from: 0, size: 2, shown: 0, serverTotal: 0, decided: 0 })).toEqual({ first: 0, last: 0, total: 0, prevFrom: null, nextFrom: null });
    expect(queuePage({ from: 3, size: 5, shown: 1, serverTotal: 4, decided: 0 }).prevFrom).toBe(0);
  });
  it('moves within bounds', () => {
    expect(moveIndex(0, 3, 'prev')).toBe(0);
    expect(moveIndex(2, 3, 'next')).toBe(2);
    expect(moveIndex(1, 3, 'last')).toBe(2);
    expect(moveIndex(0, 0, 'next')).toBe(0);
  });
  it('keeps the selection on the item that takes the removed one’s place', () => {
    expect(indexAfterRemoval(['a', 'b', 'c'], 1, 'b')).toEqual({ ids: ['a', 'c'], index: 1 });
    expect(indexAfterRemoval(['a', 'b', 'c'], 2, 'c')).toEqual({ ids: ['a', 'b'], index: 1 });
    expect(indexAfterRemoval(['a', 'b', 'c'], 2, 'a')).toEqual({ ids: ['b', 'c'], index: 1 });
    expect(indexAfterRemoval(['a'], 0, 'a')).toEqual({ ids: [], index: 0 });
  });
  it('checks strength and the rejection reason before sending', () => {
    expect(validateEdit({ strength: '7' })).toEqual({});
    expect(validateEdit({ strength: '11' }).strength).toBe('strength must be a whole number from 0 to 10, got "11"');
    expect(validateEdit({ strength: '2.5' }).strength).toMatch(/whole number/);
    expect(validateEdit({ rejecting: true, reason: '  ' }).reason).toBe('a rejection needs a reason');
  });
});

describe('format', () => {
  it('names relationships briefly', () => {
    expect(relationshipLabel('intersects_with')).toBe('intersects with');
    expect(relationshipLabel('no_relationship')).toBe('no relationship');
  });
});
