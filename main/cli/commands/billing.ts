import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { WARNING_LABELS } from '../../../shared/contract/billing.js';
import { AppError } from '../../../shared/contract/errors.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { formatCents } from '../../../shared/domain/money.js';
import type { AppContext } from '../../context.js';
import { generateMany } from '../../pdf/index.js';
import { periodInvoiceDocuments } from '../../services/print/index.js';
import { listPeriods, billingSummary, previewPage } from '../../services/billing/index.js';
import { issueBillingRun } from '../../services/sync/index.js';
import { type Command, type CommandResult, count, integerOption, openContext, UsageError, type Values } from '../shared.js';

const ACTIONS = ['periods', 'preview', 'issue', 'pdf'] as const;
type Action = (typeof ACTIONS)[number];

/** `--period`: a period's id, or the month it starts (`2026-03`). */
function findPeriod(ctx: AppContext, values: Values) {
  const raw = values.period;
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new UsageError('Indiquez la période\u00a0: --period ID (voir «\u00a0billing periods\u00a0»), ou le mois où elle commence (--period 2026-03).');
  }
  const wanted = raw.trim();
  const periods = listPeriods(ctx);
  const found =
    periods.find((p) => p.id === wanted) ?? (/^\d{4}-\d{2}$/.test(wanted) ? periods.find((p) => p.start.slice(0, 7) === wanted) : undefined);
  if (!found) throw AppError.notFound(`Période introuvable\u00a0: «\u00a0${wanted}\u00a0». Les périodes et leurs identifiants\u00a0: billing periods.`);
  return found;
}

const euros = (cents: number) => formatCents(cents);

function periods(ctx: AppContext): CommandResult {
  const list = listPeriods(ctx);
  return {
    ok: true,
    json: { periods: list },
    text:
      list.length === 0
        ? ['Aucune période de facturation. Chargez le calendrier (données de démonstration, ou calendar.seedDefault).']
        : list.map(
            (p) =>
              `${p.id}  ${p.label.padEnd(26)} du ${formatFrenchDate(p.start)} au ${formatFrenchDate(p.end)}, émission le ${formatFrenchDate(p.issueDate)}, échéance le ${formatFrenchDate(p.dueDate)}${p.issuedAt ? ` — facturée (${count(p.invoices)} documents)` : ''}`,
          ),
  };
}

function preview(ctx: AppContext, values: Values): CommandResult {
  const period = findPeriod(ctx, values);
  const limit = integerOption(values, 'limit', 0, 1000) ?? 20;
  const summary = billingSummary(ctx, period.id);
  const page = previewPage(ctx, { periodId: period.id, offset: 0, limit, onlyWarnings: false, query: '' });
  const warned = previewPage(ctx, { periodId: period.id, offset: 0, limit, onlyWarnings: true, query: '' });
  const text = [
    `${period.label}${summary.issuedAt ? ' (déjà facturée)' : ''}\u00a0: ${count(summary.invoices)} factures, ${count(summary.creditNotes)} avoirs, ${count(summary.lines)} lignes, ${count(summary.meals)} repas, ${euros(summary.amountCents)}.`,
    ...summary.byTranche.map((t) => `  tranche ${String(t.tranche).padStart(2)}\u00a0: ${count(t.invoices)} factures, ${count(t.meals)} repas, ${euros(t.amountCents)}`),
  ];
  if (summary.warnings.length > 0) {
    text.push(`Avertissements (${count(summary.familiesWithWarnings)} familles)\u00a0:`);
    for (const w of summary.warnings) text.push(`  ${WARNING_LABELS[w.code]}\u00a0: ${count(w.count)}`);
    for (const d of warned.drafts) for (const w of d.warnings) text.push(`  dossier ${d.dossierNumber} (${d.familyName})\u00a0: ${w.message}`);
    if (warned.total > warned.drafts.length) text.push(`  … et ${count(warned.total - warned.drafts.length)} autres familles (--limit N).`);
  }
  return { ok: true, json: { summary, drafts: page.drafts, draftsTotal: page.total }, text };
}

async function issue(ctx: AppContext, values: Values): Promise<CommandResult> {
  const period = findPeriod(ctx, values);
  const started = performance.now();
  const result = await issueBillingRun(ctx, period.id);
  const ms = Math.round(performance.now() - started);
  const range = result.firstNumber ? `, n° ${result.firstNumber} à ${result.lastNumber}` : '';
  return {
    ok: true,
    json: { result, ms },
    text: [
      `${result.periodLabel}\u00a0: ${count(result.invoices)} factures et ${count(result.creditNotes)} avoirs émis le ${formatFrenchDate(result.issuedOn)}${range}, ${count(result.meals)} repas, ${euros(result.amountCents)}.`,
      `Échéance le ${formatFrenchDate(result.dueDate)}, paiement en ligne à partir du ${formatFrenchDate(result.onlinePaymentOpensAt.slice(0, 10))} à ${result.onlinePaymentOpensAt.slice(11, 13)}h${result.onlinePaymentOpensAt.slice(14, 16)}.`,
    ],
  };
}

