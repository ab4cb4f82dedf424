import { type RefundDecision, REQUEST_TYPE_LABELS, type RequestType } from '../../../shared/contract/requests.js';
import { inSentence, ofName } from '../../../shared/domain/french.js';
import { CDE11_ISSUER, type Issuer } from '../../../shared/print/issuer.js';
import type { DecisionCheck, DecisionDocument } from '../../../shared/print/decision.js';
import { formatAmount, postalAddressLines } from '../../../shared/print/text.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import type { AppContext } from '../../context.js';
import { familyPayer } from './sources.js';
import { conflict } from '../../store/sql.js';
import { readRequest } from '../requests/index.js';
import { hideVerdictHealth } from '../../../shared/rules/health-visibility.js';

/**
 * The letter to the family about the decision on a request (issue 4): what was decided and why —
 * every check of a refund verdict, the missing pieces, the effective date of a rhythm change, the
 * last billed day of a radiation, the agent's note.
 */

/** « Demande de remboursement pour maladie », from the contract's label of the type; a message is « Votre message ». */
function subjectOf(type: RequestType): string {
  return type === 'contact' ? 'Votre message' : `Demande de ${inSentence(REQUEST_TYPE_LABELS[type])}`;
}

/** What the letter says of a decided refund: the outcome, and the checks behind it. */
function refundOutcome(decision: RefundDecision): { paragraphs: string[]; checks: DecisionCheck[] } {
  // Printed by any agent, kept as a file: the letter never quotes the free-text reason of the absence.
  const verdict = hideVerdictHealth(decision.verdict);
  if (decision.decision === 'accept') {
    const n = verdict.refundedDays.length;
    // Days of a period not billed yet are deducted from that period's invoice (billing waits for it).
    const periods = verdict.notBilledYet;
    const where =
      periods.length === 0
        ? 'votre prochaine facture'
        : periods.length === 1
          ? `votre facture de la période ${periods[0]}, qui n’est pas encore émise`
          : `vos factures des périodes ${periods.slice(0, -1).join(', ')} et ${periods[periods.length - 1]}, qui ne sont pas encore émises`;
    const paragraphs = [
      `Votre demande est acceptée\u00a0: ${n}\u00a0repas ${n > 1 ? 'sont remboursés' : 'est remboursé'}, soit ${formatAmount(verdict.amountCents)}, qui sera déduit de ${where}.`,
    ];
    if (n > 0) paragraphs.push(`Jours remboursés\u00a0: ${verdict.refundedDays.map((d) => formatFrenchDate(d)).join(', ')}.`);
    return { paragraphs, checks: verdict.checks.map((c) => ({ label: c.message, passed: c.ok })) };
  }
  const failed = verdict.checks.filter((c) => !c.ok);
  return {
    paragraphs: [failed.length > 0 ? 'Votre demande ne peut pas être acceptée, pour les raisons suivantes\u00a0:' : 'Votre demande ne peut pas être acceptée.'],
    checks: failed.map((c) => ({ label: c.message, passed: false })),
  };
}

export function decisionLetterDocument(ctx: AppContext, requestId: string, issuer: Issuer = CDE11_ISSUER): DecisionDocument {
  const request = readRequest(ctx, requestId);
  if (request.status === 'received' || request.status === 'in_review' || request.familyId === null) {
    throw conflict('Aucune décision à notifier pour cette demande.');
  }
  const payer = familyPayer(ctx, request.familyId);
  const today = ctx.today();
  // A family that has moved out (its radiation accepted, or its moving day come) reads its letter
  // at the new address it gave with the request, not at the old 11e one.
  const movedOut = request.type === 'radiation' && (request.status === 'accepted' || request.details.movingDate <= today);
  const addressLines = movedOut ? postalAddressLines(request.details.newAddress) : payer.addressLines;
  const note = request.decision?.note ?? request.letterNote;
  const child = request.childName;
  const received = formatFrenchDate(request.receivedOn);
  const paragraphs: string[] = [];
  let checks: DecisionCheck[] | undefined;
  const outcome: DecisionDocument['outcome'] =
    request.status === 'accepted' ? 'accepted' : request.status === 'refused' ? 'refused' : request.status === 'missing_documents' ? 'missing_documents' : 'done';

  // « Demande de remboursement pour maladie d’Élodie »; a message is nobody's in particular.
  const what = `${subjectOf(request.type)}${child && request.type !== 'contact' ? ` ${ofName(child)}` : ''}`;
  paragraphs.push(`Nous avons bien reçu, le ${received}, ${request.type === 'contact' ? 'votre message' : `votre ${inSentence(what)}`}.`);
  if (request.type === 'refund') {
    // The dates only: the reason (health data) is not printed, whoever prints the letter.
    const { absenceFrom, absenceTo } = request.details;
    paragraphs.push(`Absence du ${formatFrenchDate(absenceFrom)} au ${formatFrenchDate(absenceTo)}.`);
  }

  if (outcome === 'missing_documents') {
    paragraphs.push('Votre demande ne peut pas encore être instruite. Merci de nous faire parvenir les pièces suivantes\u00a0:');
    for (const piece of request.missingPieces) paragraphs.push(`• ${piece}`);
  } else if (request.type === 'refund') {
    if (request.decision) {
      const told = refundOutcome(request.decision);
      paragraphs.push(...told.paragraphs);
      checks = told.checks;
    }
  } else if (request.type === 'rhythm') {
    paragraphs.push(
      request.decision?.decision === 'accept'
        ? `Votre demande est acceptée\u00a0: le nouveau rythme de cantine s’applique à partir du ${formatFrenchDate(request.decision.effectiveFrom)}.`
        : 'Votre demande de changement de rythme ne peut pas être acceptée.',
    );
  } else if (request.type === 'radiation') {
    paragraphs.push(
      request.decision?.decision === 'accept'
        ? `La radiation est prononcée\u00a0: le dernier jour facturé est le ${formatFrenchDate(request.decision.lastBilledDay)}. Les repas facturés au-delà vous seront déduits.`
        : 'Votre demande de radiation ne peut pas être acceptée.',
    );
  } else if (request.type === 'account_link') {
    paragraphs.push(
      request.decision?.decision === 'accept'
        ? `Votre espace famille est rattaché à votre dossier n°\u00a0${payer.dossier}.`
        : 'Votre demande de rattachement de votre espace famille à ce dossier ne peut pas être acceptée.',
    );
  } else if (outcome === 'done') {
    paragraphs.push('Votre demande a été traitée.');
  }
  if (note) paragraphs.push(outcome === 'done' ? `Ce qui a été fait\u00a0: ${note}` : note);

  const doc: DecisionDocument = {
    kind: 'decision',
    issuer,
    issueDate: today,
    dossierNumber: payer.dossier,
    payer: { name: payer.name, addressLines },
    // The request's number (`requestNumber`), as the screens show it.
    reference: `D-${payer.dossier}-${request.receivedOn.replace(/-/g, '')}-${request.number}`,
    subject: `${what} (reçue le ${received})`,
    outcome,
    paragraphs,
  };
  if (checks && checks.length > 0) doc.checks = checks;
  return doc;
}
