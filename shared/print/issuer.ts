/**
 * Who issues the documents: the Caisse des écoles, its régie de recettes (which cashes payments
 * at the counter) and the comptable public (who collects after the due date). Pure data.
 *
 * Values marked « à compléter » are placeholders until the Caisse gives the real ones (SIRET,
 * IBAN, phone): they are data, so a settings screen can replace them without touching templates.
 */

export interface Issuer {
  /** « Caisse des écoles du 11e arrondissement de Paris » */
  name: string;
  /** « Caisse des écoles du 11e » (footers, page headers). */
  shortName: string;
  /** Street lines then « 75011 Paris ». */
  addressLines: string[];
  phone: string;
  email: string;
  /** « Mon Espace Famille » and its address. */
  portal: { name: string; url: string };
  siret: string;
  /** The régie de recettes of the Caisse: cashes cheques, cash and cards at the counter. */
  regie: {
    /** Payee of cheques: « Régie de la Caisse des écoles du 11e ». */
    chequePayee: string;
    /** Where and when families can pay at the counter. */
    counter: string;
    /** Bank details for transfers (placeholder until provided). */
    iban: string;
    bic: string;
  };
  /** The comptable public who collects unpaid invoices after the due date. */
  publicAccountant: { name: string; addressLines: string[] };
  /** Who signs letters (reminders, decisions). */
  signatory: { name?: string; title: string };
  /** Contact for personal data (RGPD). */
  dataProtectionContact: string;
}

/** The Caisse des écoles du 11e (CDE11). Placeholders are marked « à compléter ». */
export const CDE11_ISSUER: Issuer = {
  name: 'Caisse des écoles du 11e arrondissement de Paris',
  shortName: 'Caisse des écoles du 11e',
  addressLines: ['12 place Léon-Blum', '75011 Paris'],
  phone: '01 53 27 10 00',
  email: 'contact@cde11.paris',
  portal: { name: 'Mon Espace Famille', url: 'https://famille.cde11.paris' },
  siret: '267 511 110 00000 (à compléter)',
  regie: {
    chequePayee: 'Régie de la Caisse des écoles du 11e',
    counter: 'à l’accueil de la Caisse, 12 place Léon-Blum, du lundi au vendredi de 8h30 à 12h00 et de 13h30 à 16h30',
    iban: 'FR76 0000 0000 0000 0000 0000 000 (à compléter)',
    bic: 'TRPUFRP1',
  },
  publicAccountant: {
    name: 'Direction régionale des Finances publiques d’Île-de-France et de Paris — service de gestion comptable',
    addressLines: ['94 rue Réaumur', '75104 Paris Cedex 02'],
  },
  signatory: { title: 'Pour le Président et par délégation, la Directrice de la Caisse des écoles' },
  dataProtectionContact: 'dpo@cde11.paris',
};
