import type { School } from '../../../shared/contract/schools.js';
import { invoke } from '../api/client.js';
import { useLoad } from './useOperation.js';

let cache: Promise<School[]> | null = null;

/** The schools of the arrondissement, asked once per session (until the register changes). */
function loadSchools(): Promise<School[]> {
  if (!cache) {
    cache = invoke('schools.list', {})
      .then((list) => [...list].sort((a, b) => a.name.localeCompare(b.name, 'fr')))
      .catch((error: unknown) => {
        cache = null;
        throw error;
      });
  }
  return cache;
}

/** The register changed (a school created, edited, closed, imported): ask again next time. */
export function invalidateSchools(): void {
  cache = null;
}

const NO_SCHOOLS: School[] = [];

/** The schools, or none while they load (or if they could not be read: the fields stay usable). */
export function useSchools(): School[] {
  return useLoad('schools', loadSchools).data ?? NO_SCHOOLS;
}

/**
 * The schools a child may be placed in: the open ones, and the child's own school when it has
 * closed since (the child stays there until moved; the server refuses a new placement).
 */
export function schoolOptions(schools: readonly School[], currentId = ''): { value: string; label: string }[] {
  const offered = schools.filter((s) => s.closedOn === null || s.id === currentId);
  return [
    { value: '', label: '— Non renseignée —' },
    ...offered.map((s) => ({ value: s.id, label: s.closedOn === null ? s.name : `${s.name} (fermée)` })),
  ];
}
