import type { School } from '../../../shared/contract/schools.js';
import type { AppContext } from '../../context.js';
import { record, transaction } from '../../store/journal.js';

export type SchoolInput = Omit<School, 'id'>;

interface SchoolRecord {
  id: string;
  code: string;
  name: string;
  kind: School['kind'];
  address: string;
  head_name: string | null;
  updated_at: string;
}

/**
 * Creates the schools whose code is new and updates the others (matched by code), with their
 * audit entries and sync messages: one transaction. Returns the schools as stored, by code.
 */
export function upsertSchools(ctx: AppContext, schools: readonly SchoolInput[]): Map<string, School> {
  return transaction(ctx, () => {
    const { sqlite } = ctx.store;
    const find = sqlite.prepare('SELECT * FROM schools WHERE code = ?');
    const insert = sqlite.prepare(
      `INSERT INTO schools (id, code, name, kind, address, head_name, updated_at)
       VALUES (@id, @code, @name, @kind, @address, @head_name, @updated_at)`,
    );
    const update = sqlite.prepare(
      `UPDATE schools SET name = @name, kind = @kind, address = @address, head_name = @head_name,
         updated_at = @updated_at WHERE id = @id`,
    );
    const out = new Map<string, School>();
    for (const s of schools) {
      const at = new Date().toISOString();
      const before = find.get(s.code) as SchoolRecord | undefined;
      const after: SchoolRecord = {
        id: before?.id ?? ctx.newId(),
        code: s.code,
        name: s.name,
        kind: s.kind,
        address: s.address,
        head_name: s.headName,
        updated_at: at,
      };
      if (!before) {
        insert.run(after);
        record(ctx, { action: 'school.create', entity: 'schools', entityId: after.id, familyId: null, before: null, after: { ...after } });
      } else if (
        before.name !== after.name ||
        before.kind !== after.kind ||
        before.address !== after.address ||
        before.head_name !== after.head_name
      ) {
        update.run(after);
        record(ctx, {
          action: 'school.update',
          entity: 'schools',
          entityId: after.id,
          familyId: null,
          before: { ...before },
          after: { ...after },
        });
      }
      out.set(s.code, { id: after.id, code: s.code, name: s.name, kind: s.kind, address: s.address, headName: s.headName });
    }
    return out;
  });
}

/** Every school, by name (the pickers of the screens). */
export function listSchools(ctx: AppContext): School[] {
  return ctx.store.sqlite
    .prepare('SELECT id, code, name, kind, address, head_name AS headName FROM schools ORDER BY name')
    .all() as School[];
}
