import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The staff renderer: one build served by Electron's app:// protocol and by the web host.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
  },
});
