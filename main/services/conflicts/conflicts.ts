import { and, eq } from 'drizzle-orm';
import { CONFLICT_ROLE, conflictVersions, type ConflictKind, type ConflictVersion, type ConflictView } from '../../../shared/contract/conflicts.js';
import { AppError } from '../../../shared/contract/errors.js';
import { guardianInput } from '../../../shared/contract/families.js';
import { REQUEST_STATUS_LABELS, REQUEST_TYPE_LABELS, requestNumber, type RequestStatus, type RequestType } from '../../../shared/contract/requests.js';
import { PERMISSION_LABELS } from '../../../shared/contract/permissions.js';
import { parseOrThrow } from '../../../shared/contract/validation.js';
import { addDays } from '../../../shared/domain/calendar.js';
import { formatFrenchDate, formatTimestamp } from '../../../shared/domain/dates.js';
import { inSentence, ofName } from '../../../shared/domain/french.js';
import { formatCents } from '../../../shared/domain/money.js';
import type { AppContext } from '../../context.js';
import { accountNames } from '../accounts/index.js';
import { saveGuardian } from '../families/index.js';
import { remakeRefundCredits } from '../requests/index.js';
import { transaction } from '../../store/journal.js';
import { deleteRecord, findRecord, requireRecord, updateRecord, type ChangeOf } from '../../store/records.js';
import { children, guardians, paymentAllocations, pendingCredits, requests, rhythms, syncConflicts } from '../../store/schema.js';
import { all, conflict, nowIso, one } from '../../store/sql.js';

/**
 * The « Conflits » list (issue 10): the business conflicts the server found (portal/sync/conflicts.ts)
 * arrive as `sync_conflicts` rows; each is told in plain French with its versions side by side,
 * and choosing one writes that version's values with `record()` — a newer clock, so it wins
 * last-writer-wins on every desk — and marks the conflict resolved, in one transaction.
 */

type ConflictRow = typeof syncConflicts.$inferSelect;

const CHANGE = (familyId: string | null): ChangeOf => ({ action: 'conflict.resolve', familyId });

export function listConflicts(ctx: AppContext, input: { state: 'open' | 'resolved' }): { rows: ConflictView[]; openCount: number } {
  const rows = all<ConflictRow>(
    ctx,
    `SELECT id, kind, entity, row_id AS rowId, versions, detected_at AS detectedAt, resolved_at AS resolvedAt, resolved_by AS resolvedBy, chosen
     FROM sync_conflicts WHERE (resolved_at IS NULL) = ? ORDER BY detected_at DESC, id`,
    input.state === 'open' ? 1 : 0,
  );
  const openCount = one<{ n: number }>(ctx, 'SELECT COUNT(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL')!.n;
  const names = accountNames(ctx);
  return { rows: rows.map((row) => describe(ctx, names, row)), openCount };
}

/** Keeps version `chosen` of a conflict (null: acknowledges one that has nothing to choose). */
export function resolveConflict(ctx: AppContext, input: { id: string; chosen: number | null }): { ok: true } {
  return transaction(ctx, () => {
    const row = requireRecord(ctx, syncConflicts, input.id, 'Ce conflit n’existe pas (ou plus) sur ce poste.');
    if (row.resolvedAt !== null) throw conflict(`Ce conflit a déjà été tranché le ${formatTimestamp(row.resolvedAt)} par ${staffName(accountNames(ctx), row.resolvedBy)}.`);
    const role = CONFLICT_ROLE[row.kind];
    if (!ctx.roles.has(role)) throw AppError.forbidden(PERMISSION_LABELS[role]);
    const versions = conflictVersions.parse(JSON.parse(row.versions));
    const acknowledge = row.kind === 'dossier_number';
    if (acknowledge !== (input.chosen === null)) {
      throw AppError.invalid('chosen', acknowledge ? 'Ce conflit n’a rien à choisir\u00a0: il suffit de le marquer comme vu.' : 'Version choisie\u00a0: obligatoire.');
    }
    const chosen = input.chosen === null ? null : versions[input.chosen];
    if (input.chosen !== null && !chosen) throw AppError.invalid('chosen', `Version choisie\u00a0: entre 0 et ${versions.length - 1}.`);
    const others = versions.filter((v) => v !== chosen);
    let familyId: string | null = null;
    if (chosen && row.kind === 'request_decision') familyId = keepDecision(ctx, chosen, others);
    if (chosen && row.kind === 'allocation_overrun') familyId = keepAllocations(ctx, others);
    if (chosen && row.kind === 'duplicate_child') familyId = keepChild(ctx, chosen, others);
    if (chosen && row.kind === 'guardian_rank') familyId = keepGuardian(ctx, chosen);
    if (chosen && row.kind === 'refund_overlap') familyId = keepRefund(ctx, chosen, others);
    updateRecord(ctx, syncConflicts, row, { resolvedAt: nowIso(), resolvedBy: ctx.actor, chosen: input.chosen }, CHANGE(familyId));
    return { ok: true as const };
  });
}