async function pdf(ctx: AppContext, values: Values, cwd: string, json: boolean, stderr: (text: string) => void): Promise<CommandResult> {
  const period = findPeriod(ctx, values);
  const out = values.out;
  if (typeof out !== 'string' || out.trim() === '') throw new UsageError('Indiquez le dossier où écrire les PDF\u00a0: --out DOSSIER.');
  const dir = resolve(cwd, out);
  if (existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.pdf')) && values.force !== true) {
    throw new UsageError(`Le dossier ${dir} contient déjà des PDF\u00a0: choisissez-en un autre ou ajoutez --force.`);
  }
  if (!period.issuedAt) throw new AppError({ code: 'CONFLICT', message: `La période ${period.label} n’est pas encore facturée\u00a0: billing issue --period ${period.id}.` });
  const workers = integerOption(values, 'workers', 1, 8);
  const docs = periodInvoiceDocuments(ctx, period.id);
  let last = 0;
  const result = await generateMany(docs, {
    outDir: dir,
    ...(workers === undefined ? {} : { workers }),
    onProgress: (done, total) => {
      if (json || total === 0) return;
      const percent = Math.floor((done / total) * 10);
      if (percent > last || done === total) {
        last = percent;
        stderr(`  ${count(done)} / ${count(total)}`);
      }
    },
  });
  const seconds = String(Math.round(result.elapsedMs / 100) / 10).replace('.', ',');
  return {
    ok: true,
    json: { dir, files: result.files.length, workers: result.workers, elapsedMs: result.elapsedMs },
    text: [`${count(result.files.length)} PDF écrits dans ${dir} en ${seconds}\u00a0s (${result.workers} processus).`],
  };
}

/**
 * `billing periods | preview | issue | pdf`: the billing run without a window (DESIGN.md: the CLI
 * drives the same services as the desktop).
 */
export const billingCommand: Command = {
  name: 'billing',
  summary: 'Facturation\u00a0: périodes, aperçu, émission des factures d’une période, PDF.',
  usage: 'billing <periods|preview|issue|pdf> [--period ID] [--out DOSSIER]',
  help: `Facturation d’une période de deux mois (une facture par famille payeuse, une ligne par enfant\u00a0:
jours de repas servis × tarif de la tranche, moins les avoirs).

Actions\u00a0:
  periods                       liste les périodes avec leur identifiant et leur état
  preview --period P [--limit N]  aperçu\u00a0: totaux, montants par tranche, avertissements (sans rien écrire)
  issue --period P              émet les factures de la période (une seule transaction\u00a0; relancer
                                une période déjà émise ne crée rien et redonne le même résultat)
  pdf --period P --out DOSSIER  écrit le PDF de chaque facture émise de la période (F2026-000123.pdf)

Options\u00a0:
  --period P      identifiant de la période (voir «\u00a0billing periods\u00a0»), ou le mois où elle commence\u00a0: 2026-03
  --limit N       aperçu\u00a0: nombre de familles détaillées (20 par défaut)
  --out DOSSIER   pdf\u00a0: dossier des fichiers (refusé s’il contient déjà des PDF, sauf avec --force)
  --workers N     pdf\u00a0: nombre de processus de rendu (les cœurs disponibles par défaut)
  --force         pdf\u00a0: écrit dans un dossier qui contient déjà des PDF`,
  options: {
    period: { type: 'string' },
    limit: { type: 'string' },
    out: { type: 'string' },
    workers: { type: 'string' },
    force: { type: 'boolean' },
  },
  positionals: { min: 1, max: 1, missing: `Indiquez l’action\u00a0: ${ACTIONS.join(', ')}.` },
  async run({ values, positionals, dataDir, io, json }) {
    const action = positionals[0] as string;
    if (!(ACTIONS as readonly string[]).includes(action)) {
      throw new UsageError(`Action inconnue\u00a0: ${action}. Actions\u00a0: ${ACTIONS.join(', ')}.`);
    }
    const ctx = openContext(dataDir);
    try {
      switch (action as Action) {
        case 'periods':
          return periods(ctx);
        case 'preview':
          return preview(ctx, values);
        case 'issue':
          return issue(ctx, values);
        case 'pdf':
          return await pdf(ctx, values, io.cwd, json, io.stderr);
      }
    } finally {
      ctx.store.close();
    }
  },
};
