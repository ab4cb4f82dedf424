import { z } from 'zod';
import { confirmation, newPassword, twice, typedPassword } from './accounts.js';
import { personName, phone } from './common.js';

/**
 * Mon Espace Famille (issue 11): the forms of a parent's espace, as the portal's pages post them
 * (`application/x-www-form-urlencoded`). Every message names what is wrong in French; the pages
 * show it beside its field.
 */

/** The login of an espace: an e-mail address, compared lower-cased. */
export const accountEmail = z
  .string({ error: 'Adresse e-mail obligatoire.' })
  .trim()
  .toLowerCase()
  .min(1, { error: 'Adresse e-mail obligatoire.' })
  .max(254, { error: 'Adresse e-mail trop longue.' })
  .refine((v) => z.email().safeParse(v).success, { error: 'Adresse e-mail invalide (exemple\u00a0: prenom.nom@exemple.fr).' });

/** « Créer mon espace ». */
export const createAccountForm = twice(
  z.object({
    lastName: personName('Nom'),
    firstName: personName('Prénom'),
    email: accountEmail,
    phone,
    password: newPassword,
    confirmation,
    consent: z.literal('oui', { error: 'Cochez la case pour accepter le traitement de vos données.' }),
  }),
);
export type CreateAccountForm = z.output<typeof createAccountForm>;

/** « Se connecter ». */
export const loginForm = z.object({ email: accountEmail, password: typedPassword });

/** « J’ai oublié mon mot de passe » (also re-sends a lost activation). */
export const forgotForm = z.object({ email: accountEmail });

/** The new password chosen through an e-mailed link. */
export const resetForm = twice(z.object({ token: z.string().min(1).max(100), password: newPassword, confirmation }));

/** Single-use links: how long each is valid. */
export const ACTIVATION_HOURS = 48;
export const RESET_HOURS = 2;
