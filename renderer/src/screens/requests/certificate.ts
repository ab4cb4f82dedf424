import { invoke } from '../../api/client.js';
import { fileToBase64 } from '../../lib/files.js';

const MAX_BYTES = 10 * 1024 * 1024;
export const CERTIFICATE_ACCEPT = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';

/** A first look at a chosen certificate (the service checks the bytes themselves). */
export function certificateProblem(file: File): string | null {
  if (file.size === 0) return 'Le fichier est vide.';
  if (file.size > MAX_BYTES) return 'Fichier trop volumineux (10\u00a0Mo au plus).';
  if (!/\.(pdf|jpe?g|png)$/i.test(file.name) && !['application/pdf', 'image/jpeg', 'image/png'].includes(file.type)) {
    return 'Certificat attendu en PDF, JPEG ou PNG.';
  }
  return null;
}

/**
 * Sends a scanned certificate, attached to its request: the medical certificate of a refund is
 * health data (documents.uploadHealth, encrypted); the certificat de radiation is an ordinary
 * piece (documents.uploadPiece).
 */
export async function uploadCertificate(
  file: File,
  ids: { familyId: string; childId: string | null; requestId: string },
  kind: 'medical' | 'radiation' = 'medical',
) {
  const base64 = await fileToBase64(file);
  if (kind === 'radiation') {
    return invoke('documents.uploadPiece', {
      familyId: ids.familyId,
      requestId: ids.requestId,
      kind: 'radiation_certificate',
      fileName: file.name,
      base64,
    });
  }
  return invoke('documents.uploadHealth', { ...ids, fileName: file.name, base64 });
}
