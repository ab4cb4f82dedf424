/** What every printed document shares (pure types). */
import type { Issuer } from './issuer.js';

/** A calendar date `YYYY-MM-DD` (Paris). */
export type IsoDate = string;

/** Who the document is addressed to, as printed in the envelope window. */
export interface Recipient {
  /** « Mme Élodie Lefèvre » (civility included if the billing has it). */
  name: string;
  /** Street lines then « 75011 PARIS »: see `postalAddressLines`. At most 5 lines are printed. */
  addressLines: string[];
}

/** Fields common to all documents. */
export interface DocumentBase {
  issuer: Issuer;
  /** Date printed on the document, `YYYY-MM-DD`. */
  issueDate: IsoDate;
  /** The family's dossier number (« 40945 »). */
  dossierNumber: string | number;
  /** Addressee (the payer). */
  payer: Recipient;
}
