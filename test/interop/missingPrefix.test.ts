import { describe, expect, it } from 'vitest';
import { missingPrefix } from '../../server/interop/missingPrefix.js';

describe('missingPrefix', () => {
  it('finds one prefix that makes nearly all unknown ids refs, and nothing when ids mostly match or several prefixes fit', () => {
    const annex = ['5.1', 'A.5.1', 'A.5.2', 'A.5.3', 'A.6.1'];
    expect(missingPrefix(annex, ['5.1', '5.2', '5.3', '6.1'])).toBe('A.');
    expect(missingPrefix(annex, ['A.5.1', 'A.5.2', 'A.5.3', '5.1', '9.9'])).toBeUndefined(); // mostly written in full
    expect(missingPrefix(annex, ['5.2', '9.8', '9.9'])).toBeUndefined(); // most unknown ids stay unknown
    expect(missingPrefix(['AC-1', 'AC-2', 'AC-3', 'AU-1', 'AU-2', 'AU-3'], ['1', '2', '3'])).toBeUndefined(); // AC- or AU-?
  });
});