/* ---------- what choosing writes ---------- */

/** The chosen decision's fields on the request; what the others made (pending credits, a rhythm) withdrawn if unused. */
function keepDecision(ctx: AppContext, chosen: ConflictVersion, others: ConflictVersion[]): string | null {
  const { rowId, values } = chosen.rows[0]!;
  const before = requireRecord(ctx, requests, rowId, 'La demande de ce conflit n’existe pas sur ce poste.');
  updateRecord(
    ctx,
    requests,
    before,
    {
      status: values.status as RequestStatus,
      decision: (values.decision as string | null) ?? null,
      decidedAt: (values.decided_at as string | null) ?? null,
      decidedBy: (values.decided_by as string | null) ?? null,
      letterNote: (values.letter_note as string | null) ?? null,
      updatedAt: nowIso(),
    },
    CHANGE(before.familyId),
  );
  const kept = madeBy(chosen);
  for (const other of others) {
    const made = madeBy(other);
    withdrawCredits(ctx, made.pendingCreditIds.filter((id) => !kept.pendingCreditIds.includes(id)), before.familyId);
    const rhythm = made.rhythmId && made.rhythmId !== kept.rhythmId ? findRecord(ctx, rhythms, made.rhythmId) : undefined;
    // A rhythm not in force yet goes; one already in force stays (days were billed by it).
    if (rhythm && rhythm.effectiveFrom > ctx.today()) deleteRecord(ctx, rhythms, rhythm, CHANGE(before.familyId));
  }
  // Its refund credits made again if a choice made at the same time on another desk withdrew them
  // (after the others' are withdrawn: the days they refunded are free again).
  remakeRefundCredits(ctx, rowId);
  return before.familyId;
}

/** Pending credits a decision that no longer stands had made, removed unless already deducted on an invoice (that invoice is issued). */
function withdrawCredits(ctx: AppContext, ids: readonly string[], familyId: string | null): void {
  for (const id of ids) {
    const credit = findRecord(ctx, pendingCredits, id);
    if (credit && credit.appliedInvoiceId === null) deleteRecord(ctx, pendingCredits, credit, CHANGE(familyId));
  }
}

/**
 * Two accepted refund requests of one child refunding the same days: the chosen decision stands.
 * Each other request goes back to instruction (« En instruction », its decision cleared) and its
 * pending credits are withdrawn if unused; decided again, its verdict leaves out the days the kept
 * one refunds (a day is never refunded twice).
 */
function keepRefund(ctx: AppContext, chosen: ConflictVersion, others: ConflictVersion[]): string | null {
  const keptId = chosen.rows[0]!.rowId;
  const kept = new Set(creditIdsOf(chosen));
  let familyId = findRecord(ctx, requests, keptId)?.familyId ?? null;
  for (const other of others) {
    const request = findRecord(ctx, requests, other.rows[0]!.rowId);
    if (!request || request.id === keptId) continue;
    familyId ??= request.familyId;
    withdrawCredits(ctx, creditIdsOf(other).filter((id) => !kept.has(id)), request.familyId);
    if (request.status === 'accepted') {
      updateRecord(ctx, requests, request, { status: 'in_review', decision: null, decidedAt: null, decidedBy: null, letterNote: null, updatedAt: nowIso() }, CHANGE(request.familyId));
    }
  }
  return familyId;
}

/** The pending credits a `refund_overlap` version names. */
function creditIdsOf(version: ConflictVersion): string[] {
  const ids = version.rows[0]?.values.pending_credit_ids;
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
}

