import { z } from 'zod';
import { empty, op } from './common.js';

/** The schools (établissements) where children eat. */

export const school = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['maternelle', 'elementaire', 'polyvalente']),
  address: z.string(),
  headName: z.string().nullable(),
});
export type School = z.infer<typeof school>;


export const schoolOperations = {
  'schools.list': op(empty, z.array(school)),
} as const;
