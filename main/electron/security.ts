import type { DispatchResult } from '../../shared/contract/bridge.js';
import { isAppUrl } from './app-protocol.js';

/**
 * Who may call the services over IPC: only frames showing our own `app://guichet/` pages
 * (never a page that navigation or a bug could have loaded from elsewhere).
 */
export function isTrustedSender(frameUrl: string | null | undefined): boolean {
  return typeof frameUrl === 'string' && isAppUrl(frameUrl);
}

export const FORBIDDEN_SENDER: DispatchResult = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Appel refusé : il ne vient pas des écrans de Guichet.' },
};

/** Only the clipboard write (copying a dossier number) is granted, and only to our pages. */
export function isPermissionAllowed(permission: string, requestingUrl: string | null | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && isTrustedSender(requestingUrl);
}