/** What a decision made beside the request (its JSON names them). */
function madeBy(version: ConflictVersion): { pendingCreditIds: string[]; rhythmId: string | null } {
  const text = version.rows[0]?.values.decision;
  let decision: { pendingCreditIds?: unknown; rhythmId?: unknown } = {};
  try {
    decision = typeof text === 'string' ? (JSON.parse(text) as typeof decision) : {};
  } catch {
    decision = {};
  }
  return {
    pendingCreditIds: Array.isArray(decision.pendingCreditIds) ? decision.pendingCreditIds.filter((x): x is string => typeof x === 'string') : [],
    rhythmId: typeof decision.rhythmId === 'string' ? decision.rhythmId : null,
  };
}

/** The other versions' allocations released: their money becomes the family's credit again. */
function keepAllocations(ctx: AppContext, others: ConflictVersion[]): string | null {
  let familyId: string | null = null;
  const at = nowIso();
  for (const other of others) {
    for (const { rowId } of other.rows) {
      const allocation = findRecord(ctx, paymentAllocations, rowId);
      if (!allocation || allocation.releasedAt !== null) continue;
      familyId ??= one<{ family_id: string }>(ctx, 'SELECT family_id FROM invoices WHERE id = ?', allocation.invoiceId)?.family_id ?? null;
      updateRecord(ctx, paymentAllocations, allocation, { releasedAt: at }, CHANGE(familyId));
    }
  }
  return familyId;
}

/**
 * The child stays in the chosen family's file; in each other file its enrolment ends yesterday
 * (its first day, if later). It is never deleted: another desk may have billed it or named it
 * meanwhile (a run, a request), and a deleted row stays deleted, so those rows could never be
 * written anywhere and the desks would no longer converge. Where nothing names it yet on this
 * desk, its rhythms go (a rhythm is named by nothing): without one it is never billed again, not
 * even for the days before the choice in a period not billed yet.
 */
function keepChild(ctx: AppContext, chosen: ConflictVersion, others: ConflictVersion[]): string | null {
  for (const other of others) {
    const child = findRecord(ctx, children, other.rows[0]!.rowId);
    if (!child) continue;
    const used = one(
      ctx,
      `SELECT 1 FROM invoice_lines WHERE child_id = @id UNION ALL SELECT 1 FROM requests WHERE child_id = @id
       UNION ALL SELECT 1 FROM documents WHERE child_id = @id UNION ALL SELECT 1 FROM pending_credits WHERE child_id = @id LIMIT 1`,
      { id: child.id },
    );
    if (used === undefined) {
      for (const rhythm of ctx.store.db.select().from(rhythms).where(eq(rhythms.childId, child.id)).all()) {
        deleteRecord(ctx, rhythms, rhythm, CHANGE(child.familyId));
      }
    }
    const yesterday = addDays(ctx.today(), -1);
    const end = yesterday < child.enrolledFrom ? child.enrolledFrom : yesterday;
    if (child.enrolledTo === null || child.enrolledTo > end) updateRecord(ctx, children, child, { enrolledTo: end, updatedAt: nowIso() }, CHANGE(child.familyId));
  }
  return (chosen.rows[0]?.values.family_id as string | undefined) ?? null;
}

/**
 * Two guardians at one rank of a family: the server kept the first version in place and set the
 * second aside (its tombstone). Keeping the one in place writes nothing more. Keeping the one set
 * aside removes the guardian now at that rank and creates a NEW guardian (a new id: the old one
 * is deleted everywhere, and a deleted row stays deleted) with its values, through the desk's own
 * service; the new guardian is the payer when its version was, or when the one it replaces was
 * (one payer per family, the others stop being payer as when an agent designates one).
 */
function keepGuardian(ctx: AppContext, chosen: ConflictVersion): string | null {
  const { rowId, values } = chosen.rows[0]!;
  const familyId = typeof values.family_id === 'string' ? values.family_id : null;
  if (familyId === null || findRecord(ctx, guardians, rowId)) return familyId;
  const rank = Number(values.rank);
  const holder = ctx.store.db
    .select()
    .from(guardians)
    .where(and(eq(guardians.familyId, familyId), eq(guardians.rank, rank)))
    .get();
  if (holder) deleteRecord(ctx, guardians, holder, { action: 'guardian.delete', familyId });
  const guardian = parseOrThrow(guardianInput, {
    rank,
    lastName: values.last_name,
    firstName: values.first_name,
    isPayer: isTrue(values.is_payer) || holder?.isPayer === true,
    email: values.email,
    phoneMobile: values.phone_mobile,
    phoneHome: values.phone_home,
    phoneWork: values.phone_work,
    address:
      typeof values.address_line1 === 'string'
        ? { line1: values.address_line1, line2: values.address_line2, postalCode: values.postal_code, city: values.city }
        : null,
  });
  saveGuardian(ctx, familyId, guardian);
  return familyId;
}

