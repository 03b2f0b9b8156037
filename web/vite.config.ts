import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Three entries, one per audience, so nobody downloads another audience's code: the public site
 * (`/`), the patient portal (`/patient/*`, `/login`, `/signup`) and the staff platform
 * (`/login/medical` and the role apps). The gateway serves `web/dist` and answers app paths with
 * the entry's HTML (services/gateway/web-app.ts).
 */
export default defineConfig({
  root,
  plugins: [solid()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    // web/dist/.vite/manifest.json: which chunks each entry loads up front (scripts/web-budget.ts).
    manifest: true,
    rollupOptions: {
      input: { index: `${root}index.html`, patient: `${root}patient.html`, staff: `${root}staff.html` },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/ws': { target: 'ws://localhost:3000', ws: true } },
  },
});
