/**
 * The mentions a French public body prints on what it sends to families (pure, French).
 * Drafted from the usual wording of local public bodies' invoices (« avis des sommes à payer »)
 * and administrative decisions; to be reviewed by the Caisse's legal adviser before the first
 * real mailing (docs/decisions.md, « Documents PDF »).
 *
 * Competent court: school catering is a service public administratif, so the merits of the
 * amount are contested before the tribunal administratif; the formal regularity of an act of
 * recovery (« acte de poursuite ») before the juge de l'exécution of the tribunal judiciaire
 * (article L1617-5 du CGCT, 2°).
 */
import type { Issuer } from './issuer.js';

const ADMINISTRATIVE_COURT = 'tribunal administratif de Paris, 7 rue de Jouy, 75181 Paris Cedex 04';

/** « Voies et délais de recours » of an invoice (a créance of an établissement public local). */
export function invoiceAppealText(issuer: Issuer): string {
  return (
    'Voies et délais de recours : vous pouvez contester cette facture dans un délai de deux mois suivant sa ' +
    'réception (article L1617-5 du code général des collectivités territoriales), en saisissant directement le ' +
    `${ADMINISTRATIVE_COURT} (ou par Télérecours citoyens, www.telerecours.fr). Vous pouvez aussi, avant ` +
    `toute démarche, adresser une réclamation écrite à la ${issuer.name} (${issuer.addressLines.join(', ')} ; ` +
    `${issuer.email}). La contestation d’un acte de poursuite relève du juge de l’exécution du tribunal ` +
    'judiciaire de Paris, dans les deux mois suivant sa notification.'
  );
}

/** Who collects after the due date (the comptable public, not the régie). */
export function publicAccountantText(issuer: Issuer): string {
  const accountant = issuer.publicAccountant;
  return (
    'Après la date limite de paiement, le recouvrement des sommes restant dues est confié au comptable public : ' +
    `${accountant.name}, ${accountant.addressLines.join(', ')}. Les paiements doivent alors lui être adressés, ` +
    'et non plus à la régie ; des frais de poursuite peuvent s’ajouter.'
  );
}

/** Information on personal data (RGPD, articles 13 and 14). */
export function dataProtectionText(issuer: Issuer): string {
  return (
    `Vos données sont traitées par la ${issuer.shortName} pour la restauration scolaire et sa facturation ` +
    '(mission d’intérêt public). Vous pouvez y accéder, les faire rectifier ou demander la limitation de leur ' +
    `traitement en écrivant à ${issuer.dataProtectionContact} ; vous pouvez aussi saisir la CNIL (www.cnil.fr).`
  );
}

/** « Voies et délais de recours » of an administrative decision (refund, radiation, …). */
export function decisionAppealText(issuer: Issuer): string {
  return (
    'Voies et délais de recours : cette décision peut faire l’objet d’un recours gracieux auprès du Président ' +
    `de la ${issuer.name} dans un délai de deux mois à compter de sa notification, et d’un recours ` +
    `contentieux devant le ${ADMINISTRATIVE_COURT} (ou par Télérecours citoyens, www.telerecours.fr) dans ` +
    'le même délai. Un recours gracieux prolonge le délai du recours contentieux.'
  );
}
