/**
 * A decision letter (refund after illness, rhythm change, radiation, …): a skeleton for the
 * requests issue. The rules produce the verdict and its checks (each passed or failed, in French);
 * the letter states the outcome, lists the checks and gives the appeal routes.
 */
import type { DocumentBase } from './common.js';

export interface DecisionCheck {
  /** « Absence d’au moins 3 jours de repas consécutifs ». */
  label: string;
  passed: boolean;
  /** « 4 jours de repas du 10/03/2026 au 13/03/2026 ». */
  detail?: string;
}

export interface DecisionDocument extends DocumentBase {
  kind: 'decision';
  /** The request's reference (« D2026-000321 »). */
  reference: string;
  /** « Demande de remboursement pour maladie de Maëlys Lefèvre ». */
  subject: string;
  outcome: 'accepted' | 'partially_accepted' | 'refused' | 'missing_documents' | 'done';
  salutation?: string;
  /** The body, one paragraph each (French, already written by the rules / the agent). */
  paragraphs: string[];
  checks?: DecisionCheck[];
  /** Default: `decisionAppealText(issuer)`. */
  appeal?: string;
}

export const DECISION_OUTCOME_LABELS: Record<DecisionDocument['outcome'], string> = {
  accepted: 'Demande acceptée',
  partially_accepted: 'Demande partiellement acceptée',
  refused: 'Demande refusée',
  missing_documents: 'Pièces manquantes',
  done: 'Demande traitée',
};
