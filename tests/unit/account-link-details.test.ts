import { describe, expect, it } from 'vitest';
import { accountLinkDetails, REQUEST_SCHEMAS } from '../../shared/contract/requests.js';

/**
 * The details of a « Rattachement d’un espace famille » request, as the server writes them: read
 * back at the desk with this strict schema, so a key the desk does not know (or a missing one)
 * fails loudly instead of being shown half.
 */
const valid = {
  accountId: '0192f0c4-7a1b-7c2d-8e3f-000000000001',
  email: 'Claire.Martin@Example.fr',
  lastName: 'Martin',
  firstName: 'Claire',
  dossierNumber: ' 40945 ',
  childBirthDate: '2018-05-04',
};

const messages = (input: unknown) => accountLinkDetails.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('account_link details', () => {
  it('reads the details the portal writes, e-mail lower-cased and number trimmed', () => {
    expect(accountLinkDetails.parse(valid)).toEqual({ ...valid, email: 'claire.martin@example.fr', dossierNumber: '40945' });
    expect(accountLinkDetails.parse({ ...valid, childBirthDate: null }).childBirthDate).toBeNull();
    expect(REQUEST_SCHEMAS.account_link.details).toBe(accountLinkDetails);
  });

  it('refuses a key it does not know, a missing one, a bad e-mail or date, in French', () => {
    expect(messages({ ...valid, invoiceCode: 'X7' })).toEqual([': Unrecognized key: "invoiceCode"']);
    const { childBirthDate: _omitted, ...withoutDate } = valid;
    expect(messages(withoutDate)).toEqual(['childBirthDate: Date obligatoire.']);
    expect(messages({ ...valid, email: 'claire' })).toEqual(['email: Adresse e-mail invalide (exemple\u00a0: prenom.nom@exemple.fr).']);
    expect(messages({ ...valid, childBirthDate: '04/05/2018' })).toEqual(['childBirthDate: Date invalide (attendu\u00a0: une date réelle).']);
    expect(messages({ ...valid, dossierNumber: '  ' })).toEqual(['dossierNumber: Numéro de dossier obligatoire.']);
    expect(messages(null)).toEqual([': Détails de la demande obligatoires.']);
  });
});
