import { hideDecisionHealth } from '../../../shared/rules/health-visibility.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { AUDIT_ACTION_LABELS, type AuditAction } from '../../../shared/contract/audit.js';
import { AppError } from '../../../shared/contract/errors.js';
import { FAMILY_STATUS_LABELS, DIET_LABELS, type DietNeed, type FamilyStatus } from '../../../shared/contract/families.js';
import type { FamilyDataExport } from '../../../shared/contract/gdpr.js';
import { PAYMENT_METHOD_LABELS, type PaymentMethod } from '../../../shared/contract/payments.js';
import { REQUEST_STATUS_LABELS, REQUEST_TYPE_LABELS, requestNumber, type RequestStatus, type RequestType } from '../../../shared/contract/requests.js';
import { formatFrenchDate, formatTimestamp } from '../../../shared/domain/dates.js';
import { protectCell } from '../../../shared/domain/spreadsheet.js';
import { formatWeekdays, weekdaysFromText } from '../../../shared/domain/weekdays.js';
import type { AppContext } from '../../context.js';
import { audit, transaction } from '../../store/journal.js';
import { all, one } from '../../store/sql.js';
import { familyPdfs } from '../print/index.js';
import { mayReadHealth, openHealthDocument } from '../uploads/index.js';

/**
 * The family's right of access (RGPD, article 15): one ZIP archive with everything the Caisse
 * holds on a family — its file (family, guardians, children, QF history, rhythms), its history
 * (the audit entries about it), invoices and their lines, payments and where they went, credits
 * waiting, requests, the documents (pieces as deposited; medical certificates decrypted only for
 * an agent with the health permission, otherwise listed without content), each part as JSON and
 * CSV (the exports' CSV writer and its formula guard), the PDFs (invoices, statement, decision
 * letters, from the PDF module), and a README.txt in French. Audited as `family.export`.
 */

type Cell = string | number | null;
type Row = Record<string, Cell>;

interface Section {
  /** File name in the archive, without extension: « responsables » → json/ and csv/. */
  name: string;
  /** What the README says of it. */
  description: string;
  rows: Row[];
}

const HEALTH_MASK = '(masqué\u00a0: donnée de santé, réservée aux agents habilités)';
const GENERATED_KINDS = new Set(['invoice', 'credit_note', 'receipt', 'statement', 'reminder', 'decision', 'print_file']);

const yesNo = (v: unknown) => (v ? 'oui' : 'non');
const euros = (cents: number | null) => (cents === null ? null : `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`);
const date = (iso: string | null) => (iso ? formatFrenchDate(iso) : null);
const stamp = (iso: string | null) => (iso ? formatTimestamp(iso) : null);
const safeName = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 80) || 'document';

function documentPath(ctx: AppContext, storedName: string): string {
  return storedName.startsWith('documents/') ? join(ctx.dataDir, storedName) : join(ctx.dataDir, 'documents', storedName);
}

/** CSV as the other exports write it: UTF-8 with BOM, `;`, CRLF, every text cell guarded. */
function toCsv(rows: Row[]): string {
  if (rows.length === 0) return stringify([['(aucune donnée)']], { delimiter: ';', record_delimiter: '\r\n', bom: true });
  const columns = Object.keys(rows[0]!);
  const cells = rows.map((r) => columns.map((c) => {
    const v = r[c];
    return v === null || v === undefined ? '' : protectCell(String(v));
  }));
  return stringify([columns, ...cells], { delimiter: ';', record_delimiter: '\r\n', bom: true });
}

interface Snapshot {
  dossierNumber: number;
  familyName: string;
  sections: Section[];
  /** Documents kept on disk to copy into the archive (pieces, certificates). */
  files: { id: string; storedName: string; isHealth: boolean; archiveName: string }[];
}

