import { useState } from 'react';
import type { Family } from '../../../../shared/contract/families.js';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { Button } from '../../components/form.js';
import { downloadBase64 } from '../../lib/files.js';
import { toast } from '../../state/toasts.js';
import { useCan } from '../../state/session.js';

/**
 * « Exporter les données de la famille » (right of access): one ZIP archive with everything the
 * Caisse holds on the file, downloaded under the name the program gave it. The export is written
 * in the file's history, hence `onDone`.
 */
export function ExportDataButton({ family, onDone }: { family: Family; onDone(): void }) {
  const [busy, setBusy] = useState(false);
  const canExport = useCan('families.exportData');
  const run = async () => {
    setBusy(true);
    try {
      const archive = await invoke('families.exportData', { familyId: family.id });
      downloadBase64(archive.fileName, archive.base64, 'application/zip');
      const listed = archive.healthDocumentsListed;
      toast.success(
        listed > 0
          ? `Archive téléchargée (${archive.fileName}). ${listed === 1 ? 'Un certificat médical y est listé' : `${listed} certificats médicaux y sont listés`} sans son contenu\u00a0: votre rôle ne permet pas d’exporter les données de santé.`
          : `Archive téléchargée (${archive.fileName}).`,
      );
      onDone();
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  if (!canExport) return null;
  return (
    <Button variant="secondary" busy={busy} disabled={busy} onClick={() => void run()} data-testid="export-family-data">
      Exporter les données de la famille
    </Button>
  );
}
