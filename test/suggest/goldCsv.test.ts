import { describe, expect, it } from 'vitest';
import { goldFromMappings, parseGoldCsv } from '../../server/suggest/goldCsv.js';
import { evaluate } from '../../server/suggest/evaluate.js';
import { computeSuggestions, RANKING_DEPTH } from '../../server/suggest/suggest.js';
import { approved, smallCorpus } from './fixtures.js';

const frameworks = [{ id: 'alpha-1', name: 'Alpha', edition: '1' }, { id: 'beta-1', name: 'Beta Controls', edition: '1' }];
const known = { file: 'gold.csv', frameworks, requirements: new Set(['alpha-1:1', 'alpha-1:2', 'beta-1:A', 'beta-1:B']) };

describe('gold CSV', () => {
  it('reads rows with or without a header', () => {
    const withHeader = parseGoldCsv('source_framework,source_ref,target_framework,target_ref\nalpha-1,1,beta-1,A\n\nalpha-1,2,beta-1,B\n', known);
    expect(withHeader).toEqual({ pairs: [{ sourceId: 'alpha-1:1', targetId: 'beta-1:A', line: 2 }, { sourceId: 'alpha-1:2', targetId: 'beta-1:B', line: 4 }], problems: [] });
    expect(parseGoldCsv('alpha-1,1,beta-1,A\n', known).pairs).toHaveLength(1);
    expect(parseGoldCsv('source_framework;source_ref;target_framework;target_ref\r\nalpha-1;1;beta-1;A\r\n', known).pairs).toEqual([{ sourceId: 'alpha-1:1', targetId: 'beta-1:A', line: 2 }]);
  });

  it('names the line of every malformed row', () => {
    const { problems } = parseGoldCsv(
      ['source_framework,source_ref,target_framework,target_ref', 'alpha-1,1,beta-1', 'alpha-9,1,beta-1,A', 'alpha-1,7,beta-1,A', 'alpha-1,,beta-1,A', 'alpha-1,1,alpha-1,2', 'alpha-1,1,beta-1,A', 'alpha-1,1,beta-1,A'].join('\n'),
      known,
    );
    expect(problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [2, 'error', 'expected 4 columns (source_framework,source_ref,target_framework,target_ref), found 3: "alpha-1,1,beta-1"'],
      [3, 'error', 'unknown framework "alpha-9" (known: alpha-1, beta-1; import a framework first with "crosswalk import")'],
      [4, 'error', 'unknown requirement "7" in alpha-1'],
      [5, 'error', 'source_ref is empty'],
      [6, 'error', 'source and target are the same framework ("alpha-1")'],
      [8, 'warning', 'duplicate pair alpha-1:1 → beta-1:A (counted once)'],
    ]);
  });

  it('reads frameworks written by name and edition, in another spelling or without the edition, once each; never guesses between editions', () => {
    const editions = { ...known, frameworks: [...frameworks, { id: 'beta-2', name: 'Beta Controls', edition: '2' }], requirements: new Set([...known.requirements, 'beta-2:A']) };
    const text = ['Alpha 1,1,Beta Controls 1,A', 'ALPHA-1,2,beta-1,B', 'alpha,2,beta-2,A', 'alpha-1,1,beta,A', 'alpha-1,2,Beta Controls,A', 'gamma,1,beta-1,A', 'gamma,2,beta-1,A'].join('\n');
    const { pairs, problems } = parseGoldCsv(text, editions);
    expect(pairs.map((p) => `${p.sourceId}>${p.targetId}`)).toEqual(['alpha-1:1>beta-1:A', 'alpha-1:2>beta-1:B', 'alpha-1:2>beta-2:A']);
    expect(problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [4, 'error', 'framework "beta" could be beta-1 or beta-2: write its id'],
      [5, 'error', 'framework "Beta Controls" could be beta-1 or beta-2: write its id'],
      [6, 'error', 'unknown framework "gamma" (2 rows, first at line 6) (known: alpha-1, beta-1, beta-2; import a framework first with "crosswalk import")'],
      [1, 'warning', 'framework "Alpha 1" read as alpha-1 (by its id, spelt otherwise)'],
      [1, 'warning', 'framework "Beta Controls 1" read as beta-1 (by its name and edition)'],
      [2, 'warning', 'framework "ALPHA-1" read as alpha-1 (by its id, spelt otherwise)'],
      [3, 'warning', 'framework "alpha" read as alpha-1 (by its name)'],
    ]);
  });

  it('reads ids written in another case, with other separators, with zero padding or as a recorded alias as the catalog ids, with a warning', () => {
    const ids = {
      ...known,
      requirements: new Set(['alpha-1:GV.OC-1', 'alpha-1:2', 'alpha-1:GOVERN 1.1', 'alpha-1:MAP 2.3', 'beta-1:A', 'beta-1:PM-9']),
      aliases: new Map([['alpha-1', [['MP-2.3', 'MAP 2.3'] as const]]]),
    };
    const { pairs, problems } = parseGoldCsv('alpha-1,gv.oc-01,beta-1,PM-09\nalpha-1,2,beta-1,a\nalpha-1,2,beta-1,PM-9 Policy\nalpha-1,GOVERN.1.1,beta-1,A\nalpha-1,MP 2.3,beta-1,A\n', ids);
    expect(pairs.map((p) => [p.sourceId, p.targetId])).toEqual([['alpha-1:GV.OC-1', 'beta-1:PM-9'], ['alpha-1:2', 'beta-1:A'], ['alpha-1:GOVERN 1.1', 'beta-1:A'], ['alpha-1:MAP 2.3', 'beta-1:A']]);
    expect(problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [3, 'error', 'unknown requirement "PM-9 Policy" in beta-1'],
      [1, 'warning', '5 ref(s) are written otherwise than in the catalog (case, spacing, separators, zero padding, citation words such as "Article", or an alias it records) and were read as its ids, e.g. "gv.oc-01" as GV.OC-1, "PM-09" as PM-9, "a" as A'],
    ]);
    // Without the alias the catalog records, "MP 2.3" names nothing.
    expect(parseGoldCsv('alpha-1,MP 2.3,beta-1,A\n', { ...ids, aliases: undefined }).problems[0]!.message).toBe('unknown requirement "MP 2.3" in alpha-1');
  });

  it('reads a point below the depth the catalog goes to as the requirement that holds it, with a warning; unknown where the catalog goes deeper', () => {
    const act = { ...known, requirements: new Set(['alpha-1:1', 'alpha-1:6.1.2', 'beta-1:Art. 10', 'beta-1:Art. 10(2)', 'beta-1:AC-2', 'beta-1:AC-3', 'beta-1:AC-3(2)', 'beta-1:Annex III']) };
    const rows = ['alpha-1,1,beta-1,Article 10(2)(f)', 'alpha-1,1,beta-1,"Art. 10(2), point (g)"', 'alpha-1,1,beta-1,Art. 10(3)', 'alpha-1,1,beta-1,AC-2(1)', 'alpha-1,1,beta-1,AC-3(1)', 'alpha-1,6.1.2 c),beta-1,AC-3', 'alpha-1,6.1.2,beta-1,"Annex III, point 4(a)"'];
    const { pairs, problems } = parseGoldCsv(rows.join('\n'), act);
    expect(pairs.map((p) => [p.line, p.sourceId, p.targetId])).toEqual([[1, 'alpha-1:1', 'beta-1:Art. 10(2)'], [4, 'alpha-1:1', 'beta-1:AC-2'], [6, 'alpha-1:6.1.2', 'beta-1:AC-3'], [7, 'alpha-1:6.1.2', 'beta-1:Annex III']]);
    expect(problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [3, 'error', 'unknown requirement "Art. 10(3)" in beta-1'],
      [5, 'error', 'unknown requirement "AC-3(1)" in beta-1'],
      [1, 'warning', '5 ref(s) name a point below the depth the catalog goes to and were read as the requirement that holds it, e.g. "Article 10(2)(f)" as Art. 10(2), "Art. 10(2), point (g)" as Art. 10(2), "AC-2(1)" as AC-2; ranking that requirement counts as finding the pair'],
      [2, 'warning', 'duplicate pair alpha-1:1 → beta-1:Art. 10(2) (counted once)'],
    ]);
  });

  describe('a side that writes ISO/IEC 27001:2022 Annex A without "A."', () => {
    // Clauses 5.1-5.3 and 6.1.3 in part, and Annex A controls: "5.1" and "5.2" read like A.5.1 and A.5.2 written without "A.".
    const iso = ['4.1', '5.1', '5.2', '5.3', '6.1.3', 'A.5.1', 'A.5.2', 'A.5.3', 'A.5.15', 'A.5.23', 'A.8.8', 'A.8.24'];
    const isoKnown = {
      ...known,
      frameworks: [...frameworks, { id: 'iso27001-2022', name: 'ISO/IEC 27001', edition: '2022' }],
      requirements: new Set([...known.requirements, ...iso.map((ref) => `iso27001-2022:${ref}`)]),
    };
    const prefixWarnings = (problems: Array<{ line?: number; message: string }>) => problems.filter((p) => p.message.includes('leave off')).map((p) => [p.line, p.message]);

    it('reads every id of that column and framework with the prefix, with one warning; another side as written', () => {
      const text = [
        'source_framework,source_ref,target_framework,target_ref',
        'iso27001-2022,5.1,beta-1,A',
        'iso27001-2022,5.2,beta-1,A',
        'iso27001-2022,5.15,beta-1,B',
        'iso27001-2022,5.23,beta-1,B',
        'iso27001-2022,8.8,beta-1,A',
        'iso27001-2022,8.24,beta-1,B',
        // The other column: clauses, as written.
        'beta-1,A,iso27001-2022,5.1',
        'beta-1,B,iso27001-2022,6.1.3',
      ].join('\n');
      const { pairs, problems } = parseGoldCsv(text, isoKnown);
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(pairs.map((p) => `${p.sourceId}>${p.targetId}`)).toEqual([
        'iso27001-2022:A.5.1>beta-1:A', 'iso27001-2022:A.5.2>beta-1:A', 'iso27001-2022:A.5.15>beta-1:B', 'iso27001-2022:A.5.23>beta-1:B',
        'iso27001-2022:A.8.8>beta-1:A', 'iso27001-2022:A.8.24>beta-1:B', 'beta-1:A>iso27001-2022:5.1', 'beta-1:B>iso27001-2022:6.1.3',
      ]);
      expect(prefixWarnings(problems)).toEqual([
        [2, '6 source_ref id(s) of iso27001-2022 leave off the "A." its refs begin with and were read with it, e.g. "5.15" as A.5.15, "5.23" as A.5.23, "8.8" as A.8.8; 2 of them also name another requirement as written, and are read with it all the same ("5.1" as A.5.1, not 5.1; "5.2" as A.5.2, not 5.2); check them'],
      ]);
    });

    it('reads ids as written when the side mixes clauses with controls written in full, or too few name nothing as written; a title is never read', () => {
      const mixed = parseGoldCsv(['iso27001-2022,4.1,beta-1,A', 'iso27001-2022,5.1,beta-1,A', 'iso27001-2022,6.1.3,beta-1,B', 'iso27001-2022,A.5.15,beta-1,B', 'iso27001-2022,A.8.24,beta-1,B'].join('\n'), isoKnown);
      expect(mixed.problems).toEqual([]);
      expect(mixed.pairs.map((p) => p.sourceId)).toEqual(['iso27001-2022:4.1', 'iso27001-2022:5.1', 'iso27001-2022:6.1.3', 'iso27001-2022:A.5.15', 'iso27001-2022:A.8.24']);

      const few = parseGoldCsv(['iso27001-2022,5.1,beta-1,A', 'iso27001-2022,5.2,beta-1,A', 'iso27001-2022,5.3,beta-1,A', 'iso27001-2022,5.15,beta-1,B', 'iso27001-2022,8.24,beta-1,B'].join('\n'), isoKnown);
      expect(prefixWarnings(few.problems)).toEqual([]);
      expect(few.pairs.map((p) => p.sourceId)).toEqual(['iso27001-2022:5.1', 'iso27001-2022:5.2', 'iso27001-2022:5.3']);
      expect(few.problems.map((p) => [p.line, p.message])).toEqual([[4, 'unknown requirement "5.15" in iso27001-2022 (did you mean iso27001-2022:A.5.15?)'], [5, 'unknown requirement "8.24" in iso27001-2022 (did you mean iso27001-2022:A.8.24?)']]);

      // A gold ref is an id: with the prefix or not, one followed by a title names nothing.
      const titled = parseGoldCsv(['iso27001-2022,5.15,beta-1,A', 'iso27001-2022,5.23,beta-1,A', 'iso27001-2022,8.8,beta-1,B', 'iso27001-2022,8.24 Use of cryptography,beta-1,B'].join('\n'), isoKnown);
      expect(titled.pairs.map((p) => p.sourceId)).toEqual(['iso27001-2022:A.5.15', 'iso27001-2022:A.5.23', 'iso27001-2022:A.8.8']);
      expect(titled.problems.filter((p) => p.severity === 'error').map((p) => [p.line, p.message])).toEqual([[4, 'unknown requirement "8.24 Use of cryptography" in iso27001-2022']]);
    });
  });

  it('takes a crosswalk CSV as exported (extra columns), leaving out rejected and no-relationship rows', () => {
    const exported = [
      'source_framework,source_ref,target_framework,target_ref,relationship,rationale,strength,note,status',
      'alpha-1,1,beta-1,A,intersects-with,semantic,5,,approved',
      'alpha-1,1,beta-1,B,equal-to,semantic,10,,rejected',
      'alpha-1,2,beta-1,A,no-relationship,semantic,0,,approved',
      'alpha-1,2,beta-1,B,subset-of,semantic,7,"a note, with a comma",proposed',
      'alpha-1,2,beta-1',
    ].join('\n');
    const { pairs, problems } = parseGoldCsv(exported, known);
    expect(pairs.map((p) => [p.sourceId, p.targetId, p.line])).toEqual([['alpha-1:1', 'beta-1:A', 2], ['alpha-1:2', 'beta-1:B', 5]]);
    expect(problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [6, 'error', 'expected 9 columns, as in the header, found 3: "alpha-1,2,beta-1"'],
      [3, 'warning', 'skipped 2 row(s) that are not pairs to find: 1 rejected, 1 no-relationship'],
    ]);
    // Without a header the four columns are all there is: a fifth is an error, not a relationship.
    expect(parseGoldCsv('alpha-1,1,beta-1,A,no-relationship\n', known).problems[0]!.message).toMatch(/^expected 4 columns/);
  });

  it('builds a gold set from approved mappings in the stored direction', () => {
    const rejected = { ...approved('alpha-1:2', 'beta-1:B'), status: 'rejected' as const };
    const gold = goldFromMappings([approved('alpha-1:1', 'beta-1:A'), rejected, approved('beta-1:B', 'alpha-1:2'), { ...approved('alpha-1:2', 'beta-1:A'), relationship: 'no-relationship' as const }], { from: 'alpha-1', to: 'beta-1' });
    expect(gold.map((g) => `${g.sourceId}>${g.targetId}`)).toEqual(['alpha-1:1>beta-1:A']);
  });

  it('keeps the stated relationship, read in other tools\' spellings, and says which it could not read', () => {
    const text = [
      'source_framework,source_ref,target_framework,target_ref,relationship',
      'alpha-1,1,beta-1,A,Subset Of',
      'alpha-1,1,beta-1,B,No Relationship',
      'alpha-1,2,beta-1,B,related somehow',
      'alpha-1,2,beta-1,A,',
    ].join('\n');
    const { pairs, problems } = parseGoldCsv(text, known);
    expect(pairs).toEqual([
      { sourceId: 'alpha-1:1', targetId: 'beta-1:A', line: 2, relationship: 'subset-of' },
      { sourceId: 'alpha-1:2', targetId: 'beta-1:B', line: 4 },
      { sourceId: 'alpha-1:2', targetId: 'beta-1:A', line: 5 },
    ]);
    expect(problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [3, 'warning', 'skipped 1 row(s) that are not pairs to find: 0 rejected, 1 no-relationship'],
      [4, 'warning', expect.stringMatching(/^1 relationship\(s\) not read \(expected: equal-to, .*\); those pairs are still ranked, but their proposed relationship is not scored$/)],
    ]);
  });

  it('scores the proposed relationship of every ranked gold pair against the gold one, beside always guessing the commonest', async () => {
    const corpus = smallCorpus();
    const gold = [
      { sourceId: 'alpha-1:3', targetId: 'beta-1:C', line: 1, relationship: 'intersects-with' as const },
      { sourceId: 'alpha-1:2', targetId: 'beta-1:B', line: 2, relationship: 'subset-of' as const },
      { sourceId: 'alpha-1:1', targetId: 'beta-1:A', line: 3, relationship: 'subset-of' as const },
      { sourceId: 'alpha-1:4', targetId: 'beta-1:E', line: 4 },
    ];
    const report = await evaluate({ corpus, gold, method: 'lexical', blind: true });
    // What the engine proposed for each gold pair, read from the same ranking the evaluation made.
    const run = await computeSuggestions(corpus, { from: 'alpha-1', to: 'beta-1', method: 'lexical', top: RANKING_DEPTH, blind: true, sourceIds: ['alpha-1:1', 'alpha-1:2', 'alpha-1:3', 'alpha-1:4'] });
    const proposed = new Map(run.sources.flatMap((src) => src.candidates.map((c) => [`${src.sourceId}>${c.targetId}`, c.relationship] as const)));
    expect(proposed.get('alpha-1:3>beta-1:C')).toBe('intersects-with'); // the shared harmonized concept
    const expected = gold.filter((g) => g.relationship && proposed.has(`${g.sourceId}>${g.targetId}`));
    const agreeing = expected.filter((g) => {
      const p = proposed.get(`${g.sourceId}>${g.targetId}`)!;
      return p === g.relationship || (['equal-to', 'equivalent-to'].includes(p) && ['equal-to', 'equivalent-to'].includes(g.relationship!));
    }).length;
    // Three gold pairs state a relationship; the fourth is ranked but not scored.
    expect(report.relationships).toEqual({ compared: 3, agreeing, share: agreeing / 3, majority: { relationship: 'subset-of', share: 2 / 3 } });
    expect(agreeing).toBeGreaterThanOrEqual(1);
    expect(report.byPair[0]!.relationships).toEqual(report.relationships);
    const withoutRelationships = await evaluate({ corpus, gold: gold.map(({ relationship: _r, ...g }) => g), method: 'lexical', blind: true });
    expect(withoutRelationships.relationships).toBeUndefined();
  });
});

describe('gold CSV header', () => {
  it('reads a header written with spaces or hyphens and in title case, as people type it', () => {
    for (const header of ['Source Framework,Source Ref,Target Framework,Target Ref', 'source-framework, source-ref ,TARGET_FRAMEWORK,target ref']) {
      const read = parseGoldCsv(`${header}\nalpha-1,1,beta-1,A\n`, known);
      expect(read).toEqual({ pairs: [{ sourceId: 'alpha-1:1', targetId: 'beta-1:A', line: 2 }], problems: [] });
    }
  });

  it('names the columns a header lacks, once, instead of reading it as a row', () => {
    const { pairs, problems } = parseGoldCsv('source_framework,source_ref,target_ref\nalpha-1,1,A\n', known);
    expect(pairs).toEqual([]);
    expect(problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [1, 'error', 'the header lacks the column target_framework (expected the header source_framework,source_ref,target_framework,target_ref, then any others)'],
    ]);
  });
});
