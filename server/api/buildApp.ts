import fs from 'node:fs';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { PACKAGE_ROOT } from '../config.js';
import type { ReviewPolicy } from '../domain/review.js';
import type { GraphStore } from '../store/types.js';
import type { Principal } from './auth.js';
import { AnalysisContent } from '../services/analysis.js';
import { createYogaServer } from './createYogaServer.js';
import { describeError } from './errors.js';
import { createRestRouter, UPLOAD_ROUTES } from './rest.js';
import { cors, securityHeaders } from './security.js';

export interface AppOptions {
  store: GraphStore;
  tokens: Map<string, Principal>;
  corsOrigins?: string[];
  graphiql?: boolean;
  /** Largest JSON body accepted by /graphql and /api. */
  bodyLimit?: string;
  /** Whether the store holds content; /readyz answers 503 until then. */
  isReady?: () => boolean;
  clientDir?: string;
  /** The data folder uploads are written to (imports); uploads are refused without one. */
  dataDir?: string;
  now?: () => Date;
  /** Who may approve a mapping (domain/review.ts); `single` by default. */
  reviewPolicy?: ReviewPolicy;
}

export function buildApp({ store, tokens, corsOrigins = [], graphiql = false, bodyLimit = '1mb', isReady = () => true, clientDir = path.join(PACKAGE_ROOT, 'client/dist'), dataDir, now, reviewPolicy = 'single' }: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(securityHeaders({ graphiql }));
  app.use(cors(corsOrigins));

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', (_req, res) => void (isReady() ? res.json({ status: 'ready', store: store.engine }) : res.status(503).json({ status: 'loading' })));

  const analysis = new AnalysisContent(store);
  const yoga = createYogaServer({ store, analysis, tokens, graphiql, now, reviewPolicy });
  // Parsing here enforces the size limit before yoga sees the request; yoga uses the parsed body.
  app.use('/graphql', express.json({ limit: bodyLimit }), yoga);
  const json = express.json({ limit: bodyLimit });
  // Uploads keep their raw text (a JSON file is a file, not a request object) and have their own limit.
  app.use('/api', (req, res, next) => (UPLOAD_ROUTES.has(req.path) ? next() : json(req, res, next)), createRestRouter({ store, analysis, tokens, dataDir, now, reviewPolicy }));
  app.use('/api', (req, res) => void res.status(404).json({ error: { code: 'NOT_FOUND', message: `no API route ${req.method} ${req.path}` } }));

  if (fs.existsSync(path.join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h' }));
    // The explorer routes in the browser: every other GET gets its page.
    app.get(/^\/(?!api\/|graphql).*/, (_req, res) => res.sendFile(path.join(clientDir, 'index.html')));
  } else {
    app.get('/', (_req, res) =>
      void res.type('html').send('<!doctype html><title>Crosswalk</title><h1>Crosswalk</h1><p>The service is running. The explorer has not been built; the API is at <a href="/graphql">/graphql</a> and <a href="/api/frameworks">/api</a>.</p>'),
    );
  }

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    const status = (err as { status?: number; type?: string }).status;
    if (status === 413) {
      const limit = (err as { limit?: number }).limit;
      const shown = typeof limit === 'number' ? `${+(limit / 1024 / 1024).toFixed(1)} MB` : bodyLimit;
      return void res.status(413).json({ error: { code: 'PAYLOAD_TOO_LARGE', message: `the request body is larger than this route's limit of ${shown}` } });
    }
    if (err instanceof URIError)
      return void res.status(400).json({ error: { code: 'BAD_REQUEST', message: `the request path is not valid percent-encoding (${err.message}); encode "%" as %25` } });
    if (status === 400 && (err as { type?: string }).type === 'entity.parse.failed')
      return void res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'the request body is not valid JSON' } });
    const described = describeError(err);
    if (described) return void res.status(described.status).json({ error: { code: described.code, message: described.message, ...(described.problems ? { problems: described.problems } : {}) } });
    console.error(err);
    res.status(500).json({ error: { code: 'INTERNAL', message: 'Unexpected error.' } });
  };
  app.use(onError);
  return app;
}