/** A boolean as a version holds it (as it travelled: `true`, or SQLite's 1). */
const isTrue = (value: unknown): boolean => value === true || value === 1;

/* ---------- the list, in plain French ---------- */

function describe(ctx: AppContext, names: ReadonlyMap<string, string>, row: ConflictRow): ConflictView {
  const versions = conflictVersions.parse(JSON.parse(row.versions));
  const told = tell(ctx, names, row.kind, row.rowId, versions);
  return {
    id: row.id,
    kind: row.kind,
    title: told.title,
    explanation: told.explanation,
    familyId: told.familyId,
    detectedAt: row.detectedAt,
    action: row.kind === 'dossier_number' ? 'acknowledge' : 'choose',
    versions: versions.map((v, i) => ({ deskName: v.deskName, at: v.at, lines: told.lines[i] ?? [] })),
    resolvedAt: row.resolvedAt,
    resolvedBy: row.resolvedBy === null ? null : staffName(names, row.resolvedBy),
    chosen: row.chosen,
    canResolve: ctx.roles.has(CONFLICT_ROLE[row.kind]),
  };
}

interface Told {
  title: string;
  explanation: string;
  familyId: string | null;
  lines: string[][];
}

function tell(ctx: AppContext, names: ReadonlyMap<string, string>, kind: ConflictKind, rowId: string, versions: ConflictVersion[]): Told {
  switch (kind) {
    case 'request_decision': {
      const request = one<{ type: RequestType; family_id: string | null; child: string | null; family: string | null }>(
        ctx,
        `SELECT r.type, r.family_id, c.first_name || ' ' || c.last_name AS child, f.family_name AS family
         FROM requests r LEFT JOIN children c ON c.id = r.child_id LEFT JOIN families f ON f.id = r.family_id WHERE r.id = ?`,
        rowId,
      );
      // « de Zoé Martin-Lefèvre », « d’Amélie Roux », « de la famille Durand », « d’une famille ».
      const who = request?.child ?? (request?.family ? `la famille ${request.family}` : 'une famille');
      const what = request ? inSentence(REQUEST_TYPE_LABELS[request.type]) : '';
      return {
        title: `Deux décisions pour la demande${what ? ` «\u00a0${what}\u00a0»` : ''} ${ofName(who)}`,
        explanation: 'La décision gardée vaut sur tous les postes\u00a0; les avoirs ou le rythme que l’autre avait créés sont retirés s’ils n’ont pas encore servi.',
        familyId: request?.family_id ?? null,
        lines: versions.map((v) => {
          const values = v.rows[0]?.values ?? {};
          const status = values.status as RequestStatus | undefined;
          const out = [`${status ? REQUEST_STATUS_LABELS[status] : 'Décision'} par ${staffName(names, (values.decided_by as string | null) ?? null)}`];
          if (typeof values.decided_at === 'string') out.push(`le ${formatTimestamp(values.decided_at)}`);
          if (typeof values.letter_note === 'string' && values.letter_note) out.push(`Note\u00a0: ${values.letter_note}`);
          return out;
        }),
      };
    }
    case 'allocation_overrun': {
      const invoice = one<{ number: string; total_cents: number; family_id: string; family: string | null }>(
        ctx,
        'SELECT i.number, i.total_cents, i.family_id, f.family_name AS family FROM invoices i LEFT JOIN families f ON f.id = i.family_id WHERE i.id = ?',
        rowId,
      );
      const total = invoice?.total_cents ?? (versions[0]?.rows[0]?.values.invoice_total_cents as number | undefined) ?? 0;
      return {
        title: `Facture n°\u00a0${invoice?.number ?? '?'}${invoice?.family ? ` (${invoice.family})` : ''}\u00a0: payée au-delà de son total de ${formatCents(total)}`,
        explanation: 'Les affectations gardées restent\u00a0; celles des autres versions sont libérées et leur montant redevient un crédit de la famille.',
        familyId: invoice?.family_id ?? null,
        lines: versions.map((v) => [
          ...v.rows.map(({ values }) => {
            const amount = formatCents(Number(values.amount_cents ?? 0));
            if (typeof values.payment_id === 'string') {
              const payment = one<{ receipt_number: string; received_on: string }>(ctx, 'SELECT receipt_number, received_on FROM payments WHERE id = ?', values.payment_id);
              return `${amount} du reçu n°\u00a0${payment?.receipt_number ?? '?'}${payment ? ` du ${formatFrenchDate(payment.received_on)}` : ''}`;
            }
            const note = typeof values.credit_note_id === 'string' ? one<{ number: string }>(ctx, 'SELECT number FROM invoices WHERE id = ?', values.credit_note_id) : undefined;
            return `${amount} de l’avoir n°\u00a0${note?.number ?? '?'}`;
          }),
          ...(v.at ? [`affecté le ${formatTimestamp(v.at)}`] : []),
        ]),
      };
    }
    case 'duplicate_child': {
      const first = versions[0]?.rows[0]?.values ?? {};
      return {
        title: `Deux dossiers pour l’enfant ${text(first.first_name, '')} ${text(first.last_name, '')}, né(e) le ${formatFrenchDate(text(first.birth_date, ''))}`,
        explanation: 'L’enfant reste dans le dossier gardé\u00a0; dans l’autre, son inscription s’arrête la veille. Si c’est la même famille, reportez ensuite à la main ce qui manque dans le dossier gardé.',
        familyId: (first.family_id as string | undefined) ?? null,
        lines: versions.map((v) => {
          const values = v.rows[0]?.values ?? {};
          const family = one<{ dossier_number: number; family_name: string }>(ctx, 'SELECT dossier_number, family_name FROM families WHERE id = ?', values.family_id);
          const out = [`Dossier n°\u00a0${family?.dossier_number ?? text(values.dossier_number, '?')} — ${family?.family_name ?? text(values.family_name, '')}`];
          if (v.at) out.push(`créé le ${formatTimestamp(v.at)}`);
          return out;
        }),
      };
    }
    case 'guardian_rank': {
      const [kept, aside] = [versions[0]?.rows[0]?.values ?? {}, versions[1]?.rows[0]?.values ?? {}];
      const familyId = typeof kept.family_id === 'string' ? kept.family_id : null;
      const family = one<{ dossier_number: number; family_name: string }>(ctx, 'SELECT dossier_number, family_name FROM families WHERE id = ?', familyId);
      const dossier = family?.dossier_number ?? kept.dossier_number;
      const rank = text(kept.rank, '?');
      const payer = typeof aside.payer_given_to === 'string' ? one<{ name: string }>(ctx, "SELECT first_name || ' ' || last_name AS name FROM guardians WHERE id = ?", aside.payer_given_to) : undefined;
      return {
        title: `Deux responsables de rang ${rank} pour la famille ${family?.family_name ?? text(kept.family_name, '')}${dossier == null ? '' : ` (dossier n°\u00a0${text(dossier, '?')})`}`,
        explanation:
          `La fiche ${ofName(guardianName(kept))} est restée en place sur tous les postes\u00a0; celle ${ofName(guardianName(aside))} a été mise de côté. ` +
          `Garder la seconde remplace la première par une nouvelle fiche de rang ${rank}.`,
        familyId,
        lines: [guardianLines(kept, 'En place'), [...guardianLines(aside, 'Mise de côté'), ...(payer ? [`Payeur désormais\u00a0: ${payer.name}`] : [])]],
      };
    }
    case 'refund_overlap': {
      const first = versions[0]?.rows[0]?.values ?? {};
      const child = one<{ name: string; family_id: string }>(ctx, "SELECT first_name || ' ' || last_name AS name, family_id FROM children WHERE id = ?", first.child_id);
      const daysOf = (v: ConflictVersion) => {
        const days = v.rows[0]?.values.refunded_days;
        return Array.isArray(days) ? days.filter((d): d is string => typeof d === 'string') : [];
      };
      // The days at least two versions refund.
      const counts = new Map<string, number>();
      for (const v of versions) for (const d of daysOf(v)) counts.set(d, (counts.get(d) ?? 0) + 1);
      const twice = [...counts].filter(([, n]) => n > 1).map(([d]) => d).sort();
      return {
        title: `Les mêmes repas ${ofName(child?.name ?? 'un enfant')} remboursés deux fois`,
        explanation:
          `Repas remboursés par deux demandes acceptées sur deux postes\u00a0: ${twice.map(formatFrenchDate).join(', ')}. ` +
          'La décision gardée vaut sur tous les postes\u00a0; les autres demandes reviennent «\u00a0En instruction\u00a0» et leurs avoirs sont retirés s’ils n’ont pas encore servi\u00a0: ' +
          'décidez-les à nouveau, les jours déjà remboursés n’y comptent plus.',
        familyId: child?.family_id ?? null,
        lines: versions.map((v) => {
          const rowId = v.rows[0]?.rowId ?? '';
          const values = v.rows[0]?.values ?? {};
          const request = one<{ details: string }>(ctx, 'SELECT details FROM requests WHERE id = ?', rowId);
          const details = request ? (JSON.parse(request.details) as { absenceFrom?: unknown; absenceTo?: unknown }) : {};
          const absence = typeof details.absenceFrom === 'string' && typeof details.absenceTo === 'string' ? ` (absence du ${formatFrenchDate(details.absenceFrom)} au ${formatFrenchDate(details.absenceTo)})` : '';
          const days = daysOf(v);
          const out = [`Demande n°\u00a0${requestNumber(rowId)}${absence}`, `Acceptée par ${staffName(names, (values.decided_by as string | null) ?? null)}`];
          if (typeof values.decided_at === 'string') out.push(`le ${formatTimestamp(values.decided_at)}`);
          out.push(`${days.length} repas remboursé${days.length > 1 ? 's' : ''}\u00a0: ${days.map(formatFrenchDate).join(', ')}`);
          return out;
        }),
      };
    }
    case 'dossier_number': {
      const [kept, moved] = [versions[0]?.rows[0]?.values ?? {}, versions[1]?.rows[0]?.values ?? {}];
      return {
        title: `Numéro de dossier ${text(kept.dossier_number, '?')} donné deux fois hors connexion`,
        explanation: `Le serveur a donné au second dossier le numéro ${text(moved.dossier_number, '?')}\u00a0: prévenez la famille si elle connaît l’ancien.`,
        familyId: versions[1]?.rows[0]?.rowId ?? null,
        lines: [
          [`Dossier ${text(kept.family_name, '')}`, `garde le n°\u00a0${text(kept.dossier_number, '?')}`],
          [`Dossier ${text(moved.family_name, '')}`, `devient le n°\u00a0${text(moved.dossier_number, '?')} (au lieu du n°\u00a0${text(moved.previous_number, '?')})`],
        ],
      };
    }
  }
}

