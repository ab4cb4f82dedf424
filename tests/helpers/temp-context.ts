import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, type AppContext, type CreateContextOptions } from '../../main/context.js';
import { PERMISSIONS } from '../../shared/contract/permissions.js';
import { openDocumentKeys } from '../../main/services/keys/index.js';
import { dataFolderKeySource } from '../../main/store/key-vault.js';

/**
 * A real SQLite store in a fresh temporary data folder, acting with every permission as the CLI
 * does; `dispose()` closes and removes it. `template`: a closed data folder copied first (a store
 * migrated and seeded once, for tests that make hundreds of desks).
 */
export function tempContext(options: Partial<CreateContextOptions> = {}, template?: string): AppContext & { dispose(): void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-test-'));
  if (template) cpSync(template, dataDir, { recursive: true });
  // The keys as the web host keeps them (a vault in the data folder), opened as every entry point does.
  const ctx = createContext({ dataDir, actor: 'test', today: () => '2026-03-15', checkOutputs: true, roles: PERMISSIONS, documentKeys: dataFolderKeySource(dataDir), ...options });
  openDocumentKeys(ctx, { background: false });
  return Object.assign(ctx, {
    dispose() {
      ctx.store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
