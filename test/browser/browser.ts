import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { PACKAGE_ROOT } from '../../server/config.js';
import { startTestServer, TOKENS } from '../api/testServer.js';

/** Debian's chromium (apt-get install -y chromium); the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
export const SKIP_MESSAGE = `browser tests skipped: ${CHROMIUM} is not installed (apt-get install -y chromium; .ci/run does this)`;

/** Where globalSetup builds the explorer for the tests (not client/dist, which `npm start` owns). */
export const CLIENT_DIST = path.join(PACKAGE_ROOT, 'test-artifacts/client-dist');
export const SCREENSHOTS = path.join(PACKAGE_ROOT, 'test-artifacts/screenshots');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface WatchedPage {
  page: Page;
  /** Console errors, uncaught exceptions and failed requests seen so far. */
  problems: string[];
}

/** A page whose console errors and uncaught exceptions are collected, so a test can assert there were none. */
export async function openPage(browser: Browser, { width = 1400, height = 1000 } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (!r.failure()?.errorText.includes('ERR_ABORTED')) problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  return { page, problems };
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Screen position of a node in a GraphView, through the component's test hook. */
export async function nodePosition(page: Page, graphLabel: string, nodeId: string): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(
    ([label, id]) => (globalThis as unknown as { __crosswalkGraphs?: Map<string, { screenPosition: (id: string) => { x: number; y: number } | null }> }).__crosswalkGraphs?.get(label!)?.screenPosition(id!) ?? null,
    [graphLabel, nodeId],
  );
  if (!p) throw new Error(`no node "${nodeId}" in graph "${graphLabel}"`);
  return p;
}

export type ExplorerServer = Awaited<ReturnType<typeof startTestServer>>;

export interface Explorer {
  /** The running app; read it inside tests (it is set before the first one runs). */
  readonly server: ExplorerServer;
  readonly browser: Browser;
  /** A fresh watched page at `path` of the app; `token: true` puts the analyst's token in the tab first, as if pasted earlier. */
  open(path: string, options?: { token?: boolean }): Promise<WatchedPage>;
}

/**
 * Starts the real app (shipped content, built explorer) and chromium before the suite and stops both after it.
 * `temporaryDataDir` gives the app a data folder of its own for the suite (imports write there), removed afterwards.
 */
export function useExplorer({ temporaryDataDir = false, ...options }: Omit<Parameters<typeof startTestServer>[0], 'clientDir'> & { temporaryDataDir?: boolean } = {}): Explorer {
  let server: ExplorerServer | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    if (temporaryDataDir) dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-explorer-'));
    server = await startTestServer({ ...options, ...(dataDir ? { dataDir } : {}), clientDir: CLIENT_DIST });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`the explorer's ${what} is not started yet: use it inside a test`);
    return value;
  };
  return {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    async open(pagePath, { token = false } = {}) {
      const watched = await openPage(started(browser, 'browser'));
      if (token) await watched.page.context().addInitScript((t) => sessionStorage.setItem('crosswalk.token', t), TOKENS.analyst);
      await watched.page.goto(`${started(server, 'server').url}${pagePath}`);
      return watched;
    },
  };
}
