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

/** Sends a scanned certificate, attached to its request (documents.uploadHealth). */
export async function uploadCertificate(file: File, ids: { familyId: string; childId: string | null; requestId: string }) {
  const base64 = await fileToBase64(file);
  return invoke('documents.uploadHealth', { ...ids, fileName: file.name, base64 });
}
