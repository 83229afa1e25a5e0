import { createSchema, createYoga, maskError as defaultMaskError, type YogaServerInstance } from 'graphql-yoga';
import type { ReviewPolicy } from '../domain/review.js';
import type { GraphStore } from '../store/types.js';
import { principalFrom, type Principal } from './auth.js';
import { describeError, toGraphQLError } from './errors.js';
import { createApiContext, type ApiContext } from './graphql/context.js';
import { resolvers } from './graphql/resolvers.js';
import { analysisResolvers } from './graphql/analysisResolvers.js';
import { analysisTypeDefs } from './graphql/analysisTypeDefs.js';
import type { AnalysisContent } from '../services/analysis.js';
import { typeDefs } from './graphql/typeDefs.js';
import { useQueryLimits, type QueryLimits } from './graphql/useQueryLimits.js';

export interface YogaOptions {
  store: GraphStore;
  analysis: AnalysisContent;
  tokens: Map<string, Principal>;
  graphiql?: boolean;
  limits?: QueryLimits;
  now?: () => Date;
  reviewPolicy?: ReviewPolicy;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 10, maxFields: 400, maxCost: 350_000 };

export const schema = createSchema<ApiContext>({
  typeDefs: [typeDefs, analysisTypeDefs],
  resolvers: [resolvers, analysisResolvers],
});

export function createYogaServer({ store, analysis, tokens, graphiql = false, limits = DEFAULT_QUERY_LIMITS, now, reviewPolicy = 'single' }: YogaOptions): YogaServerInstance<object, ApiContext> {
  return createYoga<object, ApiContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql,
    landingPage: false,
    batching: false,
    context: ({ request }) => createApiContext(store, principalFrom(request.headers.get('authorization'), tokens), analysis, { now, reviewPolicy }),
    plugins: [useQueryLimits(limits)],
    // Refusals (auth, validation, not found) are answers, not incidents: only unexpected errors are logged.
    logging: {
      debug: () => {},
      info: () => {},
      warn: (...args: unknown[]) => console.warn(...args),
      error: (...args: unknown[]) => {
        if (!args.some((a) => describeError((a as { originalError?: unknown })?.originalError ?? a))) console.error(...args);
      },
    },
    // Business errors keep their message and code; anything else becomes "Unexpected error." with no internals.
    maskedErrors: {
      isDev: false,
      maskError: (error, message, isDev) => {
        const original = (error as { originalError?: unknown }).originalError ?? error;
        const translated = toGraphQLError(original);
        return translated !== original ? (translated as Error) : defaultMaskError(error, message, isDev);
      },
    },
  });
}
