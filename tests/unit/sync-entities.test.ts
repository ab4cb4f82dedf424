import { readFileSync } from 'node:fs';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as deskSchema from '../../main/store/schema.js';
import { SYNC_ENTITIES, SYNC_MIN_SCHEMA_VERSION, SYNC_PROTOCOL_REVISIONS, SYNC_SCHEMA_VERSION, syncMessage } from '../../shared/contract/sync.js';

/** Tables that never travel: the outbox itself, the audit, derived summaries, server-kept series, sync's own state (with the files the server holds). */
const LOCAL_TABLES = ['audit_log', 'family_summaries', 'number_series', 'outbox', 'purge_in_progress', 'sync_field_clocks', 'sync_inbox', 'server_blobs'];

describe('the sync schema in shared/ follows the desk’s store', () => {
  it('lists every synced table with every field but id', () => {
    const tables = (Object.values(deskSchema) as unknown[]).filter((t): t is SQLiteTable => t instanceof SQLiteTable).map((t) => getTableConfig(t));
    const expected = Object.fromEntries(
      tables.filter((t) => !LOCAL_TABLES.includes(t.name)).map((t) => [t.name, t.columns.map((c) => c.name).filter((c) => c !== 'id')]),
    );
    expect(SYNC_ENTITIES).toEqual(expected);
  });

  it('has the desk’s migration count, plus the protocol’s own revisions, as its version', () => {
    const journal = JSON.parse(readFileSync(new URL('../../main/store/migrations/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] };
    expect(SYNC_SCHEMA_VERSION).toBe(journal.entries.length + SYNC_PROTOCOL_REVISIONS);
    expect(SYNC_MIN_SCHEMA_VERSION).toBeLessThanOrEqual(SYNC_SCHEMA_VERSION);
  });

  const base = { id: '0192f0c4-7a1b-7c2d-8e3f-000000000001', hlc: '001764580000000-0000-ab12cd34ef56', node: 'ab12cd34ef56', rowId: 'f1', value: '"Martin"' };
  it.each([
    ['a known field', { entity: 'families', field: 'family_name' }, null],
    ['a tombstone', { entity: 'children', field: '_deleted' }, null],
    ['a purge’s mark', { entity: 'guardians', field: '_erased' }, null],
    ['an unknown entity', { entity: 'sqlite_master', field: 'sql' }, 'Entité inconnue du serveur\u00a0: «\u00a0sqlite_master\u00a0».'],
    ['an unknown field', { entity: 'families', field: 'password' }, 'Champ inconnu du serveur\u00a0: «\u00a0families.password\u00a0».'],
    ['a local table', { entity: 'outbox', field: 'sent_at' }, 'Entité inconnue du serveur\u00a0: «\u00a0outbox\u00a0».'],
  ])('a message on %s', (_label, where, refusal) => {
    const result = syncMessage.safeParse({ ...base, ...where });
    if (refusal === null) expect(result.success).toBe(true);
    else expect(result.error?.issues[0]?.message).toBe(refusal);
  });
});
