import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the explorer (client/) into client/dist, which the service serves at /. Tests: vitest.config.ts. */
export default defineConfig({
  root: 'client',
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npx vite` during development: the API comes from a running `npm start`.
    proxy: { '/graphql': 'http://127.0.0.1:4000', '/api': 'http://127.0.0.1:4000' },
  },
});
