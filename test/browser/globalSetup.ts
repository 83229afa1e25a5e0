import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../server/config.js';
import { CLIENT_DIST, hasChromium, SKIP_MESSAGE } from './browser.js';

/** Builds the explorer once for all browser tests (about a second with Vite 8). */
export default async function setup() {
  if (!hasChromium) {
    console.warn(SKIP_MESSAGE);
    return;
  }
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, which would bundle React's development build: test what `npm start` serves.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(PACKAGE_ROOT, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: CLIENT_DIST, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error(`the explorer build wrote no ${CLIENT_DIST}/index.html`);
}
