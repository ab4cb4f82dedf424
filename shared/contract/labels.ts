/**
 * French labels of input fields, by the last meaningful segments of their path,
 * so that an error reads « E-mail (responsable 1) : adresse invalide ».
 */
const labels: Record<string, string> = {
  familyName: 'Nom de famille',
  dossierNumber: 'Numéro de dossier',
  status: 'Statut',
  'address.line1': 'Adresse',
  'address.line2': 'Complément d’adresse',
  'address.postalCode': 'Code postal',
  'address.city': 'Ville',
  lastName: 'Nom',
  firstName: 'Prénom',
  email: 'E-mail',
  phoneMobile: 'Téléphone portable',
  phoneHome: 'Téléphone fixe',
  phoneWork: 'Téléphone professionnel',
  isPayer: 'Payeur',
  rank: 'Rang',
  birthDate: 'Date de naissance',
  schoolId: 'École',
  className: 'Classe',
  enrolledFrom: 'Date d’entrée',
  enrolledTo: 'Date de sortie',
  dietNeed: 'Régime',
  weekdays: 'Jours de cantine',
  effectiveFrom: 'Date d’effet',
  overrideReason: 'Motif',
  query: 'Recherche',
  childId: 'Enfant',
  familyId: 'Famille',
  id: 'Identifiant',
  content: 'Fichier',
  qfValue: 'Quotient familial',
  proofReceivedOn: 'Justificatif reçu le',
  // billing
  schoolYearId: 'Année scolaire',
  schoolYearLabel: 'Année scolaire',
  firstDay: 'Premier jour',
  lastDay: 'Dernier jour',
  label: 'Libellé',
  from: 'Du',
  to: 'Au',
  date: 'Date',
  kind: 'Type',
  schoolIds: 'Écoles',
  month: 'Mois',
  tranche: 'Tranche',
  qfUpperBound: 'Plafond de QF',
  unitPriceCents: 'Prix du repas',
  periodId: 'Période',
  start: 'Début',
  end: 'Fin',
  issueDate: 'Date d’émission',
  onlinePaymentOpensAt: 'Ouverture du paiement en ligne',
  dueDate: 'Échéance',
  invoiceId: 'Facture',
  invoiceIds: 'Factures',
  paymentId: 'Paiement',
  reason: 'Motif',
  method: 'Mode de paiement',
  amountCents: 'Montant',
  receivedOn: 'Reçu le',
  bank: 'Banque',
  chequeNumber: 'Numéro de chèque',
  reference: 'Référence',
  idempotencyKey: 'Clé d’idempotence',
  allocation: 'Imputation',
  asOf: 'À la date du',
  // requests
  requestId: 'Demande',
  documentId: 'Document',
  absenceFrom: 'Premier jour d’absence',
  absenceTo: 'Dernier jour d’absence',
  certificateOriginal: 'Certificat original',
  certificateNoErasures: 'Certificat sans rature',
  schoolHeadVisa: 'Visa du directeur',
  schoolHeadVisaOn: 'Date du visa',
  movingDate: 'Date du déménagement',
  newAddress: 'Nouvelle adresse',
  'newAddress.line1': 'Nouvelle adresse',
  'newAddress.line2': 'Complément de la nouvelle adresse',
  'newAddress.postalCode': 'Code postal de la nouvelle adresse',
  'newAddress.city': 'Ville de la nouvelle adresse',
  'newAddress.country': 'Pays de la nouvelle adresse',
  confirmDuplicate: 'Demande semblable',
  concerns: 'Objet',
  text: 'Texte',
  missingPieces: 'Pièces manquantes',
  decision: 'Décision',
  note: 'Note',
  agent: 'Agent',
  fileName: 'Nom du fichier',
  base64: 'Fichier',
  // schools
  code: 'Code',
  url: 'Adresse du serveur',
  name: 'Nom',
  address: 'Adresse',
  headName: 'Directeur ou directrice',
  serviceWeekdays: 'Jours de service',
  closedOn: 'Date de fermeture',
  arrondissement: 'Arrondissement',
};

export function fieldLabel(path: string): string | undefined {
  if (!path) return undefined;
  const parts = path.split('.');
  const last = parts[parts.length - 1] ?? '';
  const lastTwo = parts.slice(-2).join('.');
  const base = labels[lastTwo] ?? labels[last];
  if (!base) return undefined;
  // guardians.0.email → « E-mail (responsable 1) »; children.2.firstName → « Prénom (enfant 3) »
  const owner = parts[0];
  const index = parts[1];
  if (index !== undefined && /^\d+$/.test(index)) {
    const n = Number(index) + 1;
    if (owner === 'guardians') return `${base} (responsable ${n})`;
    if (owner === 'children') return `${base} (enfant ${n})`;
  }
  return base;
}
