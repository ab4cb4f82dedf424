import type { RefundVerdictOutput } from '../../../shared/contract/requests.js';
import { CDE11_ISSUER, type Issuer } from '../../../shared/print/issuer.js';
import type { DecisionCheck, DecisionDocument } from '../../../shared/print/decision.js';
import { formatAmount } from '../../../shared/print/text.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import type { AppContext } from '../../context.js';
import { familyPayer } from './sources.js';
import { conflict } from '../../store/sql.js';
import { getRequest } from '../requests/index.js';

/**
 * The letter to the family about the decision on a request (issue 4): what was decided and why —
 * every check of a refund verdict, the missing pieces, the effective date of a rhythm change, the
 * last billed day of a radiation, the agent's note.
 */

const SUBJECTS: Record<string, string> = {
  refund: 'Demande de remboursement pour maladie',
  rhythm: 'Demande de changement de rythme',
  radiation: 'Demande de radiation',
  correction: 'Demande de correction du dossier',
  contact: 'Votre message',
};

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function isVerdict(v: unknown): v is RefundVerdictOutput {
  return typeof v === 'object' && v !== null && Array.isArray((v as RefundVerdictOutput).checks);
}

export function decisionLetterDocument(ctx: AppContext, requestId: string, issuer: Issuer = CDE11_ISSUER): DecisionDocument {
  const request = getRequest(ctx, requestId);
  if (request.status === 'received' || request.status === 'in_review' || request.familyId === null) {
    throw conflict('Aucune décision à notifier pour cette demande.');
  }
  const payer = familyPayer(ctx, request.familyId);
  const decision = request.decision ?? {};
  const note = str(decision['note']) ?? request.letterNote;
  const child = request.childName;
  const received = formatFrenchDate(request.receivedOn);
  const paragraphs: string[] = [];
  let checks: DecisionCheck[] | undefined;
  const outcome: DecisionDocument['outcome'] =
    request.status === 'accepted' ? 'accepted' : request.status === 'refused' ? 'refused' : request.status === 'missing_documents' ? 'missing_documents' : 'done';

  const what = `${SUBJECTS[request.type] ?? request.typeLabel}${child ? ` de ${child}` : ''}`;
  paragraphs.push(`Nous avons reçu le ${received} votre ${what.charAt(0).toLowerCase()}${what.slice(1)}.`);
  const details = request.details;
  if (request.type === 'refund' && str(details['absenceFrom'])) {
    paragraphs.push(`Absence du ${formatFrenchDate(str(details['absenceFrom']))} au ${formatFrenchDate(str(details['absenceTo']))} (motif\u00a0: ${str(details['reason']) ?? '—'}).`);
  }

  const verdict = isVerdict(decision['verdict']) ? decision['verdict'] : null;
  if (outcome === 'missing_documents') {
    paragraphs.push('Votre demande ne peut pas encore être instruite. Merci de nous faire parvenir les pièces suivantes\u00a0:');
    for (const piece of request.missingPieces) paragraphs.push(`• ${piece}`);
  } else if (request.type === 'refund' && verdict) {
    if (outcome === 'accepted') {
      checks = verdict.checks.map((c) => ({ label: c.message, passed: c.ok }));
      const n = verdict.refundedDays.length;
      paragraphs.push(
        `Votre demande est acceptée\u00a0: ${n}\u00a0repas ${n > 1 ? 'sont remboursés' : 'est remboursé'}, soit ${formatAmount(verdict.amountCents)}, qui sera déduit de votre prochaine facture.`,
      );
      if (n > 0) paragraphs.push(`Jours remboursés\u00a0: ${verdict.refundedDays.map((d) => formatFrenchDate(d)).join(', ')}.`);
    } else {
      const failed = verdict.checks.filter((c) => !c.ok);
      checks = failed.map((c) => ({ label: c.message, passed: false }));
      paragraphs.push(
        failed.length > 0
          ? 'Votre demande ne peut pas être acceptée, pour les raisons suivantes\u00a0:'
          : 'Votre demande ne peut pas être acceptée.',
      );
    }
  } else if (request.type === 'rhythm') {
    const from = str(decision['effectiveFrom']);
    paragraphs.push(
      outcome === 'accepted' && from
        ? `Votre demande est acceptée\u00a0: le nouveau rythme de cantine s’applique à partir du ${formatFrenchDate(from)}.`
        : 'Votre demande de changement de rythme ne peut pas être acceptée.',
    );
  } else if (request.type === 'radiation') {
    const last = str(decision['lastBilledDay']);
    paragraphs.push(
      outcome === 'accepted'
        ? last
          ? `La radiation est prononcée\u00a0: le dernier jour facturé est le ${formatFrenchDate(last)}. Les repas facturés au-delà vous seront déduits.`
          : 'La radiation est prononcée\u00a0: aucun repas ne vous sera plus facturé.'
        : 'Votre demande de radiation ne peut pas être acceptée.',
    );
  } else if (outcome === 'done') {
    paragraphs.push('Votre demande a été traitée.');
  }
  if (note) paragraphs.push(outcome === 'done' ? `Ce qui a été fait\u00a0: ${note}` : note);

  const doc: DecisionDocument = {
    kind: 'decision',
    issuer,
    issueDate: ctx.today(),
    dossierNumber: payer.dossier,
    payer: { name: payer.name, addressLines: payer.addressLines },
    reference: `D-${payer.dossier}-${request.receivedOn.replace(/-/g, '')}-${request.id.slice(0, 8)}`,
    subject: `${what} (reçue le ${received})`,
    outcome,
    paragraphs,
  };
  if (checks && checks.length > 0) doc.checks = checks;
  return doc;
}
