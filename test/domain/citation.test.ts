import { describe, expect, it } from 'vitest';
import { frameworkCitation } from '../../server/domain/citation.js';

describe('frameworkCitation', () => {
  it("cites ISO standards in ISO's own form, with a colon before the year", () => {
    expect(frameworkCitation({ name: 'ISO/IEC 27001', edition: '2022' })).toBe('ISO/IEC 27001:2022');
    expect(frameworkCitation({ name: 'ISO 9001', edition: '2015' })).toBe('ISO 9001:2015');
    expect(frameworkCitation({ name: 'ISO/IEC/IEEE 42010', edition: '2022' })).toBe('ISO/IEC/IEEE 42010:2022');
    expect(frameworkCitation({ name: 'ISO/IEC TS 27100', edition: '2020' })).toBe('ISO/IEC TS 27100:2020');
    expect(frameworkCitation({ name: 'ISO/IEC/TS 27100', edition: '2020' })).toBe('ISO/IEC/TS 27100:2020');
  });

  it('puts the edition after the name for everything else, and does not repeat it', () => {
    expect(frameworkCitation({ name: 'NIST AI Risk Management Framework (AI RMF)', edition: '1.0' })).toBe('NIST AI Risk Management Framework (AI RMF) 1.0');
    expect(frameworkCitation({ name: 'EU Artificial Intelligence Act', edition: '2024/1689' })).toBe('EU Artificial Intelligence Act 2024/1689');
    expect(frameworkCitation({ name: 'ISO/IEC 27001', edition: 'draft 3' })).toBe('ISO/IEC 27001 draft 3');
    expect(frameworkCitation({ name: 'SOC 2 2017', edition: '2017' })).toBe('SOC 2 2017');
    expect(frameworkCitation({ name: 'Vendor library 11', edition: '1' })).toBe('Vendor library 11 1');
  });
});
