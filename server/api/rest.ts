import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { formatProblem, InputError, NotFoundError, type Problem } from '../domain/errors.js';
import { RELATIONSHIPS, STATUSES, METHODS, ORIGINS } from '../domain/schemas/mapping.js';
import type { ReviewPolicy } from '../domain/review.js';
import { CONTRADICTION_KINDS } from '../domain/relationships.js';
import { exportContent, type ExportedFile } from '../services/exportContent.js';
import { controlSetFile, gapReportFile, imsPlanFile, soaFile } from '../services/reports.js';
import { importContent } from '../services/importContent.js';
import { importEvidenceRegister, importSoaRegister } from '../services/importRegisters.js';
import { serialise } from '../services/serialise.js';
import { evidenceStoreOf, type AnalysisContent } from '../services/analysis.js';
import type { GraphStore } from '../store/types.js';
import { principalFrom, requireRole, type Principal } from './auth.js';
import { createApiContext, type ApiContext } from './graphql/context.js';
import { resolvers } from './graphql/resolvers.js';

/** A comma-separated query parameter as a checked list. */
const list = <T extends string>(values: readonly T[]) =>
  z.string().optional().transform((v, ctx) => {
    const items = v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    const bad = items?.filter((i) => !(values as readonly string[]).includes(i));
    if (bad?.length) ctx.addIssue({ code: 'custom', message: `invalid value(s) ${bad.map((b) => `"${b}"`).join(', ')} (expected: ${values.join(', ')})` });
    return items as T[] | undefined;
  });
const int = (fallback: number) => z.coerce.number().int().optional().default(fallback);

const MappingQuery = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  framework: z.string().optional(),
  requirement: z.string().optional(),
  relationship: list(RELATIONSHIPS),
  status: list(STATUSES),
  method: list(METHODS),
  origin: list(ORIGINS),
  provenance: z.string().optional(),
  disputed: z.enum(['true', 'false']).optional(),
  limit: int(100),
  offset: int(0),
});

type Handler = (req: Request, ctx: ApiContext) => Promise<unknown>;

/**
 * REST mirrors the GraphQL operations through the same resolvers, so both transports share validation and
 * authorisation. Errors go to the app's error handler.
 */
export interface RestOptions {
  store: GraphStore;
  analysis: AnalysisContent;
  tokens: Map<string, Principal>;
  /** Where uploads are written as content files; without it uploads are refused. */
  dataDir?: string;
  uploadLimit?: string;
  now?: () => Date;
  reviewPolicy?: ReviewPolicy;
}

/** Routes that read the request body as raw bytes (an uploaded file), so no JSON parser may read it first. */
export const UPLOAD_ROUTES: ReadonlySet<string> = new Set(['/import', '/evidence/import', '/soa/import']);

