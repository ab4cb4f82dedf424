import { z } from 'zod';
import { confirmation, newPassword, twice, typedPassword } from './accounts.js';
import { isoDate, personName, phone } from './common.js';

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

/**
 * « Relier mon espace au dossier de ma famille »: the dossier number (on every invoice) and the
 * birth date of one of the children, which the agent compares with the file before linking.
 */
export const linkForm = z.object({
  dossierNumber: z
    .string({ error: 'Numéro de dossier obligatoire.' })
    .trim()
    .min(1, { error: 'Numéro de dossier obligatoire.' })
    .regex(/^\d{1,10}$/, { error: 'Numéro de dossier\u00a0: des chiffres seulement (il figure en haut de vos factures).' }),
  childBirthDate: isoDate,
});
export type LinkForm = z.output<typeof linkForm>;

/** What an `account_link` request carries (the desks' `requests.details`). */
export interface AccountLinkDetails {
  accountId: string;
  email: string;
  lastName: string;
  firstName: string;
  dossierNumber: string;
  childBirthDate: string | null;
}

/** « Estimer mon tarif »: the monthly quotient familial, in whole euros (as the CAF's attestation gives it). */
export const estimateForm = z.object({
  qf: z
    .string({ error: 'Quotient familial obligatoire.' })
    .trim()
    .min(1, { error: 'Quotient familial obligatoire.' })
    .regex(/^\d{1,6}$/, { error: 'Quotient familial\u00a0: un nombre entier d’euros (par exemple 850).' })
    .transform(Number),
});

/** « Identifiants »: a new password, the current one proving it is the parent. */
export const changePasswordForm = twice(z.object({ current: typedPassword, password: newPassword, confirmation }));

/** « Identifiants »: a new e-mail address (confirmed by a link sent to it), the password proving it is the parent. */
export const changeEmailForm = z.object({ email: accountEmail, current: typedPassword });

/** « Profil »: the parent's contact details. */
export const profileForm = z.object({ lastName: personName('Nom'), firstName: personName('Prénom'), phone });

export const EMAIL_CHANGE_HOURS = 48;
