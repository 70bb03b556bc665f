import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  // Pages load as their own chunks (src/routes.ts); the largest left is Observable Plot (~340 kB), so a
  // chunk over 400 kB means something heavy slipped into a shared or eagerly loaded module.
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 400 },
  logLevel: 'warn',
});
