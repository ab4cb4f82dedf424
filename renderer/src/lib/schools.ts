import type { School } from '../../../shared/contract/schools.js';
import { invoke } from '../api/client.js';
import { useLoad } from './useOperation.js';

let cache: Promise<School[]> | null = null;

/** The schools of the arrondissement, asked once per session. */
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

const NO_SCHOOLS: School[] = [];

/** The schools, or none while they load (or if they could not be read: the fields stay usable). */
export function useSchools(): School[] {
  return useLoad('schools', loadSchools).data ?? NO_SCHOOLS;
}

export function schoolOptions(schools: readonly School[]): { value: string; label: string }[] {
  return [{ value: '', label: '— Non renseignée —' }, ...schools.map((s) => ({ value: s.id, label: s.name }))];
}