export function createRestRouter({ store, analysis, tokens, dataDir, uploadLimit = '10mb', now, reviewPolicy = 'single' }: RestOptions): Router {
  // One import at a time: each validates against, and writes into, the same data folder.
  const oneAtATime = serialise();
  const router = express.Router();
  const context = (req: Request) => createApiContext(store, principalFrom(req.headers.authorization, tokens), analysis, { now, reviewPolicy });
  const route = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => {
    handler(req, context(req)).then((body) => {
      if (body === null || body === undefined) throw new NotFoundError(`nothing at ${req.path}`);
      res.json(body);
    }).catch(next);
  };
  const Q = resolvers.Query;
  const M = resolvers.Mutation;

  router.get('/frameworks', route((_, ctx) => Q.frameworks(null, {}, ctx)));
  router.get('/frameworks/:id', route((req, ctx) => Q.framework(null, { id: req.params.id }, ctx)));
  router.get('/frameworks/:id/requirements', route((req, ctx) => {
    const q = z.object({ parent: z.string().optional(), roots: z.enum(['true', 'false']).optional(), kind: z.string().optional(), limit: int(200), offset: int(0) }).parse(req.query);
    return Q.requirements(null, { frameworkId: req.params.id, parentId: q.parent, roots: q.roots === 'true', kinds: q.kind?.split(','), limit: q.limit, offset: q.offset }, ctx);
  }));
  router.get('/requirements/:id', route(async (req, ctx) => (await ctx.store.requirementDetail(String(req.params.id))) ?? null));
  // The page is the body; how many match in all is the X-Total-Count header, so the body stays a plain list.
  router.get('/mappings', (req, res, next) => {
    const ctx = context(req);
    const run = async () => {
      const q = MappingQuery.parse(req.query);
      const frameworks = q.from && q.to ? [q.from, q.to] : undefined;
      const filter = { frameworks, frameworkId: frameworks ? undefined : (q.framework ?? q.from), requirementId: q.requirement, relationships: q.relationship, statuses: q.status, methods: q.method, origins: q.origin, provenanceSource: q.provenance, disputed: q.disputed === 'true' };
      const [page, total] = await Promise.all([Q.mappings(null, { filter, limit: q.limit, offset: q.offset }, ctx), Q.mappingCount(null, { filter }, ctx)]);
      res.set('X-Total-Count', String(total)).json(page);
    };
    run().catch(next);
  });
  router.get('/mappings/:id', route((req, ctx) => Q.mapping(null, { id: req.params.id }, ctx)));
  router.get('/mappings/:id/reviews', route(async (req, ctx) => {
    const id = String(req.params.id);
    // A mapping that left the content keeps its review history (decisions are applied again if it comes back).
    const history = await ctx.store.reviewHistory(id);
    if (!history.length && !(await ctx.store.getMapping(id))) throw new NotFoundError(`unknown mapping "${id}"`);
    return history;
  }));
  router.get('/search', route((req, ctx) => {
    const q = z.object({ q: z.string(), framework: z.string().optional(), limit: int(20) }).parse(req.query);
    return Q.search(null, { text: q.q, frameworkId: q.framework, limit: q.limit }, ctx);
  }));
  router.get('/coverage', route((req, ctx) => {
    const q = z.object({ relationship: list(RELATIONSHIPS), status: list(STATUSES) }).parse(req.query);
    return Q.coverageMatrix(null, { relationships: q.relationship, statuses: q.status ?? ['approved'] }, ctx);
  }));
  router.get('/neighbourhood/:id', route((req, ctx) => {
    const q = z.object({ depth: int(1), maxNodes: int(500), relationship: list(RELATIONSHIPS), status: list(STATUSES) }).parse(req.query);
    return Q.neighbourhood(null, { id: req.params.id, depth: q.depth, maxNodes: q.maxNodes, relationships: q.relationship, statuses: q.status ?? ['approved'] }, ctx);
  }));
  router.get('/paths', route(async (req, ctx) => {
    const q = z.object({ from: z.string(), to: z.string(), maxLength: int(3), maxPaths: int(50), status: list(STATUSES) }).parse(req.query);
    return Q.paths(null, { from: q.from, to: q.to, maxLength: q.maxLength, maxPaths: q.maxPaths, statuses: q.status ?? ['approved'] }, ctx);
  }));
  router.get('/unmapped', route((req, ctx) => {
    const q = z.object({ from: z.string(), to: z.string(), kind: z.string().optional() }).parse(req.query);
    return Q.unmapped(null, { from: q.from, to: q.to, kinds: q.kind?.split(',') }, ctx);
  }));
  router.get('/contradictions', route((req, ctx) => {
    const q = z.object({ from: z.string().optional(), to: z.string().optional(), kind: z.enum(CONTRADICTION_KINDS).optional() }).parse(req.query);
    return Q.contradictions(null, q, ctx);
  }));
  router.get('/harmonized-clauses', route((_, ctx) => Q.harmonizedClauses(null, {}, ctx)));

  const download = (produce: (req: Request) => Promise<ExportedFile>) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      const file = await produce(req);
      res.setHeader('Content-Type', file.contentType);
      res.setHeader('Content-Disposition', `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`);
      res.send(file.body);
    } catch (e) {
      next(e);
    }
  };
  const csvList = (value?: string) => (value ? value.split(',').map((v) => v.trim()).filter(Boolean) : undefined);

  router.get('/export', download((req) => {
    const q = z.object({ format: z.string(), from: z.string().optional(), to: z.string().optional(), framework: z.string().optional() }).parse(req.query);
    return exportContent(store, { ...q, now: now?.() });
  }));
  router.get('/reports/gap', download((req) => {
    const q = z.object({ format: z.string().default('csv'), target: z.string(), have: z.string().optional(), haveRequirements: z.string().optional(), evidence: z.enum(['true', 'false']).optional(), scope: z.string().optional(), asOf: z.string().optional(), maxPathLength: z.coerce.number().optional(), includeProposed: z.enum(['true', 'false']).optional() }).parse(req.query);
    return gapReportFile(analysis, store, { format: q.format, target: q.target, haveFrameworks: csvList(q.have), haveRequirements: csvList(q.haveRequirements), haveEvidence: q.evidence === 'true' || undefined, scope: csvList(q.scope), asOf: q.asOf, maxPathLength: q.maxPathLength, includeProposed: q.includeProposed === 'true' }, now?.());
  }));
  router.get('/reports/controls', download((req) => {
    const q = z.object({ format: z.string().default('csv'), frameworks: z.string().optional() }).parse(req.query);
    return controlSetFile(analysis, store, { format: q.format, frameworks: csvList(q.frameworks) }, now?.());
  }));
  router.get('/reports/ims', download((req) => {
    const q = z.object({ format: z.string().default('md'), standards: z.string() }).parse(req.query);
    return imsPlanFile(analysis, { format: q.format, standards: csvList(q.standards) ?? [] }, now?.());
  }));
  router.get('/reports/soa', download((req) => {
    const q = z.object({ format: z.string().default('csv'), framework: z.string(), asOf: z.string().optional() }).parse(req.query);
    return soaFile(analysis, store, q, now?.());
  }));

  // Uploads arrive as the raw file; every import format is text.
  // Raw bytes, not text: a CSV format may also be uploaded as an XLSX workbook.
  // The token is checked before the body is read: an upload without the right to import is refused, whatever its size.
  const analystOnly = (req: Request, _res: Response, next: NextFunction) => {
    try {
      requireRole(principalFrom(req.headers.authorization, tokens), 'analyst');
      next();
    } catch (e) {
      next(e);
    }
  };
  router.post('/import', analystOnly, express.raw({ type: () => true, limit: uploadLimit }), route(async (req, ctx) => {
    requireRole(ctx.principal, 'analyst');
    if (!dataDir) throw new InputError('this server does not accept uploads (no data folder configured)');
    const q = z.object({
      format: z.string(), filename: z.string().max(200).optional(), frameworkId: z.string().optional(), name: z.string().optional(),
      edition: z.string().optional(), publisher: z.string().optional(), shortName: z.string().max(200).optional(), from: z.string().optional(), to: z.string().optional(), sheet: z.string().max(200).optional(),
      elementTypes: z.string().max(500).optional(), replace: z.enum(['true', 'false']).optional(), skipConflicts: z.enum(['true', 'false']).optional(),
    }).parse(req.query);
    if (!Buffer.isBuffer(req.body) || !req.body.length) throw new InputError('the upload is empty: send the file as the request body');
    const outcome = await oneAtATime(() => importContent({
      ...q, elementTypes: q.elementTypes?.split(',').map((t) => t.trim()).filter(Boolean), replace: q.replace === 'true', skipConflicts: q.skipConflicts === 'true', bytes: req.body as Buffer, sourceName: q.filename ?? `upload.${q.format}`, dataDir, store,
      today: now?.().toISOString().slice(0, 10),
    }));
    return { written: outcome.written.length, warnings: outcome.warnings.map(formatProblem), load: outcome.load, reviewsApplied: outcome.reviewsApplied };
  }));

  /** A route that takes one file as the raw request body, for analysts; `what` names the file in the empty-body error. */
  const fileUpload = (what: string, work: (bytes: Buffer, query: Request['query']) => Promise<{ warnings: Problem[] }>) => [
    analystOnly,
    express.raw({ type: () => true, limit: uploadLimit }),
    route(async (req, ctx) => {
      requireRole(ctx.principal, 'analyst');
      if (!Buffer.isBuffer(req.body) || !req.body.length) throw new InputError(`the upload is empty: send the ${what} as the request body`);
      const result = await oneAtATime(() => work(req.body as Buffer, req.query));
      return { ...result, warnings: result.warnings.map(formatProblem) };
    }),
  ];
  router.post('/evidence/import', ...fileUpload('evidence register', (bytes, query) => {
    const q = z.object({ filename: z.string().max(200).optional() }).parse(query);
    return importEvidenceRegister(evidenceStoreOf(store), bytes, q.filename ?? 'evidence.csv');
  }));
  router.post('/soa/import', ...fileUpload('Statement of Applicability', (bytes, query) => {
    const q = z.object({ filename: z.string().max(200).optional(), framework: z.string().max(200).optional() }).parse(query);
    return importSoaRegister(evidenceStoreOf(store), bytes, q.filename ?? 'soa.csv', { frameworkId: q.framework });
  }));

  router.post('/mappings', route((req, ctx) => M.createMapping(null, { input: req.body }, ctx)));
  router.post('/mappings/:id/review', route((req, ctx) => M.reviewMapping(null, { id: req.params.id, review: req.body }, ctx)));
  router.post('/suggestions', route((req, ctx) => M.suggestMappings(null, { input: req.body }, ctx)));
  return router;
}
