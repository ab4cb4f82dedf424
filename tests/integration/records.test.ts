import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteRecord, findRecord, insertRecord, requireRecord, updateRecord } from '../../main/store/records.js';
import { transaction } from '../../main/store/journal.js';
import { schoolYears } from '../../main/store/schema.js';
import { tempContext } from '../helpers/temp-context.js';

/** main/store/records.ts: a typed row written with its audit entry and its sync messages, or nothing. */
let ctx: ReturnType<typeof tempContext>;
beforeEach(() => {
  ctx = tempContext();
});
afterEach(() => ctx.dispose());

const audit = () => ctx.store.sqlite.prepare("SELECT action, entity, entity_id, before, after FROM audit_log WHERE entity <> 'document_keys' ORDER BY rowid").all() as Record<string, string | null>[];
const outbox = () => ctx.store.sqlite.prepare("SELECT entity, row_id, field, value FROM outbox WHERE entity <> 'document_keys' ORDER BY seq").all() as Record<string, string>[];
const year = { id: 'y1', label: '2026-2027', firstDay: '2026-09-01', lastDay: '2027-07-03', updatedAt: '2026-06-01T00:00:00.000Z' };

describe('typed records', () => {
  it('inserts a row with its audit entry and one sync message per field, by column name', () => {
    insertRecord(ctx, schoolYears, year, { action: 'calendar.year.create', familyId: null });
    expect(findRecord(ctx, schoolYears, 'y1')).toEqual(year);
    expect(audit()).toEqual([{ action: 'calendar.year.create', entity: 'school_years', entity_id: 'y1', before: null, after: expect.stringContaining('"first_day":"2026-09-01"') }]);
    expect(outbox().map((m) => m.field).sort()).toEqual(['first_day', 'label', 'last_day', 'updated_at']);
  });

  it('updates only what changed: the audit keeps the row before and after, only changed fields travel; an unchanged row writes nothing', () => {
    insertRecord(ctx, schoolYears, year, { action: 'calendar.year.create', familyId: null });
    const after = updateRecord(ctx, schoolYears, year, { label: '2026-2027', lastDay: '2027-07-04' }, { action: 'calendar.year.update', familyId: null });
    expect(after).toEqual({ ...year, lastDay: '2027-07-04' });
    expect(requireRecord(ctx, schoolYears, 'y1', 'absente')).toEqual(after);
    const update = audit()[1]!;
    expect(JSON.parse(update.before!)).toMatchObject({ label: '2026-2027', last_day: '2027-07-03' });
    expect(JSON.parse(update.after!)).toMatchObject({ label: '2026-2027', last_day: '2027-07-04' });
    expect(outbox().slice(4)).toEqual([{ entity: 'school_years', row_id: 'y1', field: 'last_day', value: '"2027-07-04"' }]);
    updateRecord(ctx, schoolYears, after, { label: '2026-2027' }, { action: 'calendar.year.update', familyId: null });
    expect(audit()).toHaveLength(2);
    expect(outbox()).toHaveLength(5);
  });

  it('deletes with a tombstone, and writes nothing when the transaction fails', () => {
    insertRecord(ctx, schoolYears, year, { action: 'calendar.year.create', familyId: null });
    expect(() =>
      transaction(ctx, () => {
        deleteRecord(ctx, schoolYears, year, { action: 'calendar.closure.delete', familyId: null });
        throw new Error('panne');
      }),
    ).toThrow('panne');
    expect(findRecord(ctx, schoolYears, 'y1')).toEqual(year);
    expect(audit()).toHaveLength(1);
    deleteRecord(ctx, schoolYears, year, { action: 'calendar.closure.delete', familyId: null });
    expect(findRecord(ctx, schoolYears, 'y1')).toBeUndefined();
    expect(outbox().at(-1)).toMatchObject({ field: '_deleted', value: 'true' });
    expect(() => requireRecord(ctx, schoolYears, 'y1', 'Cette année scolaire n’existe pas.')).toThrow('Cette année scolaire n’existe pas.');
  });
});
