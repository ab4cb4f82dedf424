import { useEffect, useState } from 'react';
import type { School } from '../../../shared/contract/schools.js';
import { invoke } from '../api/client.js';

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

export function useSchools(): School[] {
  const [schools, setSchools] = useState<School[]>([]);
  useEffect(() => {
    let alive = true;
    loadSchools()
      .then((list) => alive && setSchools(list))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);
  return schools;
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
