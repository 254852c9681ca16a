import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves apps/web/dist in production; in development Vite proxies the API to it.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
    // No inline scripts: the server's CSP is script-src 'self'.
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: {
        // Every page loads on first visit (router.tsx), and Rollup puts each library with the pages that
        // use it: the first page of a session parses 1.6 MB of JavaScript (520 KB gzip), where one
        // vendor chunk for all of node_modules made it 3.3 MB (1 MB gzip). ECharts (and its renderer
        // zrender) only serve the lazy dashboard pages: a chunk of their own.
        manualChunks: (id) => (/node_modules[\\/](echarts|zrender)[\\/]/.test(id) ? 'echarts' : undefined),
      },
    },
  },
});
