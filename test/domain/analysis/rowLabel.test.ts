import { describe, expect, it } from 'vitest';
import { rowLabel } from '../../../server/domain/analysis/rowLabel.js';

describe('rowLabel', () => {
  it('is the title when there is one, else the summary, cut at a word with an ellipsis when long', () => {
    expect(rowLabel({ title: ' AI literacy ', summary: 'Providers and deployers ensure staff have enough AI literacy.' })).toBe('AI literacy');
    expect(rowLabel({ title: '', summary: 'Bans social scoring.' })).toBe('Bans social scoring.');
    const long = rowLabel({ title: '', summary: 'Bans exploiting vulnerabilities linked to age, disability or social or economic situation to distort behaviour harmfully.' });
    expect(long).toBe('Bans exploiting vulnerabilities linked to age, disability or social or economic situation…');
    expect(long.length).toBeLessThanOrEqual(91);
    expect(rowLabel({ title: '' })).toBe('');
  });
});
