import { describe, expect, it } from 'vitest';
import { didYouMean, frameworksMeant, likelyMeant, unknownFramework } from '../../server/domain/likelyMeant.js';

const known = [
  'iso27001-2022:5.1', 'iso27001-2022:A.5.1', 'iso27001-2022:A.5.15', 'iso27001-2022:A.8.24', 'iso27001-2022:9.2.1',
  'nist-ai-rmf-1.0:GOVERN 1.1', 'nist-ai-rmf-1.0:MAP 1.1', 'nist-ai-rmf-1.0:MEASURE 1.1', 'nist-ai-rmf-1.0:MANAGE 1.1', 'nist-ai-rmf-1.0:GOVERN 1.2',
  'nist-sp-800-53-5:AC-2(1)', 'other-1:A.5.15', 'eu-ai-act-2024-1689:Art. 9', 'eu-ai-act-2024-1689:Art. 9(2)',
];

describe('likelyMeant', () => {
  it('names the ref with the prefix it leaves off, in the same framework only', () => {
    expect(likelyMeant('iso27001-2022:5.15', known)).toEqual(['iso27001-2022:A.5.15']);
    expect(likelyMeant('iso27001-2022:8.24', known)).toEqual(['iso27001-2022:A.8.24']);
    expect(didYouMean('iso27001-2022:5.15', known)).toBe(' (did you mean iso27001-2022:A.5.15?)');
  });

  it('names a ref written with other case, separators, zero padding or citation words first', () => {
    expect(likelyMeant('nist-ai-rmf-1.0:govern-1.1', known)).toEqual(['nist-ai-rmf-1.0:GOVERN 1.1']);
    expect(likelyMeant('nist-sp-800-53-5:ac-02(01)', known)).toEqual(['nist-sp-800-53-5:AC-2(1)']);
    expect(likelyMeant('iso27001-2022:a5.1', known)).toEqual(['iso27001-2022:A.5.1']);
    expect(likelyMeant('eu-ai-act-2024-1689:Article 9(2)', known)).toEqual(['eu-ai-act-2024-1689:Art. 9(2)']);
    expect(likelyMeant('eu-ai-act-2024-1689:Article 9, paragraph 2', known)).toEqual(['eu-ai-act-2024-1689:Art. 9(2)']);
  });

  it('gives no hint when many refs end the same way, when nothing is close, or for an id without a framework', () => {
    // "1.1" ends GOVERN 1.1, MAP 1.1, MEASURE 1.1 and MANAGE 1.1: four are too many to guess between.
    expect(likelyMeant('nist-ai-rmf-1.0:1.1', known)).toEqual([]);
    expect(likelyMeant('nist-ai-rmf-1.0:1.2', known)).toEqual(['nist-ai-rmf-1.0:GOVERN 1.2']);
    expect(likelyMeant('iso27001-2022:Z.9', known)).toEqual([]);
    expect(likelyMeant('unknown-1:5.15', known)).toEqual([]);
    expect(likelyMeant('5.15', known)).toEqual([]);
    expect(didYouMean('iso27001-2022:Z.9', known)).toBe('');
    // "2.1" is not the end of "9.2.1" after a letter, but after a separator it is: 9.2.1 is one of few.
    expect(likelyMeant('iso27001-2022:2.1', known)).toEqual(['iso27001-2022:9.2.1']);
  });
});

describe('frameworksMeant and unknownFramework', () => {
  const known = ['iso27001-2022', 'iso27701-2019', 'iso27701-2025', 'eu-ai-act-2024-1689', 'nist-ai-rmf-1.0'];

  it('finds the framework typed without its edition, in another edition, or in another case or spacing', () => {
    expect(frameworksMeant('iso27001', known)).toEqual(['iso27001-2022']);
    expect(frameworksMeant('iso27001-2013', known)).toEqual(['iso27001-2022']);
    expect(frameworksMeant('ISO27701', known)).toEqual(['iso27701-2019', 'iso27701-2025']);
    expect(frameworksMeant('eu-ai-act', known)).toEqual(['eu-ai-act-2024-1689']);
    expect(frameworksMeant('NIST AI RMF', known)).toEqual(['nist-ai-rmf-1.0']);
  });

  it('suggests nothing for a different framework', () => {
    for (const id of ['iso9001', 'iso2700', 'nist-ai', 'gdpr', '']) expect(frameworksMeant(id, known)).toEqual([]);
  });

  it('words the error with the suggestion first, then every known id in order', () => {
    expect(unknownFramework('iso27001', known)).toBe(
      'unknown framework "iso27001" (did you mean "iso27001-2022"?) (known: eu-ai-act-2024-1689, iso27001-2022, iso27701-2019, iso27701-2025, nist-ai-rmf-1.0)',
    );
    expect(unknownFramework('gdpr', known)).toMatch(/^unknown framework "gdpr" \(known: /);
  });
});
