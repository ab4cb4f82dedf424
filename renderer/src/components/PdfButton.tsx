import { useState, type ReactNode } from 'react';
import type { PdfFile } from '../../../shared/contract/print.js';
import { errorMessage } from '../api/errors.js';
import { downloadBase64 } from '../lib/files.js';
import { toast } from '../state/toasts.js';
import { Button } from './form.js';

/**
 * A document to download as a PDF (invoice, receipt, statement, reminder): `load` asks the main
 * process for it, the file is offered under the name the program gave it.
 */
export function PdfButton({
  children,
  load,
  testId,
  variant = 'secondary',
  title,
}: {
  children: ReactNode;
  load(): Promise<PdfFile>;
  testId?: string;
  variant?: 'primary' | 'secondary' | 'ghost';
  title?: string;
}) {
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      const file = await load();
      downloadBase64(file.fileName, file.base64);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant={variant} busy={busy} disabled={busy} onClick={() => void onClick()} data-testid={testId} {...(title ? { title } : {})}>
      {children}
    </Button>
  );
}
