// Worker entry when running from the TypeScript sources (tsx CLI, web host, vitest): registers
// tsx's loader in this thread, then loads the real worker. The Electron bundle uses
// dist/electron/pdf-worker.cjs instead (scripts/build-electron.mjs).
import { register } from 'tsx/esm/api';

register();
await import(new URL('./worker.ts', import.meta.url).href);
