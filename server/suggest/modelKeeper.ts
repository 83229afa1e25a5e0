import fs from 'node:fs';
import path from 'node:path';
import type { InstalledModel } from './modelFolder.js';

/** A loaded model: `dispose()` means "done with it" to whoever holds it. */
interface Disposable {
  dispose(): Promise<void>;
}

/** How the suggestion runs get their models: loaded for the run, or kept between runs. */
export interface ModelLoader {
  load<T extends Disposable>(model: InstalledModel, create: () => Promise<T>): Promise<T>;
}

/** Loads afresh; the run's `dispose()` frees it (a CLI command: one run, then the process ends). */
export const LOAD_FOR_ONE_RUN: ModelLoader = { load: (_model, create) => create() };

/** Ten minutes: long enough for a person working through a review to run the next suggestion without the wait. */
export const DEFAULT_IDLE_MS = 10 * 60_000;

// A model pulled again into the same folder has new files, so it is loaded again rather than served stale.
const versionOf = (model: InstalledModel) =>
  [path.join(model.dir, 'config.json'), path.join(model.dir, 'onnx')].map((file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0)).join('/');

/**
 * Keeps models loaded between the suggestion runs of a long-lived server, since loading one takes seconds. What it
 * hands out is a view of the shared model whose `dispose()` only gives it back; a model nobody holds is freed after
 * `idleMs`, never while a run uses it.
 */
export function createModelKeeper({ idleMs = DEFAULT_IDLE_MS }: { idleMs?: number } = {}): ModelLoader & { dispose(): Promise<void> } {
  const kept = new Map<string, { loading: Promise<Disposable>; holders: number; idle?: NodeJS.Timeout }>();
  const free = async (key: string) => {
    const entry = kept.get(key);
    if (!entry) return;
    kept.delete(key);
    clearTimeout(entry.idle);
    await (await entry.loading).dispose();
  };
  return {
    async load<T extends Disposable>(model: InstalledModel, create: () => Promise<T>): Promise<T> {
      const key = [model.task, model.dir, model.settings.dtype, versionOf(model)].join('\u0000');
      let entry = kept.get(key);
      if (!entry) {
        const loading = create();
        kept.set(key, (entry = { loading, holders: 0 }));
        loading.catch(() => kept.delete(key));
      }
      clearTimeout(entry.idle);
      entry.holders++;
      let shared: T;
      try {
        shared = (await entry.loading) as T;
      } catch (e) {
        entry.holders--;
        throw e;
      }
      let given = false;
      const held = entry;
      const giveBack = async () => {
        if (given) return;
        given = true;
        if (--held.holders > 0) return;
        held.idle = setTimeout(() => void free(key), idleMs);
        held.idle.unref();
      };
      return Object.assign(Object.create(shared) as T, { dispose: giveBack });
    },
    async dispose() {
      await Promise.all([...kept.keys()].map(free));
    },
  };
}
