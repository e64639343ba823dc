// Builds the renderer into <repo>/dist/renderer with relative asset URLs ('./'), so the same files
// load from the browser-mode server, from Electron's app:// protocol or from file://.
//
// Development with hot reload against a running browser-mode server:
//   IM_DEV_SERVER='http://127.0.0.1:PORT/?token=TOKEN' npx vite --config src-renderer/vite.config.ts
// /api is proxied there with the token as `x-im-token`; the Origin header is dropped because the
// server only accepts its own origin (the dev page's origin is Vite's).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

function apiProxy(launchUrl: string | undefined): Record<string, ProxyOptions> | undefined {
  if (launchUrl === undefined || launchUrl === '') return undefined;
  const url = new URL(launchUrl);
  const token = url.searchParams.get('token');
  if (token === null) throw new Error(`IM_DEV_SERVER must be the address the server printed, with ?token=…; got ${launchUrl}`);
  return {
    '/api': {
      target: url.origin,
      changeOrigin: true, // Host must be the server's own 127.0.0.1:PORT
      headers: { 'x-im-token': token },
      // The source folder src-renderer/api/ shares the prefix: module GETs stay with Vite; only the
      // contract's POSTs and the event stream go to the server.
      bypass: (request) => (request.method === 'GET' && request.url?.split('?')[0] !== '/api/events' ? request.url : undefined),
      configure: (proxy) => {
        proxy.on('proxyReq', (request) => request.removeHeader('origin'));
      },
    },
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  server: { proxy: apiProxy(process.env.IM_DEV_SERVER) },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Chromium-only runtimes (Electron 45, a current browser): no legacy module-preload polyfill needed.
    modulePreload: { polyfill: false },
    // MathLive (expression answers only) is one ~800 kB module loaded on demand; the warning is noise.
    chunkSizeWarningLimit: 1000,
  },
});
