import { stringify } from 'csv-stringify/sync';
import type { SearchScope, DietNeed, FamilyStatus } from '../../../shared/contract/families.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { weekdaysFromText } from '../../../shared/domain/weekdays.js';
import type { AppContext } from '../../context.js';
import { CSV_COLUMNS, type CsvColumn, formatDiet, formatRhythm, formatStatus } from './csv-format.js';
import { protectCell } from '../../../shared/domain/spreadsheet.js';
import { searchFamilies } from './search.js';

/**
 * The families of a list (same query and status filter as the screen, same order) as a CSV file
 * in the import's columns (csv-format.ts): UTF-8 with BOM, `;`, CRLF, so Excel opens it as is and
 * the file re-imports.
 */

interface FamilyRecord {
  dossier_number: number;
  family_name: string;
  status: FamilyStatus;
  address_line1: string;
  address_line2: string | null;
  postal_code: string;
  city: string;
}

interface GuardianRecord {
  rank: number;
  last_name: string;
  first_name: string;
  is_payer: number;
  email: string | null;
  phone_mobile: string | null;
  phone_home: string | null;
  phone_work: string | null;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
}

interface ChildRecord {
  id: string;
  last_name: string;
  first_name: string;
  birth_date: string;
  school_code: string | null;
  class_name: string | null;
  enrolled_from: string;
  enrolled_to: string | null;
  diet_need: DietNeed;
}

export function exportCsv(
  ctx: AppContext,
  input: { query: string; scope: SearchScope },
): { fileName: string; content: string; rows: number } {
  const { sqlite } = ctx.store;
  const today = ctx.today();
  const list = searchFamilies(ctx, { query: input.query, scope: input.scope, limit: 50_000 });
  const familyStmt = sqlite.prepare(
    `SELECT dossier_number, family_name, status, address_line1, address_line2, postal_code, city
     FROM families WHERE id = ?`,
  );
  const guardianStmt = sqlite.prepare(
    `SELECT rank, last_name, first_name, is_payer, email, phone_mobile, phone_home, phone_work,
            address_line1, address_line2, postal_code, city
     FROM guardians WHERE family_id = ? ORDER BY rank`,
  );
  const childStmt = sqlite.prepare(
    `SELECT c.id, c.last_name, c.first_name, c.birth_date, s.code AS school_code, c.class_name,
            c.enrolled_from, c.enrolled_to, c.diet_need
     FROM children c LEFT JOIN schools s ON s.id = c.school_id
     WHERE c.family_id = ? ORDER BY c.birth_date, c.first_name`,
  );
  // The rhythm in force today; for a child who starts later, the first one.
  const rhythmStmt = sqlite.prepare(
    `SELECT weekdays FROM rhythms WHERE child_id = ?
     ORDER BY (effective_from <= ?) DESC,
              CASE WHEN effective_from <= ? THEN effective_from END DESC,
              effective_from ASC, created_at DESC
     LIMIT 1`,
  );

  const records: string[][] = [];
  const read = sqlite.transaction(() => {
    for (const row of list.rows) {
      const f = familyStmt.get(row.id) as FamilyRecord | undefined;
      if (!f) continue;
      const gs = guardianStmt.all(row.id) as GuardianRecord[];
      const cs = childStmt.all(row.id) as ChildRecord[];
      const rl1 = gs.find((g) => g.rank === 1) ?? gs[0];
      const rl2 = gs.find((g) => g !== rl1);
      const payer = rl2?.is_payer ? '2' : '1';
      const family: Partial<Record<CsvColumn, string>> = {
        ref_famille: String(f.dossier_number),
        nom_famille: f.family_name,
        adresse: f.address_line1,
        complement_adresse: f.address_line2 ?? '',
        code_postal: f.postal_code,
        ville: f.city,
        ...guardianCells('rl1', rl1),
        ...guardianCells('rl2', rl2),
        payeur: payer,
        statut: formatStatus(f.status),
        rl2_adresse: rl2?.address_line1 ?? '',
        rl2_complement_adresse: rl2?.address_line2 ?? '',
        rl2_code_postal: rl2?.postal_code ?? '',
        rl2_ville: rl2?.city ?? '',
      };
      if (cs.length === 0) records.push(toRecord(family));
      for (const c of cs) {
        const rhythm = rhythmStmt.get(c.id, today, today) as { weekdays: string } | undefined;
        records.push(
          toRecord({
            ...family,
            enfant_nom: c.last_name,
            enfant_prenom: c.first_name,
            enfant_naissance: formatFrenchDate(c.birth_date),
            ecole: c.school_code ?? '',
            classe: c.class_name ?? '',
            entree: formatFrenchDate(c.enrolled_from),
            sortie: formatFrenchDate(c.enrolled_to),
            rythme: rhythm ? formatRhythm(weekdaysFromText(rhythm.weekdays)) : '',
            regime: formatDiet(c.diet_need),
          }),
        );
      }
    }
  });
  read(); // one read transaction: a consistent snapshot of the list

  const content = stringify([[...CSV_COLUMNS], ...records], {
    delimiter: ';',
    record_delimiter: '\r\n',
    bom: true,
  });
  return { fileName: `familles-${today}.csv`, content, rows: records.length };
}

function guardianCells(prefix: 'rl1' | 'rl2', g: GuardianRecord | undefined): Partial<Record<CsvColumn, string>> {
  return {
    [`${prefix}_nom`]: g?.last_name ?? '',
    [`${prefix}_prenom`]: g?.first_name ?? '',
    [`${prefix}_email`]: g?.email ?? '',
    [`${prefix}_telephone`]: (g && (g.phone_mobile ?? g.phone_home ?? g.phone_work)) ?? '',
  };
}

function toRecord(cells: Partial<Record<CsvColumn, string>>): string[] {
  return CSV_COLUMNS.map((column) => protectCell(cells[column] ?? ''));
}
