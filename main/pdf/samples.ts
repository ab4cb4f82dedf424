import { mulberry32 } from '../../shared/domain/random.js';
import type { DecisionDocument } from '../../shared/print/decision.js';
import { type InvoiceDocument, type InvoiceLine, mealsLabel, periodLabel } from '../../shared/print/invoice.js';
import { CDE11_ISSUER } from '../../shared/print/issuer.js';
import type { ReceiptDocument } from '../../shared/print/receipt.js';
import type { ReminderDocument } from '../../shared/print/reminder.js';
import type { StatementDocument } from '../../shared/print/statement.js';

/**
 * Sample documents: template previews, tests and the benchmark. Names carry the accents and
 * punctuation real families have (Élodie, Lefèvre, Maëlys, N’Diaye, Müller-Żak).
 */

const PRICES = [13, 85, 162, 228, 362, 461, 489, 510, 600, 700];

const PERIOD = { label: periodLabel('2026-03-01', '2026-04-30'), start: '2026-03-01', end: '2026-04-30' };

export function sampleInvoice(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  const lines: InvoiceLine[] = [
    {
      kind: 'meals',
      childName: 'Élodie Lefèvre',
      school: 'École élémentaire Parmentier',
      label: mealsLabel(13, 362),
      quantity: 13,
      unitPriceCents: 362,
      amountCents: 13 * 362,
    },
    {
      kind: 'meals',
      childName: 'Maëlys Lefèvre',
      school: 'École maternelle Saint-Maur',
      label: mealsLabel(30, 362),
      quantity: 30,
      unitPriceCents: 362,
      amountCents: 30 * 362,
    },
    {
      kind: 'closure_credit',
      childName: 'Maëlys Lefèvre',
      school: 'École maternelle Saint-Maur',
      label: `Avoir : grève du 12/03/2026 (${mealsLabel(1, 362)})`,
      quantity: 1,
      unitPriceCents: 362,
      amountCents: -362,
    },
  ];
  const total = lines.reduce((s, l) => s + l.amountCents, 0);
  const paid = 1000;
  return {
    kind: 'invoice',
    issuer: CDE11_ISSUER,
    number: 'F2026-000123',
    issueDate: '2026-03-30',
    period: PERIOD,
    dossierNumber: 40945,
    payer: { name: 'Mme Élodie Lefèvre', addressLines: ['27 rue de la Roquette', 'Bâtiment B, 3e étage', '75011 PARIS'] },
    lines,
    totalCents: total,
    alreadyPaidCents: paid,
    remainingCents: total - paid,
    dueDate: '2026-04-30',
    onlinePayment: { date: '2026-04-02', time: '14:00' },
    tranche: { number: 5, quotientFamilial: 1234 },
    ...overrides,
  };
}

export function sampleReceipt(): ReceiptDocument {
  return {
    kind: 'receipt',
    issuer: CDE11_ISSUER,
    number: 'R2026-000045',
    issueDate: '2026-04-08',
    dossierNumber: 40945,
    payer: { name: 'Mme Élodie Lefèvre', addressLines: ['27 rue de la Roquette', 'Bâtiment B, 3e étage', '75011 PARIS'] },
    payment: { receivedOn: '2026-04-08', amountCents: 15000, method: 'cheque', reference: 'n° 1234567, La Banque Postale' },
    allocations: [
      { invoiceNumber: 'F2026-000017', periodLabel: 'Janvier / Février 2026', amountCents: 2172, remainingAfterCents: 0 },
      { invoiceNumber: 'F2026-000123', periodLabel: 'Mars / Avril 2026', amountCents: 12204, remainingAfterCents: 0 },
    ],
    unallocatedCents: 624,
    accountBalanceAfterCents: -624,
    cashier: 'Karim Benali',
  };
}

export function sampleStatement(): StatementDocument {
  const entries = [
    { date: '2025-10-30', label: 'Facture Septembre / Octobre 2025', reference: 'F2025-004410', debitCents: 14118, creditCents: 0 },
    { date: '2025-11-12', label: 'Paiement en ligne (PayFIP)', reference: 'R2025-003120', debitCents: 0, creditCents: 14118 },
    { date: '2025-12-22', label: 'Facture Novembre / Décembre 2025', reference: 'F2025-005871', debitCents: 11946, creditCents: 0 },
    { date: '2026-01-09', label: 'Paiement par chèque', reference: 'R2026-000012', debitCents: 0, creditCents: 10000 },
    { date: '2026-02-27', label: 'Facture Janvier / Février 2026', reference: 'F2026-000017', debitCents: 13032, creditCents: 0 },
    { date: '2026-03-05', label: 'Avoir : grève du 12/02/2026 (2 repas × 3,62 €)', reference: 'A2026-000003', debitCents: 0, creditCents: 724 },
  ];
  const closing = entries.reduce((b, e) => b + e.debitCents - e.creditCents, 0);
  return {
    kind: 'statement',
    issuer: CDE11_ISSUER,
    issueDate: '2026-03-15',
    dossierNumber: 40945,
    payer: { name: 'Mme Élodie Lefèvre', addressLines: ['27 rue de la Roquette', 'Bâtiment B, 3e étage', '75011 PARIS'] },
    from: '2025-09-01',
    to: '2026-03-15',
    openingBalanceCents: 0,
    entries,
    closingBalanceCents: closing,
    children: ['Élodie Lefèvre (CM1, École élémentaire Parmentier)', 'Maëlys Lefèvre (MS, École maternelle Saint-Maur)'],
  };
}

