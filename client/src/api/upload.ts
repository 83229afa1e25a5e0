import type { LoadSummary } from '../../../server/store/types.js';
import { ApiError } from './graphql.js';
import { invalidateQueries } from './useQuery.js';

/** What POST /api/import answers when the file was imported (the load summary is the store's own type). */
export interface ImportAnswer {
  written: number;
  warnings: string[];
  load?: LoadSummary;
  reviewsApplied: number;
}

/** An upload the service refused: its message, and each problem with the file's place ("file:line: message"). */
export class ImportRefused extends ApiError {
  constructor(message: string, readonly problems: string[]) {
    super(message, 'http');
  }
}

/** Sends a file as it is (a workbook stays binary) to POST /api/import?…; cached answers are dropped afterwards. */
export const uploadImport = (query: string, file: Blob, token: string): Promise<ImportAnswer> => uploadFile<ImportAnswer>('/api/import', query, file, token);

/** What POST /api/evidence/import answers: the items added and replaced, the links written, the warnings. */
export interface EvidenceImportAnswer {
  added: number;
  updated: number;
  links: number;
  warnings: string[];
}

export const uploadEvidenceRegister = (file: File, token: string): Promise<EvidenceImportAnswer> =>
  uploadFile<EvidenceImportAnswer>('/api/evidence/import', new URLSearchParams({ filename: file.name }).toString(), file, token);

/** What POST /api/soa/import answers: the decisions saved, the warnings. */
export interface SoaImportAnswer {
  saved: number;
  warnings: string[];
}

/** Decisions for one framework's controls; a file with framework ids of its own may name others. */
export const uploadSoa = (file: File, frameworkId: string, token: string): Promise<SoaImportAnswer> =>
  uploadFile<SoaImportAnswer>('/api/soa/import', new URLSearchParams({ filename: file.name, framework: frameworkId }).toString(), file, token);

/** POSTs a file's bytes to an upload route; a refusal becomes ImportRefused with the file's located problems. */
async function uploadFile<T>(route: string, query: string, file: Blob, token: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${route}?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: file,
    });
  } catch (e) {
    throw new ApiError(`Could not reach the Crosswalk service (${(e as Error).message}). Is it still running?`, 'network');
  } finally {
    invalidateQueries();
  }
  const body = (await res.json().catch(() => undefined)) as (T & { error?: { message: string; code?: string; problems?: string[] } }) | undefined;
  if (res.ok && body && !body.error) return body;
  const message = body?.error?.message ?? `The service answered ${res.status} ${res.statusText}.`;
  if (res.status === 401 || res.status === 403) throw new ApiError(`${message}. Paste an analyst token into the token field at the top of the page.`, 'auth', body?.error?.code);
  throw new ImportRefused(message, body?.error?.problems ?? []);
}
