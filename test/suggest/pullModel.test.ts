// `models pull` end to end against a stand-in hub on 127.0.0.1 serving the generated tiny model: the files land
// where the offline embedder reads them, and nothing but that local server is contacted.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder } from '../../server/suggest/embedder.js';
import { listInstalledModels, MODEL_SETTINGS_FILE } from '../../server/suggest/modelFolder.js';
import { pullModel } from '../../server/suggest/pullModel.js';
import { createReranker } from '../../server/suggest/reranker.js';
import { TINY_DIMENSION, TINY_MODEL_ID, TINY_RERANKER_ID, writeTinyBertModel, writeTinyCrossEncoder } from './tinyBertModel.js';

let source: string;
let target: string;
let server: http.Server;
let hub: string;
const requested: string[] = [];

beforeAll(async () => {
  source = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-hub-'));
  target = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-pulled-'));
  writeTinyBertModel(source);
  writeTinyCrossEncoder(source);
  // The hub's layout: /<org>/<name>/resolve/<revision>/<file>.
  server = http.createServer((req, res) => {
    requested.push(req.url ?? '');
    const match = /^\/(.+?)\/resolve\/[^/]+\/(.+)$/.exec(decodeURIComponent(req.url ?? ''));
    const file = match ? path.join(source, match[1]!, match[2]!) : '';
    if (!match || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, { 'content-length': String(body.length), 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hub = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  for (const dir of [source, target]) fs.rmSync(dir, { recursive: true, force: true });
});

const localOnly = async (input: string | URL, init?: unknown) => {
  const url = new URL(String(input));
  if (url.hostname !== '127.0.0.1') throw new Error(`refusing to reach ${url.host} in a test`);
  return fetch(url, init as RequestInit);
};

describe('models pull', () => {
  it('downloads into the local layout, records the settings, and the offline embedder then loads it', async () => {
    const files: string[] = [];
    const model = await pullModel({ modelDir: target, modelId: TINY_MODEL_ID, settings: { pooling: 'cls', dtype: 'q8' }, remoteHost: hub, fetch: localOnly, onFile: (f) => files.push(f) });
    expect(model).toMatchObject({ id: TINY_MODEL_ID, settings: { pooling: 'cls', prefix: '', dtype: 'q8' } });
    expect(files).toEqual(expect.arrayContaining(['config.json', 'tokenizer.json', 'onnx/model_quantized.onnx']));
    const dir = path.join(target, 'crosswalk-test', 'tiny-bert');
    expect(fs.readFileSync(path.join(dir, 'onnx', 'model_quantized.onnx'))).toEqual(fs.readFileSync(path.join(source, 'crosswalk-test', 'tiny-bert', 'onnx', 'model_quantized.onnx')));
    expect(JSON.parse(fs.readFileSync(path.join(dir, MODEL_SETTINGS_FILE), 'utf8'))).toEqual({ pooling: 'cls', prefix: '', dtype: 'q8' });
    expect(listInstalledModels(target).map((m) => m.id)).toEqual([TINY_MODEL_ID]);
    expect(requested.every((url) => url.startsWith('/crosswalk-test/tiny-bert/resolve/main/'))).toBe(true);

    const embedder = await createEmbedder({ modelDir: target, model: listInstalledModels(target)[0]! });
    try {
      const [vector] = await embedder.embed(['AI risk assessment']);
      expect(vector).toHaveLength(TINY_DIMENSION);
    } finally {
      await embedder.dispose();
    }
  });

  it('downloads a cross-encoder with --reranker, which the folder then lists as a reranker and the rerank path loads', async () => {
    const model = await pullModel({ modelDir: target, modelId: TINY_RERANKER_ID, task: 'reranker', remoteHost: hub, fetch: localOnly });
    expect(model).toMatchObject({ id: TINY_RERANKER_ID, task: 'reranker', settings: { dtype: 'q8' } });
    expect(listInstalledModels(target).map((m) => [m.id, m.task])).toContainEqual([TINY_RERANKER_ID, 'reranker']);
    const reranker = await createReranker({ modelDir: target, model });
    try {
      const scores = await reranker.score('supplier monitoring', ['supplier monitoring', 'human oversight']);
      expect(scores[0]).toBeGreaterThan(scores[1]!);
    } finally {
      await reranker.dispose();
    }
  });
});

describe('models pull from a hub that never answers', () => {
  it('gives up after the answer timeout with a message that says so, instead of waiting for minutes', async () => {
    // A proxy or firewall that accepts the connection and then says nothing: the default fetch would wait five minutes per file.
    const sockets: import('node:net').Socket[] = [];
    const silent = http.createServer(() => undefined);
    silent.on('connection', (socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentHub = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-silent-'));
    const started = Date.now();
    try {
      await expect(pullModel({ modelDir: empty, modelId: TINY_MODEL_ID, remoteHost: silentHub, fetch: localOnly, answerTimeoutMs: 300 })).rejects.toThrow(
        /could not download "crosswalk-test\/tiny-bert" from http:\/\/127\.0\.0\.1:\d+\/ \(the hub did not answer within 0\.3 s\)/,
      );
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(fs.readdirSync(empty)).toEqual([]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      fs.rmSync(empty, { recursive: true, force: true });
    }
  }, 20_000);
});
