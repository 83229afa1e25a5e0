import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InstalledModel } from '../../server/suggest/modelFolder.js';
import { createModelKeeper, LOAD_FOR_ONE_RUN } from '../../server/suggest/modelKeeper.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-keeper-'));
  fs.mkdirSync(path.join(dir, 'onnx'));
  fs.writeFileSync(path.join(dir, 'config.json'), '{}');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const installed = (): InstalledModel => ({ id: 'acme/tiny', task: 'embedding', dir, dtypes: ['q8'], settings: { pooling: 'cls', prefix: '', dtype: 'q8' }, bytes: 1 });

/** A stand-in for a loaded model that counts its loads and disposals. */
function fakeModels() {
  const log = { loaded: 0, disposed: 0 };
  const create = async () => {
    const n = ++log.loaded;
    return { n, which: () => n, dispose: async () => void log.disposed++ };
  };
  return { log, create };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('model keeper', () => {
  it('loads a model once for runs that follow each other, and frees it only after it has been idle', async () => {
    const keeper = createModelKeeper({ idleMs: 40 });
    const { log, create } = fakeModels();
    const first = await keeper.load(installed(), create);
    expect(first.which()).toBe(1);
    await first.dispose();
    const second = await keeper.load(installed(), create);
    expect([second.n, log.loaded, log.disposed]).toEqual([1, 1, 0]);
    await sleep(80);
    expect(log.disposed).toBe(0); // still held by the second run
    await second.dispose();
    await second.dispose(); // giving back twice counts once
    await sleep(80);
    expect(log.disposed).toBe(1);
    expect((await keeper.load(installed(), create)).n).toBe(2);
    await keeper.dispose();
    expect(log.disposed).toBe(2);
  });

  it('shares one load between runs that ask at once, and loads again a model pulled again into the folder', async () => {
    const keeper = createModelKeeper({ idleMs: 10_000 });
    const { log, create } = fakeModels();
    const [a, b] = await Promise.all([keeper.load(installed(), create), keeper.load(installed(), create)]);
    expect([a.n, b.n, log.loaded]).toEqual([1, 1, 1]);
    fs.utimesSync(path.join(dir, 'config.json'), new Date(), new Date(Date.now() + 60_000));
    expect((await keeper.load(installed(), create)).n).toBe(2);
    await keeper.dispose();
    expect(log.disposed).toBe(2);
  });

  it('forgets a load that failed, so the next run tries again', async () => {
    const keeper = createModelKeeper();
    const { create } = fakeModels();
    await expect(keeper.load(installed(), () => Promise.reject(new Error('damaged model')))).rejects.toThrow('damaged model');
    expect((await keeper.load(installed(), create)).n).toBe(1);
    await keeper.dispose();
  });

  it('for one run, hands out the model itself, whose dispose frees it', async () => {
    const { log, create } = fakeModels();
    const model = await LOAD_FOR_ONE_RUN.load(installed(), create);
    await model.dispose();
    expect(log).toEqual({ loaded: 1, disposed: 1 });
  });
});
