import type { RequestHandler } from 'express';

/** Conservative headers for every response; the explorer is served from the same origin. */
export const securityHeaders = ({ graphiql = false } = {}): RequestHandler => (req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  // GraphiQL loads its editor from a CDN, so only its page gets a looser policy.
  const isGraphiql = graphiql && req.method === 'GET' && req.path === '/graphql' && (req.headers.accept ?? '').includes('text/html');
  res.setHeader(
    'Content-Security-Policy',
    isGraphiql
      ? "default-src 'self' https://unpkg.com; script-src 'self' 'unsafe-inline' https://unpkg.com; style-src 'self' 'unsafe-inline' https://unpkg.com; img-src 'self' data: https:; frame-ancestors 'none'"
      : "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  );
  next();
};

/** No CORS headers at all unless origins are configured: browsers then refuse cross-origin calls. */
export const cors = (allowed: string[]): RequestHandler => (req, res, next) => {
  const origin = req.headers.origin;
  if (origin && allowed.includes(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Expose-Headers', 'X-Total-Count, Content-Disposition');
  }
  if (req.method === 'OPTIONS') {
    res.status(origin && allowed.includes(origin) ? 204 : 403).end();
    return;
  }
  next();
};