/** Reads everything in one read transaction: a consistent picture of the file. */
function snapshot(ctx: AppContext, familyId: string, health: boolean): Snapshot {
  return transaction(ctx, () => {
    const family = one<{ dossier_number: number; family_name: string; status: FamilyStatus; address_line1: string; address_line2: string | null; postal_code: string; city: string; notes: string | null; created_at: string; updated_at: string; purge_after: string | null }>(
      ctx,
      'SELECT * FROM families WHERE id = ?',
      familyId,
    );
    if (!family) throw AppError.notFound('Ce dossier famille n’existe pas (ou plus).');

    const children = all<{ id: string; last_name: string; first_name: string; birth_date: string; school: string | null; class_name: string | null; enrolled_from: string; enrolled_to: string | null; diet_need: DietNeed; updated_at: string }>(
      ctx,
      `SELECT c.id, c.last_name, c.first_name, c.birth_date, s.name AS school, c.class_name, c.enrolled_from, c.enrolled_to, c.diet_need, c.updated_at
       FROM children c LEFT JOIN schools s ON s.id = c.school_id WHERE c.family_id = ? ORDER BY c.birth_date, c.id`,
      familyId,
    );
    const childName = new Map(children.map((c) => [c.id, `${c.first_name} ${c.last_name}`]));
    const child = (id: string | null) => (id ? (childName.get(id) ?? null) : null);

    const documents = all<{ id: string; kind: string; stored_name: string; original_name: string | null; mime: string; size: number; sha256: string; is_health: number; created_at: string; created_by: string; child_id: string | null; request_id: string | null }>(
      ctx,
      `SELECT id, kind, stored_name, original_name, mime, size, sha256, is_health, created_at, created_by, child_id, request_id FROM documents
       WHERE family_id = ? OR request_id IN (SELECT id FROM requests WHERE family_id = ?) ORDER BY created_at, id`,
      familyId,
      familyId,
    );
    const healthIds = new Set(documents.filter((d) => d.is_health).map((d) => d.id));
    const requests = all<{ id: string; child_id: string | null; type: RequestType; status: RequestStatus; received_on: string; handled_by: string | null; details: string; missing_pieces: string | null; decision: string | null; decided_at: string | null; decided_by: string | null; letter_note: string | null }>(
      ctx,
      'SELECT * FROM requests WHERE family_id = ? ORDER BY received_on, id',
      familyId,
    );
    const refundIds = new Set(requests.filter((r) => r.type === 'refund').map((r) => r.id));
    /** Without the health permission, the free-text reason of an absence is masked. */
    const details = (r: { type: RequestType; details: string }) => {
      if (health || r.type !== 'refund') return r.details;
      const parsed = JSON.parse(r.details) as Record<string, unknown>;
      if ('reason' in parsed) parsed.reason = HEALTH_MASK;
      return JSON.stringify(parsed);
    };
    /** …and the decision's verdict does not quote it either. */
    const decision = (r: { type: RequestType; decision: string | null }) => {
      if (health || r.type !== 'refund' || r.decision === null) return r.decision;
      return JSON.stringify(hideDecisionHealth(JSON.parse(r.decision) as unknown));
    };

    const files: Snapshot['files'] = [];
    const docRows: Row[] = documents.map((d) => {
      const isHealth = d.is_health === 1;
      const generated = GENERATED_KINDS.has(d.kind);
      let inArchive: string;
      if (generated) inArchive = 'régénéré dans pdf/ (factures, relevé, décisions)';
      else if (isHealth && !health) inArchive = 'non inclus (certificat médical\u00a0: seul un agent habilité aux données de santé peut l’exporter)';
      else {
        const ext = d.mime === 'application/pdf' ? '.pdf' : d.mime === 'image/png' ? '.png' : d.mime === 'image/jpeg' ? '.jpg' : '';
        const base = safeName((d.original_name ?? d.kind).replace(/\.[A-Za-z0-9]+$/, ''));
        const archiveName = `documents/${isHealth ? 'sante' : 'pieces'}/${d.id.slice(0, 8)}-${base}${ext}`;
        files.push({ id: d.id, storedName: d.stored_name, isHealth, archiveName });
        inArchive = archiveName;
      }
      const masked = isHealth && !health;
      return {
        'Type': d.kind,
        'Nom du fichier': masked ? HEALTH_MASK : d.original_name,
        'Format': d.mime,
        'Taille (octets)': masked ? null : d.size,
        'Empreinte SHA-256': masked ? HEALTH_MASK : d.sha256,
        'Donnée de santé': yesNo(isHealth),
        'Enfant': child(d.child_id),
        'Demande': d.request_id ? requestNumber(d.request_id) : null,
        'Déposé le': stamp(d.created_at),
        'Par': d.created_by,
        'Dans l’archive': inArchive,
      };
    });

    const invoiceNumber = new Map(all<{ id: string; number: string }>(ctx, 'SELECT id, number FROM invoices WHERE family_id = ?', familyId).map((i) => [i.id, i.number]));
    const sections: Section[] = [
      {
        name: 'dossier',
        description: 'le dossier famille (numéro, nom, statut, adresse, notes, date de purge prévue)',
        rows: [
          {
            'Numéro de dossier': family.dossier_number,
            'Nom de famille': family.family_name,
            'Statut': FAMILY_STATUS_LABELS[family.status],
            'Adresse': family.address_line1,
            'Complément d’adresse': family.address_line2,
            'Code postal': family.postal_code,
            'Ville': family.city,
            'Notes': family.notes,
            'Créé le': stamp(family.created_at),
            'Modifié le': stamp(family.updated_at),
            'Purge prévue après le': date(family.purge_after),
          },
        ],
      },
      {
        name: 'responsables',
        description: 'les responsables légaux (coordonnées, payeur)',
        rows: all<Record<string, string | number | null>>(ctx, 'SELECT * FROM guardians WHERE family_id = ? ORDER BY rank', familyId).map((g) => ({
          'Rang': g.rank!,
          'Nom': g.last_name!,
          'Prénom': g.first_name!,
          'Payeur': yesNo(g.is_payer),
          'E-mail': g.email ?? null,
          'Téléphone mobile': g.phone_mobile ?? null,
          'Téléphone fixe': g.phone_home ?? null,
          'Téléphone professionnel': g.phone_work ?? null,
          'Adresse': g.address_line1 ?? null,
          'Complément d’adresse': g.address_line2 ?? null,
          'Code postal': g.postal_code ?? null,
          'Ville': g.city ?? null,
          'Modifié le': stamp(g.updated_at as string),
        })),
      },
      {
        name: 'enfants',
        description: 'les enfants (naissance, école, classe, dates d’inscription, régime)',
        rows: children.map((c) => ({
          'Nom': c.last_name,
          'Prénom': c.first_name,
          'Date de naissance': date(c.birth_date),
          'École': c.school,
          'Classe': c.class_name,
          'Entrée': date(c.enrolled_from),
          'Sortie': date(c.enrolled_to),
          'Régime': DIET_LABELS[c.diet_need] ?? c.diet_need,
          'Modifié le': stamp(c.updated_at),
        })),
      },
      {
        name: 'rythmes',
        description: 'les rythmes de cantine de chaque enfant, avec leur historique',
        rows: all<{ child_id: string; weekdays: string; effective_from: string; created_at: string; created_by: string }>(
          ctx,
          'SELECT r.* FROM rhythms r JOIN children c ON c.id = r.child_id WHERE c.family_id = ? ORDER BY r.child_id, r.effective_from, r.created_at',
          familyId,
        ).map((r) => ({ 'Enfant': child(r.child_id), 'Jours': formatWeekdays(weekdaysFromText(r.weekdays)), 'À partir du': date(r.effective_from), 'Enregistré le': stamp(r.created_at), 'Par': r.created_by })),
      },
      {
        name: 'quotient-familial',
        description: 'l’historique du quotient familial et de la tranche de tarif',
        rows: all<{ value: number; tranche: number; proof_received_on: string; valid_from: string; created_at: string }>(
          ctx,
          'SELECT * FROM qf_records WHERE family_id = ? ORDER BY valid_from, created_at',
          familyId,
        ).map((q) => ({ 'Quotient familial (€)': q.value, 'Tranche': q.tranche, 'Justificatif reçu le': date(q.proof_received_on), 'Valable à partir du': date(q.valid_from), 'Enregistré le': stamp(q.created_at) })),
      },
      {
        name: 'historique',
        description: 'l’historique du dossier\u00a0: chaque action des agents, qui, quand, avant et après',
        rows: all<{ at: string; actor: string; action: string; entity: string; entity_id: string; before: string | null; after: string | null }>(
          ctx,
          'SELECT at, actor, action, entity, entity_id, before, after FROM audit_log WHERE family_id = ? ORDER BY at, rowid',
          familyId,
        ).map((a) => {
          const masked = !health && (healthIds.has(a.entity_id) || refundIds.has(a.entity_id));
          return {
            'Date': stamp(a.at),
            'Agent': a.actor,
            'Action': AUDIT_ACTION_LABELS[a.action as AuditAction] ?? a.action,
            'Objet': a.entity,
            'Avant': masked && a.before ? HEALTH_MASK : a.before,
            'Après': masked && a.after ? HEALTH_MASK : a.after,
          };
        }),
      },
      {
        name: 'factures',
        description: 'les factures et avoirs',
        rows: all<{ number: string; kind: string; period: string | null; payer_name: string; payer_address: string; tranche: number; qf_value: number | null; total_cents: number; issued_on: string; due_date: string; status: string; reason: string | null }>(
          ctx,
          'SELECT i.*, p.label AS period FROM invoices i LEFT JOIN billing_periods p ON p.id = i.period_id WHERE i.family_id = ? ORDER BY i.number',
          familyId,
        ).map((i) => {
          const a = JSON.parse(i.payer_address) as { line1: string; line2: string | null; postalCode: string; city: string };
          return {
            'Numéro': i.number,
            'Type': i.kind === 'credit_note' ? 'avoir' : 'facture',
            'Période': i.period,
            'Payeur': i.payer_name,
            'Adresse du payeur': [a.line1, a.line2, `${a.postalCode} ${a.city}`.trim()].filter((x) => x).join(', '),
            'Tranche': i.tranche,
            'Quotient familial (€)': i.qf_value,
            'Montant (€)': euros(i.total_cents),
            'Émise le': date(i.issued_on),
            'Échéance': date(i.due_date),
            'État': i.status,
            'Motif': i.reason,
          };
        }),
      },
      {
        name: 'lignes-de-facture',
        description: 'le détail de chaque facture (une ligne par enfant, avoirs)',
        rows: all<{ invoice_id: string; position: number; child_id: string | null; label: string; days: string | null; quantity: number; unit_price_cents: number; amount_cents: number }>(
          ctx,
          'SELECT l.* FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.family_id = ? ORDER BY i.number, l.position',
          familyId,
        ).map((l) => ({
          'Facture': invoiceNumber.get(l.invoice_id) ?? null,
          'Ligne': l.position,
          'Enfant': child(l.child_id),
          'Libellé': l.label,
          'Jours': l.days,
          'Quantité': l.quantity,
          'Prix unitaire (€)': euros(l.unit_price_cents),
          'Montant (€)': euros(l.amount_cents),
        })),
      },
      {
        name: 'paiements',
        description: 'les paiements reçus (mode, montant, date, annulations)',
        rows: all<{ receipt_number: string; method: PaymentMethod; amount_cents: number; received_on: string; bank: string | null; cheque_number: string | null; reference: string | null; status: string; cancel_reason: string | null; cancelled_at: string | null; created_by: string }>(
          ctx,
          'SELECT * FROM payments WHERE family_id = ? ORDER BY received_on, created_at',
          familyId,
        ).map((p) => ({
          'Reçu': p.receipt_number,
          'Mode': PAYMENT_METHOD_LABELS[p.method] ?? p.method,
          'Montant (€)': euros(p.amount_cents),
          'Reçu le': date(p.received_on),
          'Banque': p.bank,
          'N° de chèque': p.cheque_number,
          'Référence': p.reference,
          'État': p.status,
          'Motif d’annulation': p.cancel_reason,
          'Annulé le': stamp(p.cancelled_at),
          'Enregistré par': p.created_by,
        })),
      },
      {
        name: 'imputations',
        description: 'à quelles factures chaque paiement et chaque avoir ont été imputés',
        rows: all<{ receipt_number: string | null; credit_note_id: string | null; invoice_id: string; amount_cents: number; created_at: string; released_at: string | null }>(
          ctx,
          `SELECT p.receipt_number, a.credit_note_id, a.invoice_id, a.amount_cents, a.created_at, a.released_at FROM payment_allocations a
           JOIN invoices i ON i.id = a.invoice_id LEFT JOIN payments p ON p.id = a.payment_id WHERE i.family_id = ? ORDER BY a.created_at`,
          familyId,
        ).map((a) => ({
          'Paiement': a.receipt_number,
          'Avoir': a.credit_note_id ? (invoiceNumber.get(a.credit_note_id) ?? null) : null,
          'Facture': invoiceNumber.get(a.invoice_id) ?? null,
          'Montant (€)': euros(a.amount_cents),
          'Le': stamp(a.created_at),
          'Libérée le': stamp(a.released_at),
        })),
      },
      {
        name: 'avoirs-en-attente',
        description: 'les avoirs accordés et la facture qui les a déduits',
        rows: all<{ child_id: string | null; kind: string; days: string | null; unit_price_cents: number; amount_cents: number; reason: string | null; created_at: string; applied_invoice_id: string | null }>(
          ctx,
          'SELECT * FROM pending_credits WHERE family_id = ? ORDER BY created_at',
          familyId,
        ).map((c) => ({
          'Enfant': child(c.child_id),
          'Type': c.kind,
          'Jours': c.days,
          'Prix unitaire (€)': euros(c.unit_price_cents),
          'Montant (€)': euros(c.amount_cents),
          'Motif': c.reason,
          'Accordé le': stamp(c.created_at),
          'Déduit de la facture': c.applied_invoice_id ? (invoiceNumber.get(c.applied_invoice_id) ?? null) : null,
        })),
      },
      {
        name: 'demandes',
        description: 'les demandes de la famille, leur instruction et leur décision',
        rows: requests.map((r) => ({
          'Numéro': requestNumber(r.id),
          'Type': REQUEST_TYPE_LABELS[r.type] ?? r.type,
          'Statut': REQUEST_STATUS_LABELS[r.status] ?? r.status,
          'Reçue le': date(r.received_on),
          'Enfant': child(r.child_id),
          'Détails': details(r),
          'Pièces manquantes': r.missing_pieces,
          'Décision': decision(r),
          'Décidée le': stamp(r.decided_at),
          'Décidée par': r.decided_by,
          'Note de la lettre': r.letter_note,
          'Suivie par': r.handled_by,
        })),
      },
      { name: 'documents', description: 'les documents (pièces déposées, certificats, PDF produits) et où les trouver dans l’archive', rows: docRows },
    ];
    return { dossierNumber: family.dossier_number, familyName: family.family_name, sections, files };
  });
}

