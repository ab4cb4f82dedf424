import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL, type GuichetBridge } from '../../shared/contract/bridge.js';

/**
 * Sandboxed preload (bundled to CommonJS by scripts/build-electron.mjs): exposes one function,
 * `window.guichet.invoke`, and nothing of ipcRenderer itself. The main process checks the sender
 * frame and validates every input with the contract's schemas.
 */
const bridge: GuichetBridge = {
  invoke: (operation, input) => ipcRenderer.invoke(IPC_CHANNEL, operation, input),
};

contextBridge.exposeInMainWorld('guichet', bridge);
