/**
 * The accounts every e2e host holds (tests/e2e/serve.ts creates them; tests/e2e/session.ts logs
 * in with them). Pure data: imported by the host process and by the specs.
 */
export interface E2eAccount {
  login: string;
  displayName: string;
  password: string;
  permissions: ('accueil' | 'instruction' | 'regie' | 'facturation' | 'administration' | 'sante')[];
}

export const E2E_ADMIN: E2eAccount = {
  login: 'admin.e2e',
  displayName: 'Camille Martin',
  password: 'mot de passe e2e 2026',
  permissions: ['accueil', 'instruction', 'regie', 'facturation', 'administration', 'sante'],
};

/** An agent of the reception desk only: no billing, no payments, no decisions. */
export const E2E_ACCUEIL: E2eAccount = {
  login: 'accueil.e2e',
  displayName: 'Jeanne Dupont',
  password: 'accueil seulement 2026',
  permissions: ['accueil'],
};

/** An agent of the régie only: the counter and the treasury export; no billing, no decisions, no settings. */
export const E2E_REGIE: E2eAccount = {
  login: 'regie.e2e',
  displayName: 'Paul Bernard',
  password: 'regie seulement 2026',
  permissions: ['regie'],
};

/**
 * The administrator of the second desk of the sync spec (another login: accounts travel between
 * desks, and a login is unique).
 */
export const E2E_DESK_B: E2eAccount = {
  login: 'admin.poste-b',
  displayName: 'Louise Petit',
  password: 'second poste e2e 2026',
  permissions: ['accueil', 'instruction', 'regie', 'facturation', 'administration', 'sante'],
};

/** The control port of a host (fresh one-time launch URLs for the specs): the host's port + 1000. */
export const controlPort = (port: number): number => port + 1000;
