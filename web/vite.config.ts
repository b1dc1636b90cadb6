import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('./', import.meta.url));
const localServer = 'http://localhost:3000';

/** The single-page app: built into web/dist, served at `/` by the local server (CloudFront in AWS). */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': localServer,
      '/soap': localServer,
      '/health': localServer,
      // Upload URLs of big files (registry packages) are the local server's own, resolved against this origin.
      '/local-uploads': localServer,
    },
  },
});
