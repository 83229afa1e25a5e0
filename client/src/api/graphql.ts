/** Talks to the service's /graphql. Every failure becomes an ApiError whose message says what happened. */
export type ApiErrorKind = 'network' | 'http' | 'graphql' | 'auth' | 'aborted';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly kind: ApiErrorKind,
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface GqlOptions {
  token?: string | null;
  signal?: AbortSignal;
}

interface GqlBody<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}, { token, signal }: GqlOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw new ApiError('the request was cancelled', 'aborted');
    throw new ApiError(`Could not reach the Crosswalk service at /graphql (${(e as Error).message}). Is it still running?`, 'network');
  }
  let body: GqlBody<T>;
  try {
    body = (await res.json()) as GqlBody<T>;
  } catch {
    throw new ApiError(`The service answered ${res.status} ${res.statusText || ''} with something other than GraphQL JSON.`.replace(/\s+\./, '.'), 'http');
  }
  if (body.errors?.length) {
    const code = body.errors[0]?.extensions?.code;
    const message = body.errors.map((e) => e.message).join('; ');
    const kind: ApiErrorKind = code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' ? 'auth' : 'graphql';
    throw new ApiError(kind === 'auth' ? `${message}. Paste an analyst token into the token field at the top of the page.` : message, kind, code);
  }
  if (!res.ok || !body.data) throw new ApiError(`The service answered ${res.status} ${res.statusText} without data.`, 'http');
  return body.data;
}

/** Which root fields the server offers, so views for features still being built can say so instead of failing. */
let capabilities: Promise<Set<string>> | null = null;
export function serverFields(): Promise<Set<string>> {
  capabilities ??= gql<{ q: { fields: Array<{ name: string }> } | null; m: { fields: Array<{ name: string }> } | null }>(
    '{ q: __type(name: "Query") { fields { name } } m: __type(name: "Mutation") { fields { name } } }',
  )
    .then((d) => new Set([...(d.q?.fields ?? []), ...(d.m?.fields ?? [])].map((f) => f.name)))
    .catch((e) => {
      capabilities = null;
      throw e;
    });
  return capabilities;
}
