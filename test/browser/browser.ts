import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { PACKAGE_ROOT } from '../../server/config.js';
import { startTestServer } from '../api/testServer.js';

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

/**
 * Starts the real app (shipped content, built explorer) and chromium before the suite and stops both after it;
 * `ready` receives them.
 */
export function useExplorer(ready: (server: ExplorerServer, browser: Browser) => void, options: Omit<Parameters<typeof startTestServer>[0], 'clientDir'> = {}) {
  let server: ExplorerServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startTestServer({ ...options, clientDir: CLIENT_DIST });
    browser = await launchChromium();
    ready(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}