function readme(input: { dossierNumber: number; familyName: string; today: string; actor: string; sections: Section[]; pdfs: string[]; health: 'included' | 'listed' | 'none'; healthIncluded: number; healthListed: number; unreadable: string[] }): string {
  const lines = [
    `Données détenues par la Caisse des écoles du 11e arrondissement de Paris sur le dossier famille n° ${input.dossierNumber} (${input.familyName})`,
    `Archive produite le ${formatFrenchDate(input.today)} par l’agent «\u00a0${input.actor}\u00a0», au titre du droit d’accès (RGPD, article 15).`,
    '',
    'Contenu',
    '-------',
    'Chaque partie du dossier est donnée deux fois, au même contenu\u00a0:',
    '- json/<partie>.json\u00a0: pour un programme (UTF-8)\u00a0;',
    '- csv/<partie>.csv\u00a0: pour un tableur (UTF-8 avec BOM, séparateur «\u00a0;\u00a0», dates JJ/MM/AAAA, montants en euros avec une virgule).',
    '  Une cellule qui commence par = + - @ est précédée d’une apostrophe, pour qu’un tableur ne l’exécute pas.',
    '',
    'Les parties\u00a0:',
    ...input.sections.map((s) => `- ${s.name}\u00a0: ${s.description} (${s.rows.length} ligne${s.rows.length > 1 ? 's' : ''}).`),
    '',
    'Documents PDF (pdf/), produits ce jour par le même module que les documents envoyés\u00a0:',
    '- pdf/factures/\u00a0: chaque facture et chaque avoir\u00a0;',
    '- pdf/releve/\u00a0: le relevé de compte, du premier document à aujourd’hui\u00a0;',
    '- pdf/decisions/\u00a0: la lettre de décision de chaque demande décidée.',
    `(${input.pdfs.length} fichier${input.pdfs.length > 1 ? 's' : ''} PDF.)`,
    '',
    'Documents déposés (documents/)\u00a0:',
    '- documents/pieces/\u00a0: les pièces déposées (certificat de radiation…), telles que reçues\u00a0;',
  ];
  if (input.health === 'included') {
    lines.push(`- documents/sante/\u00a0: les certificats médicaux, déchiffrés (${input.healthIncluded}). Ce sont des données de santé\u00a0: gardez cette archive en lieu sûr.`);
  } else if (input.health === 'listed') {
    lines.push(
      `- certificats médicaux (${input.healthListed})\u00a0: listés dans documents.csv sans leur contenu ni leur nom de fichier. L’agent qui a produit cette archive n’est pas habilité aux données de santé\u00a0; pour les obtenir, demandez une archive produite par un agent habilité.`,
    );
  } else {
    lines.push('- aucun certificat médical n’est conservé pour ce dossier.');
  }
  for (const u of input.unreadable) lines.push(`  Attention\u00a0: le document «\u00a0${u}\u00a0» n’a pas pu être lu (fichier absent ou abîmé)\u00a0; il est listé dans documents.csv.`);
  lines.push(
    '',
    'Historique',
    '----------',
    'historique.* reprend le journal des actions sur le dossier\u00a0: date, agent, action, et l’état avant et après (en JSON, noms de champs techniques).',
    'Les montants sont en euros, les dates au format JJ/MM/AAAA, les heures à l’heure de Paris.',
    '',
    'Durée de conservation',
    '---------------------',
    'Un dossier radié est archivé quand son compte est soldé, puis ses données personnelles sont effacées après la date de purge indiquée dans dossier.csv',
    '(dernier jour facturé + 3 ans). Les certificats médicaux sont supprimés 6 mois après la décision sur la demande qu’ils accompagnaient.',
    '',
    'Pour toute question ou pour exercer vos droits (rectification, effacement, opposition)\u00a0: Caisse des écoles du 11e arrondissement de Paris.',
  );
  return lines.join('\r\n') + '\r\n';
}

