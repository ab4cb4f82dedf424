import { CDE11_ISSUER } from '../../../shared/print/issuer.js';
import { renderRecoverySheet } from '../../pdf/index.js';

/**
 * The printable sheet of a recovery code, drawn by the document engine with the Caisse's header:
 * the code big, when and by whom it was made, the keys it protects, what it is for. Never
 * written to disk: the screen opens it in the in-app viewer, to be printed.
 */
export function recoverySheetPdf(input: { code: string; issuedAt: string; issuedBy: string; keyIds: string[] }): Promise<Uint8Array> {
  return renderRecoverySheet({ issuer: CDE11_ISSUER, ...input });
}
