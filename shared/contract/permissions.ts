/**
 * Who may do what (issue 9): the five roles of a Caisse's staff plus the separate permission for
 * health documents, with their French labels. The table operation → access is in access.ts.
 */
export const ROLES = ['accueil', 'instruction', 'regie', 'facturation', 'administration'] as const;
export type Role = (typeof ROLES)[number];

/** The separate permission that opens medical certificates (special-category data). */
export const HEALTH_PERMISSION = 'sante';
export type Permission = Role | typeof HEALTH_PERMISSION;
export const PERMISSIONS: readonly Permission[] = [...ROLES, HEALTH_PERMISSION];

export const PERMISSION_LABELS: Readonly<Record<Permission, string>> = {
  accueil: 'Accueil',
  instruction: 'Instruction',
  regie: 'Régie',
  facturation: 'Facturation',
  administration: 'Administration',
  sante: 'Documents de santé',
};

/** What each permission lets an agent do, in the words of the « Agents » screen. */
export const PERMISSION_HINTS: Readonly<Record<Permission, string>> = {
  accueil: 'familles, saisie des demandes, pièces',
  instruction: 'décisions sur les demandes',
  regie: 'encaissements au guichet, export vers le Trésor public, annulations de paiement',
  facturation: 'calendrier, tarifs, facturations, avoirs',
  administration: 'agents, réglages, sauvegardes, purge',
  sante: 'ouvrir les certificats médicaux',
};
