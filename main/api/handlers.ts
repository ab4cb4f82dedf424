import type { OperationName, OpOutput, OpParsedInput } from '../../shared/contract/operations.js';
import type { AppContext } from '../context.js';
import { exportCsv } from '../services/csv-export.js';
import { importCsv } from '../services/csv-import.js';
import { getDashboard, listSchools } from '../services/dashboard.js';
import {
  createFamily,
  getFamily,
  recordQf,
  removeGuardian,
  saveChild,
  saveGuardian,
  setRhythm,
  updateFamily,
} from '../services/families.js';
import { searchFamilies } from '../services/search.js';
import { setupLoadDemo, setupState, startEmpty } from '../services/setup.js';

type Handlers = {
  [N in OperationName]: (ctx: AppContext, input: OpParsedInput<N>) => OpOutput<N> | Promise<OpOutput<N>>;
};

/** Each contract operation mapped to its service; inputs arrive already validated. */
export const handlers: Handlers = {
  'app.info': (ctx) => ({ version: ctx.version, dataDir: ctx.dataDir, actor: ctx.actor, node: ctx.clock.node }),
  'setup.state': (ctx) => setupState(ctx),
  'setup.loadDemo': (ctx, input) => setupLoadDemo(ctx, input.seed),
  'setup.startEmpty': (ctx) => startEmpty(ctx),
  'dashboard.get': (ctx) => getDashboard(ctx),
  'schools.list': (ctx) => listSchools(ctx),
  'families.search': (ctx, input) => searchFamilies(ctx, input),
  'families.get': (ctx, input) => getFamily(ctx, input.id),
  'families.create': (ctx, input) => createFamily(ctx, input),
  'families.update': (ctx, input) => updateFamily(ctx, input),
  'guardians.save': (ctx, input) => saveGuardian(ctx, input.familyId, input.guardian),
  'guardians.remove': (ctx, input) => removeGuardian(ctx, input.familyId, input.guardianId),
  'children.save': (ctx, input) => saveChild(ctx, input.familyId, input.child),
  'children.setRhythm': (ctx, input) => setRhythm(ctx, input),
  'qf.record': (ctx, input) => recordQf(ctx, input),
  'import.csv': (ctx, input) => importCsv(ctx, { content: Buffer.from(input.content, 'base64'), dryRun: input.dryRun }),
  'export.csv': (ctx, input) => exportCsv(ctx, input),
};