/** « Élodie Martin »: a guardian's names as a version holds them. */
function guardianName(values: Record<string, unknown>): string {
  return `${text(values.first_name, '')} ${text(values.last_name, '')}`.trim() || 'un responsable';
}

/** A guardian's version, line by line: where it stands, names, payer, contacts, own address. */
function guardianLines(values: Record<string, unknown>, state: string): string[] {
  const out = [state, guardianName(values)];
  if (isTrue(values.is_payer)) out.push('Payeur');
  const contacts: [string, string][] = [
    ['phone_mobile', 'Portable'],
    ['phone_home', 'Domicile'],
    ['phone_work', 'Travail'],
    ['email', 'Courriel'],
  ];
  for (const [field, label] of contacts) if (typeof values[field] === 'string' && values[field]) out.push(`${label}\u00a0: ${values[field]}`);
  if (typeof values.address_line1 === 'string') {
    const street = [values.address_line1, values.address_line2].filter((v) => typeof v === 'string' && v).join(', ');
    out.push(`Adresse\u00a0: ${street}, ${text(values.postal_code, '')} ${text(values.city, '')}`.trim());
  }
  return out;
}

/** A stored value as the list writes it (a number or a text; anything else is `fallback`). */
function text(value: unknown, fallback: string): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;
}

/** An agent's name as the screens show it (the login when the account is not on this desk). */
function staffName(names: ReadonlyMap<string, string>, login: string | null): string {
  if (login === null) return 'un agent';
  return names.get(login) ?? login;
}
