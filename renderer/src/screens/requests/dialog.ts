import type { RequestDetail } from '../../../../shared/contract/requests.js';

/** What every dialog of the request page takes: the request, and what to do when closed or done. */
export interface RequestDialogProps<R extends RequestDetail = RequestDetail> {
  request: R;
  onClose(): void;
  /** After a change: the page shows `message`, reloads the request and the waiting count. */
  onDone(message?: string): void;
}
