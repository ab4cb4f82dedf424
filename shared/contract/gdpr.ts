import { z } from 'zod';
import { id, op } from './common.js';

/** GDPR: the family's right of access (« Exporter les données de la famille »). */

export const familyDataExport = z.object({
  /** « donnees-famille-40945-2026-12-01.zip ». */
  fileName: z.string(),
  /** The ZIP archive, base64. */
  base64: z.string(),
  /** Medical certificates put in the archive decrypted (agent with the health permission). */
  healthDocumentsIncluded: z.number(),
  /** Medical certificates only listed (no health permission, or a file unreadable). */
  healthDocumentsListed: z.number(),
  /** The archive's entries (README.txt first). */
  entries: z.array(z.string()),
});
export type FamilyDataExport = z.infer<typeof familyDataExport>;

export const gdprOperations = {
  /** One archive with everything the Caisse holds on a family, audited (`family.export`). */
  'families.exportData': op(z.object({ familyId: id }), familyDataExport),
} as const;
