import { useEffect, useState } from 'react';
import type { School } from '../../../shared/contract/schools.js';
import { invoke } from '../api/client.js';

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

export function schoolOptions(schools: readonly School[]): { value: string; label: string }[] {
  return [{ value: '', label: '— Non renseignée —' }, ...schools.map((s) => ({ value: s.id, label: s.name }))];
}
