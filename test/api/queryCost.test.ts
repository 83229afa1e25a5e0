import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as analysisQueries from '../../client/src/api/analysis.js';
import * as queries from '../../client/src/api/queries.js';
import { DEFAULT_QUERY_LIMITS, schema } from '../../server/api/createYogaServer.js';
import { FIELD_COSTS, operationCost, UNBOUNDED_LIST_SIZE } from '../../server/api/graphql/queryCost.js';

const cost = (query: string, variables: Record<string, unknown> = {}) => operationCost(schema, parse(query), undefined, variables);

describe('operationCost', () => {
  it('counts each item of a list by its size argument, written or passed as a variable, else its default', () => {
    expect(cost('{ mappings(limit: 10) { id note } }')).toBe(1 + 10 * 2);
    expect(cost('query($n: Int) { mappings(limit: $n) { id note } }', { n: 40 })).toBe(1 + 40 * 2);
    expect(cost('{ mappings { id note } }')).toBe(1 + 100 * 2); // the schema's default limit
  });

  it('multiplies nested lists, assuming a size for lists nothing bounds', () => {
    expect(cost('{ mappings(limit: 10) { source { children { id } } } }')).toBe(1 + 10 * (1 + 1 + UNBOUNDED_LIST_SIZE * 1));
    expect(cost('{ mappings(limit: 10) { reviews { at } } }')).toBe(1 + 10 * (1 + 3 * 1)); // a mapping has a handful of reviews
  });

  it('lets a size bound pass through an object to the lists inside it, not into list items', () => {
    const neighbourhood = cost('{ neighbourhood(id: "x", maxNodes: 100) { nodes { depth } edges { id } } }');
    expect(neighbourhood).toBe(1 + 4 * 100 + 1 + 100 + 1 + 100);
  });

  it('charges analyses for the work they do, and follows fragments once', () => {
    expect(cost('{ a: gapAnalysis(target: "t") b: gapAnalysis(target: "t") }')).toBe(2 * FIELD_COSTS['Query.gapAnalysis']!);
    expect(cost('{ mappings(limit: 5) { ...m } } fragment m on Mapping { id note }')).toBe(1 + 5 * 2);
    expect(cost('{ __schema { types { name fields { name } } } }')).toBe(0);
  });

  it('lets every query the explorer sends through, at the largest sizes it asks for', () => {
    const largest: Record<string, unknown> = { limit: 1000, maxNodes: 3000, maxLength: 6 };
    const sent = Object.entries({ ...queries, ...analysisQueries }).filter(([, text]) => typeof text === 'string' && /^\s*(query|mutation|\{)/.test(text as string));
    expect(sent.length).toBeGreaterThan(20);
    for (const [name, text] of sent) expect([name, cost(text as string, largest) <= DEFAULT_QUERY_LIMITS.maxCost]).toEqual([name, true]);
  });
});
