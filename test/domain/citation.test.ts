import { describe, expect, it } from 'vitest';
import { frameworkCitation, frameworkShortLabel } from '../../server/domain/citation.js';

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

describe('frameworkShortLabel', () => {
  const fw = (name: string, edition: string, more: { id?: string; shortName?: string } = {}) => ({ id: more.id ?? 'the-id', name, edition, shortName: more.shortName });

  it("uses the catalog's own short name first, trimmed", () => {
    expect(frameworkShortLabel(fw('Artificial Intelligence Act', '2024/1689', { shortName: ' EU AI Act ' }))).toBe('EU AI Act');
    expect(frameworkShortLabel(fw('ISO/IEC 27001', '2022', { shortName: '' }))).toBe('ISO/IEC 27001:2022');
  });

  it('uses the citation when it is short', () => {
    expect(frameworkShortLabel(fw('ISO/IEC 27701', '2019'))).toBe('ISO/IEC 27701:2019');
    expect(frameworkShortLabel(fw('SOC 2', '2017'))).toBe('SOC 2 2017');
  });

  it('uses the acronym a long name ends with, keeping a leading publisher abbreviation the acronym leaves out', () => {
    expect(frameworkShortLabel(fw('NIST AI Risk Management Framework (AI RMF)', '1.0'))).toBe('NIST AI RMF 1.0');
    expect(frameworkShortLabel(fw('NIST Cybersecurity Framework (CSF)', '2.0'))).toBe('NIST CSF 2.0');
    expect(frameworkShortLabel(fw('Payment Card Industry Data Security Standard (PCI DSS)', '4.0.1'))).toBe('PCI DSS 4.0.1');
    expect(frameworkShortLabel(fw('Cloud Controls Matrix (CCM)', 'v4.0.12'))).toBe('CCM v4.0.12');
    expect(frameworkShortLabel(fw('NIST Special Publication 800-53 (NIST SP 800-53)', 'Rev. 5'))).toBe('NIST SP 800-53 Rev. 5');
  });

  it('falls back to the id when nothing short can be made', () => {
    expect(frameworkShortLabel(fw('Artificial Intelligence Act', '2024/1689', { id: 'eu-ai-act-2024-1689' }))).toBe('eu-ai-act-2024-1689');
    expect(frameworkShortLabel(fw('Some very long framework name (with a remark in brackets)', '1'))).toBe('the-id');
    expect(frameworkShortLabel(fw('A long framework name with an acronym (ABC)', 'edition of twenty-two letters'))).toBe('the-id');
  });
});
