import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type AppContext } from '../../main/context.js';
import { createFamily } from '../../main/services/families/index.js';
import { connectServer, pendingMessages, syncOnce } from '../../main/services/sync/index.js';
import { enrolDesk } from '../../portal/desks/enrolment.js';
import type { PortalStore } from '../../portal/store/open.js';
import { familyInput as familySchema } from '../../shared/contract/families.js';
import { mulberry32 } from '../../shared/domain/random.js';
import { ROOT, TSX } from '../helpers/cli.js';
import { familyInput } from '../helpers/fixtures.js';
import { tempPortalServer } from '../helpers/portal-store.js';

/**
 * A desk killed (SIGKILL) at random points of a sync, push or pull, 50 times: each time its base
 * passes `integrity_check`, and after a restart and a sync it holds exactly what a sync never
 * interrupted gives (issue 10, « Proven convergence »).
 */
const CHILD = join(__dirname, 'sync-crash-child.ts');
const RUNS = 50;
const NAMES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand'];

let root: string;
let template: string; // desk A, enrolled, with its families waiting to be sent
let store: PortalStore;
let url: string;
let close: () => Promise<void>;

/** A desk enrolled on the server with its families (dossier numbers from `firstNumber`: each desk its own range). */
async function enrolled(dataDir: string, name: string, families: number, prefix: string, firstNumber: number): Promise<AppContext> {
  const ctx = createContext({ dataDir, actor: 'test' });
  await connectServer(ctx, { url, code: (await enrolDesk(store, { name, by: 'test', now: new Date() })).code });
  for (let i = 0; i < families; i++) {
    createFamily(ctx, familySchema.parse(familyInput({ familyName: `${prefix}-${NAMES[i % NAMES.length]!}` })), { dossierNumber: firstNumber + i });
  }
  return ctx;
}

beforeAll(async () => {
  ({ store, url, close } = await tempPortalServer());
  root = mkdtempSync(join(tmpdir(), 'guichet-sync-crash-'));
  template = join(root, 'a');
  (await enrolled(template, 'A', 40, 'Alpha', 10_001)).store.close();
  // Desk B's changes wait on the server: A's pull has more than one page to apply.
  const b = await enrolled(join(root, 'b'), 'B', 40, 'Beta', 20_001);
  await syncOnce(b);
  b.store.close();
});
afterAll(async () => {
  await close();
  rmSync(root, { recursive: true, force: true });
});

function runChild(dataDir: string, killAfterMs: number | null): Promise<{ done: boolean; ms: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, CHILD, dataDir], { cwd: ROOT });
    let stdout = '';
    let started = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (started === 0 && stdout.startsWith('start\n')) {
        started = performance.now();
        if (killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('exit', () => resolve({ done: stdout.includes('done\n'), ms: performance.now() - started }));
  });
}

/** What the desk holds, canonically, and whether its base is sound. */
function state(dataDir: string): { integrity: string; data: unknown } {
  const ctx = createContext({ dataDir, actor: 'test' });
  try {
    const integrity = (ctx.store.sqlite.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check;
    const table = (name: string) => ctx.store.sqlite.prepare(`SELECT * FROM ${name} ORDER BY id`).all();
    return { integrity, data: { families: table('families'), guardians: table('guardians'), children: table('children') } };
  } finally {
    ctx.store.close();
  }
}

describe('a desk killed during a sync', () => {
  it(`keeps a sound base and converges after a restart, ${RUNS} times`, async () => {
    const full = join(root, 'complet');
    cpSync(template, full, { recursive: true });
    const complete = await runChild(full, null);
    expect(complete.done).toBe(true);
    const expected = state(full);
    expect(expected.integrity).toBe('ok');
    expect((expected.data as { families: unknown[] }).families).toHaveLength(80);

    const random = mulberry32(20261202);
    // Where the kill fell: during the push (changes still waiting) or the pull (all sent, not done).
    const seen = { push: 0, pull: 0, done: 0 };
    for (let run = 0; run < RUNS; run++) {
      const dataDir = join(root, `run-${run}`);
      cpSync(template, dataDir, { recursive: true });
      const result = await runChild(dataDir, Math.floor(random() * complete.ms * 0.9));
      expect(state(dataDir).integrity, `run ${run}`).toBe('ok');
      const waiting = (() => {
        const ctx = createContext({ dataDir, actor: 'test' });
        try {
          return pendingMessages(ctx);
        } finally {
          ctx.store.close();
        }
      })();
      if (result.done) seen.done++;
      else if (waiting > 0) seen.push++;
      else seen.pull++;
      // Restarted: one sync brings it to the same data as the sync never interrupted.
      const ctx = createContext({ dataDir, actor: 'test' });
      try {
        await syncOnce(ctx);
        expect(pendingMessages(ctx), `run ${run}`).toBe(0);
      } finally {
        ctx.store.close();
      }
      expect(state(dataDir).data, `run ${run}`).toEqual(expected.data);
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(seen.push, JSON.stringify(seen)).toBeGreaterThan(0);
    expect(seen.pull, JSON.stringify(seen)).toBeGreaterThan(0);
  }, 600_000);
});
