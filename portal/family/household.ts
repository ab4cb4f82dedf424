import { and, eq, inArray, sql } from 'drizzle-orm';
import { weekdaysFromText } from '../../shared/domain/weekdays.js';
import type { PortalDb } from '../store/open.js';
import { replicaRows } from '../store/schema.js';

/**
 * « Ma Famille »: the household as the Caisse knows it, read from the server's copy of the desks'
 * rows (replica_rows). Only live rows (no tombstone); a child's days are its latest rhythm in force.
 */
export interface Household {
  familyId: string;
  dossierNumber: string;
  familyName: string;
  address: string[];
  guardians: { rank: number; name: string; email: string | null; phone: string | null; isPayer: boolean }[];
  children: { name: string; birthDate: string; school: string | null; className: string | null; weekdays: number[] | null }[];
}

type Data = Record<string, unknown>;

const live = (data: Data) => data._deleted !== true;
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Live rows of `entity` whose `column` is one of `ids`, through the copy's expression indexes (the key written literally, as they are). */
async function rowsOf(db: PortalDb, entity: string, column: 'family_id' | 'child_id', ids: string[]): Promise<{ rowId: string; data: Data }[]> {
  if (ids.length === 0) return [];
  const found = await db
    .select({ rowId: replicaRows.rowId, data: replicaRows.data })
    .from(replicaRows)
    .where(and(eq(replicaRows.entity, entity), inArray(sql`(${replicaRows.data}->>${sql.raw(`'${column}'`)})`, ids)));
  return found.filter((r) => live(r.data));
}

export async function readHousehold(db: PortalDb, familyId: string, today: string): Promise<Household | null> {
  const [family] = await db.select({ data: replicaRows.data }).from(replicaRows).where(and(eq(replicaRows.entity, 'families'), eq(replicaRows.rowId, familyId)));
  if (!family || !live(family.data)) return null;
  const f = family.data;
  const guardians = (await rowsOf(db, 'guardians', 'family_id', [familyId]))
    .map(({ data }) => ({
      rank: Number(data.rank),
      name: [text(data.first_name), text(data.last_name)].filter(Boolean).join(' '),
      email: text(data.email),
      phone: text(data.phone_mobile) ?? text(data.phone_home),
      isPayer: data.is_payer === true || data.is_payer === 1,
    }))
    .sort((a, b) => a.rank - b.rank);
  const children = (await rowsOf(db, 'children', 'family_id', [familyId])).filter(({ data }) => text(data.enrolled_to) === null || text(data.enrolled_to)! >= today);
  const schoolIds = [...new Set(children.map((c) => text(c.data.school_id)).filter((v): v is string => v !== null))];
  const schools = schoolIds.length
    ? await db.select({ rowId: replicaRows.rowId, data: replicaRows.data }).from(replicaRows).where(and(eq(replicaRows.entity, 'schools'), inArray(replicaRows.rowId, schoolIds)))
    : [];
  const schoolName = new Map(schools.map((s) => [s.rowId, text(s.data.name)]));
  const rhythms = await rowsOf(db, 'rhythms', 'child_id', children.map((c) => c.rowId));
  return {
    familyId,
    dossierNumber: typeof f.dossier_number === 'number' || typeof f.dossier_number === 'string' ? String(f.dossier_number) : '',
    familyName: text(f.family_name) ?? '',
    address: [text(f.address_line1), text(f.address_line2), [text(f.postal_code), text(f.city)].filter(Boolean).join(' ')].filter((v): v is string => Boolean(v)),
    guardians,
    children: children
      .map(({ rowId, data }) => ({
        name: [text(data.first_name), text(data.last_name)].filter(Boolean).join(' '),
        birthDate: text(data.birth_date) ?? '',
        school: schoolName.get(text(data.school_id) ?? '') ?? null,
        className: text(data.class_name),
        weekdays: rhythmOn(rhythms.filter((r) => r.data.child_id === rowId).map((r) => r.data), today),
      }))
      .sort((a, b) => a.birthDate.localeCompare(b.birthDate)),
  };
}

/** The days of the rhythm in force on `today` (the latest one in effect), or null. */
function rhythmOn(rhythms: Data[], today: string): number[] | null {
  const inForce = rhythms.filter((r) => typeof r.effective_from === 'string' && r.effective_from <= today).sort((a, b) => String(b.effective_from).localeCompare(String(a.effective_from)))[0];
  return inForce && typeof inForce.weekdays === 'string' ? weekdaysFromText(inForce.weekdays) : null;
}

/** The family whose dossier number is `number` (live), or null. */
export async function familyByDossier(db: PortalDb, number: string): Promise<string | null> {
  const found = await db
    .select({ rowId: replicaRows.rowId, data: replicaRows.data })
    .from(replicaRows)
    .where(and(eq(replicaRows.entity, 'families'), sql`${replicaRows.data}->>'dossier_number' = ${number}`));
  return found.find((r) => live(r.data))?.rowId ?? null;
}