export async function exportFamilyData(ctx: AppContext, familyId: string): Promise<FamilyDataExport> {
  const health = mayReadHealth(ctx);
  const snap = snapshot(ctx, familyId, health);
  const pdfs = await familyPdfs(ctx, familyId);

  const zip: Zippable = {};
  for (const s of snap.sections) {
    zip[`json/${s.name}.json`] = strToU8(JSON.stringify(s.rows, null, 2));
    zip[`csv/${s.name}.csv`] = strToU8(toCsv(s.rows));
  }
  const pdfNames: string[] = [];
  for (const p of pdfs) {
    const name = `pdf/${p.folder}/${p.fileName}`;
    zip[name] = p.bytes;
    pdfNames.push(name);
  }
  let healthIncluded = 0;
  const unreadable: string[] = [];
  for (const f of snap.files) {
    try {
      const bytes = f.isHealth ? Buffer.from(openHealthDocument(ctx, f.id).base64, 'base64') : readFileSync(documentPath(ctx, f.storedName));
      zip[f.archiveName] = new Uint8Array(bytes);
      if (f.isHealth) healthIncluded += 1;
    } catch {
      unreadable.push(f.archiveName);
    }
  }
  const healthTotal = snap.sections.find((s) => s.name === 'documents')!.rows.filter((r) => r['Donnée de santé'] === 'oui').length;
  const healthListed = healthTotal - healthIncluded;
  const today = ctx.today();
  const text = readme({
    dossierNumber: snap.dossierNumber,
    familyName: snap.familyName,
    today,
    actor: ctx.actor,
    sections: snap.sections,
    pdfs: pdfNames,
    health: healthTotal === 0 ? 'none' : health ? 'included' : 'listed',
    healthIncluded,
    healthListed,
    unreadable,
  });
  const ordered: Zippable = { 'README.txt': strToU8(text), ...zip };
  const entries = Object.keys(ordered);
  // A fixed date for every entry: the same file twice gives the same archive.
  const bytes = zipSync(ordered, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });

  transaction(ctx, () => {
    audit(ctx, {
      action: 'family.export',
      entity: 'families',
      entityId: familyId,
      familyId,
      before: null,
      after: { entries: entries.length, pdfs: pdfNames.length, health_documents_included: healthIncluded, health_documents_listed: healthListed },
    });
  });
  return {
    fileName: `donnees-famille-${snap.dossierNumber}-${today}.zip`,
    base64: Buffer.from(bytes).toString('base64'),
    healthDocumentsIncluded: healthIncluded,
    healthDocumentsListed: healthListed,
    entries,
  };
}
