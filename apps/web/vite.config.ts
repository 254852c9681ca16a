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
        // Vendors change rarely: a separate chunk stays cached across releases. (A finer split of
        // antd/pro-components creates circular chunks that fail at start-up.)
        // ECharts (and its renderer zrender) only serve the lazy dashboard pages: a chunk of their own,
        // loaded with them, so the main bundle does not carry it.
        manualChunks: (id) =>
          /node_modules[\\/](echarts|zrender)[\\/]/.test(id)
            ? 'echarts'
            : id.includes('node_modules')
              ? 'vendor'
              : undefined,
      },
    },
  },
});
