import { parentPort, workerData } from 'node:worker_threads';
import { FontEngine } from './fonts.js';
import { mergePdfFiles, writeHashedFile } from './files.js';
import { documentLabel, type RenderOptions, renderCombined, renderWithInfo } from './render.js';
import type { WorkerInit, WorkerReply, WorkerTask } from './worker-protocol.js';

/**
 * A PDF worker thread (see pool.ts): parses the fonts once, then renders the batches it is
 * sent, writing each file itself (atomically) and reporting it as soon as it is on disk.
 * Started from the sources through worker-tsx.mjs, from the Electron bundle as pdf-worker.cjs.
 */

const port = parentPort;
if (!port) throw new Error('worker.ts doit être lancé comme worker_thread (voir pool.ts).');
const init = workerData as WorkerInit;
const engine = new FontEngine(init.fonts, { hinting: init.hinting });
const options = (): RenderOptions => ({
  engine,
  pdfa: init.pdfa,
  ...(init.createdAt !== undefined ? { createdAt: new Date(init.createdAt) } : {}),
});
const reply = (message: WorkerReply) => port.postMessage(message);

async function run(task: WorkerTask): Promise<void> {
  if (task.type === 'render') {
    for (const job of task.jobs) {
      try {
        const { bytes, pages } = await renderWithInfo(job.doc, options());
        const sha256 = writeHashedFile(job.path, bytes);
        reply({ type: 'file', file: { index: job.index, path: job.path, bytes: bytes.length, pages, sha256 } });
      } catch (error) {
        const err = error instanceof Error ? error : new Error(String(error));
        let label = `document ${job.index + 1}`;
        try {
          label = documentLabel(job.doc);
        } catch {
          // unknown kind: keep the index
        }
        reply({ type: 'error', index: job.index, name: err.name, message: `${label}\u00a0: ${err.message}` });
        return;
      }
    }
  } else if (task.type === 'combine') {
    const { bytes, pages } = await renderCombined(task.docs, { ...options(), duplex: task.duplex, ...(task.title ? { title: task.title } : {}) });
    const sha256 = writeHashedFile(task.path, bytes);
    reply({ type: 'file', file: { index: -1, path: task.path, bytes: bytes.length, pages, sha256 } });
  } else {
    const { bytes, pages } = await mergePdfFiles(task.files, task.title ? { title: task.title } : {});
    const sha256 = writeHashedFile(task.path, bytes);
    reply({ type: 'file', file: { index: -1, path: task.path, bytes: bytes.length, pages, sha256 } });
  }
  reply({ type: 'task-done' });
}

port.on('message', (task: WorkerTask) => {
  run(task).catch((error: unknown) => {
    const err = error instanceof Error ? error : new Error(String(error));
    reply({ type: 'error', index: null, name: err.name, message: err.message });
  });
});
reply({ type: 'ready' });
