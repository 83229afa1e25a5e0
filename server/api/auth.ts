import { z } from 'zod';
import { InputError } from '../domain/errors.js';

export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  name: string;
  role: Role;
}

const TokenEntrySchema = z.object({
  token: z.string().min(16, 'a token must be at least 16 characters'),
  role: z.enum(ROLES),
  name: z.string().min(1),
});

/**
 * CROSSWALK_TOKENS holds `token:role:name` entries separated by commas or new lines,
 * e.g. `s3cret-long-token-1:admin:alice,s3cret-long-token-2:analyst:bob`.
 */
export function parseTokens(value: string | undefined): Map<string, Principal> {
  const tokens = new Map<string, Principal>();
  if (!value?.trim()) return tokens;
  value
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean)
    .forEach((entry, index) => {
      const [token, role, ...name] = entry.split(':');
      const parsed = TokenEntrySchema.safeParse({ token, role, name: name.join(':') });
      if (!parsed.success)
        throw new InputError(`CROSSWALK_TOKENS entry ${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')} (expected "token:viewer|analyst|admin:name")`);
      tokens.set(parsed.data.token, { name: parsed.data.name, role: parsed.data.role });
    });
  return tokens;
}

export const hasRole = (principal: Principal | undefined, needed: Role) =>
  principal !== undefined && ROLES.indexOf(principal.role) >= ROLES.indexOf(needed);

export function principalFrom(authorization: string | null | undefined, tokens: Map<string, Principal>): Principal | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match ? tokens.get(match[1]!) : undefined;
}

export class AuthError extends Error {
  override name = 'AuthError';
  /** `code` names a refusal that no other token would change (a review policy), so clients do not ask for one. */
  constructor(readonly status: 401 | 403, message: string, readonly code?: string) {
    super(message);
  }
}

/** Throws 401 without a valid token, 403 with a token whose role is too low. */
export function requireRole(principal: Principal | undefined, needed: Role): Principal {
  if (!principal)
    throw new AuthError(401, `this needs a bearer token with the ${needed} role, one of the server's CROSSWALK_TOKENS: none was sent, or the one sent is not among them`);
  if (!hasRole(principal, needed)) throw new AuthError(403, `${principal.name} has the ${principal.role} role; this needs ${needed}`);
  return principal;
}