export function sampleReminder(level: 1 | 2 | 3 = 2): ReminderDocument {
  const invoices = [
    { number: 'F2026-000017', periodLabel: 'Janvier / Février 2026', issueDate: '2026-02-27', dueDate: '2026-03-31', totalCents: 13032, remainingCents: 3032 },
    { number: 'F2026-000123', periodLabel: 'Mars / Avril 2026', issueDate: '2026-03-30', dueDate: '2026-04-30', totalCents: 14204, remainingCents: 14204 },
  ];
  return {
    kind: 'reminder',
    issuer: CDE11_ISSUER,
    issueDate: '2026-05-12',
    dossierNumber: 40945,
    payer: { name: 'M. Mamadou N’Diaye', addressLines: ['114 boulevard Voltaire', '75011 PARIS'] },
    level,
    reference: 'RL2026-000087',
    invoices,
    totalRemainingCents: invoices.reduce((s, i) => s + i.remainingCents, 0),
    payBefore: '2026-05-31',
    ...(level > 1 ? { previousReminderDate: '2026-04-14' } : {}),
  };
}

export function sampleDecision(): DecisionDocument {
  return {
    kind: 'decision',
    issuer: CDE11_ISSUER,
    issueDate: '2026-03-20',
    dossierNumber: 40945,
    payer: { name: 'Mme Élodie Lefèvre', addressLines: ['27 rue de la Roquette', '75011 PARIS'] },
    reference: 'D2026-000321',
    subject: 'Demande de remboursement pour maladie de Maëlys Lefèvre',
    outcome: 'accepted',
    paragraphs: [
      'Vous avez demandé le 16/03/2026 le remboursement des repas de Maëlys, absente pour maladie du 09/03/2026 au 13/03/2026.',
      'Les 4 repas concernés (4 × 3,62 €, soit 14,48 €) seront déduits de votre prochaine facture.',
    ],
    checks: [
      { label: 'Absence d’au moins 3 jours de repas consécutifs', passed: true, detail: '4 jours de repas du 09/03/2026 au 13/03/2026' },
      { label: 'Certificat médical original, sans rature', passed: true },
      { label: 'Visa du directeur ou de la directrice de l’école', passed: true },
      { label: 'Demande reçue dans les 30 jours après l’absence', passed: true, detail: 'reçue le 16/03/2026 (3 jours)' },
    ],
  };
}

const seeded = mulberry32;

const FIRST = ['Élodie', 'Maëlys', 'Noé', 'Anaïs', 'Zoé', 'Chloé', 'Léon', 'Inès', 'Raphaël', 'Adèle', 'Aïcha', 'Mamadou', 'Jérôme', 'Hélène', 'Yanis'];
const LAST = ['Lefèvre', 'Martin', 'N’Diaye', 'Benali', 'Nguyen', 'Müller', 'Da Silva', 'Dubois', 'Côté', 'Bernard', 'Traoré', 'Moreau', 'Lambert', 'Rousseau'];
const STREETS = ['rue de la Roquette', 'boulevard Voltaire', 'rue Oberkampf', 'avenue de la République', 'rue du Faubourg-Saint-Antoine', 'rue de Charonne', 'passage Saint-Pierre-Amelot'];
const SCHOOLS = ['École élémentaire Parmentier', 'École maternelle Saint-Maur', 'École polyvalente Belleville', 'École élémentaire Keller', 'École maternelle Godefroy-Cavaignac'];

/**
 * A period's worth of synthetic invoices (one per family, 1–3 children, some credits), the same
 * for a given seed. 9,000 families ≈ 12,000 children, like the demo data set.
 */
export function syntheticInvoices(count: number, seed = 2026): InvoiceDocument[] {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const docs: InvoiceDocument[] = [];
  for (let i = 0; i < count; i++) {
    const last = pick(LAST);
    const children = random() < 0.72 ? 1 : random() < 0.85 ? 2 : 3;
    const tranche = 1 + Math.floor(random() * 10);
    const unit = PRICES[tranche - 1]!;
    const lines: InvoiceLine[] = [];
    for (let c = 0; c < children; c++) {
      const meals = 10 + Math.floor(random() * 30);
      const child = `${pick(FIRST)} ${last}`;
      const school = pick(SCHOOLS);
      lines.push({ kind: 'meals', childName: child, school, label: mealsLabel(meals, unit), quantity: meals, unitPriceCents: unit, amountCents: meals * unit });
      if (random() < 0.12) {
        const days = 1 + Math.floor(random() * 4);
        lines.push({
          kind: 'closure_credit',
          childName: child,
          school,
          label: `Avoir : grève du 12/03/2026 (${mealsLabel(days, unit)})`,
          quantity: days,
          unitPriceCents: unit,
          amountCents: -days * unit,
        });
      }
    }
    const total = lines.reduce((s, l) => s + l.amountCents, 0);
    const paid = random() < 0.1 ? Math.min(total, 1000) : 0;
    docs.push(
      sampleInvoice({
        number: `F2026-${String(100 + i).padStart(6, '0')}`,
        dossierNumber: 40001 + i,
        payer: {
          name: `${random() < 0.5 ? 'Mme' : 'M.'} ${pick(FIRST)} ${last}`,
          addressLines: [`${1 + Math.floor(random() * 150)} ${pick(STREETS)}`, '75011 PARIS'],
        },
        lines,
        totalCents: total,
        alreadyPaidCents: paid,
        remainingCents: total - paid,
        tranche: { number: tranche, quotientFamilial: tranche === 10 ? null : 200 + tranche * 350 },
      }),
    );
  }
  return docs;
}
