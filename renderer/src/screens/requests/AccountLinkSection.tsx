import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { AccountLinkFacts, RequestDetailOf } from '../../../../shared/contract/requests.js';
import { formatFrenchDate } from '../../../../shared/domain/dates.js';
import { ofName } from '../../../../shared/domain/french.js';
import { useOperation } from '../../lib/useOperation.js';
import { upper } from '../../lib/text.js';

/**
 * « Rattachement d’un espace famille »: what the agent checks before linking a parent's espace
 * to a file — the family the dossier number designates, whether the birth date given is one of
 * its children's, its guardians — and the two decisions (`actions`, shown while it waits).
 */
export function AccountLinkSection({ request, actions }: { request: RequestDetailOf<'account_link'>; actions: ReactNode }) {
  const facts = useOperation('requests.accountLinkFacts', { requestId: request.id });
  return (
    <section className="section" aria-labelledby="rq-link">
      <div className="section__header">
        <h2 id="rq-link">Vérification du rattachement</h2>
      </div>
      {facts.error ? (
        <p className="alert alert--error" role="alert">
          {facts.error.message}
        </p>
      ) : null}
      {facts.data ? <FactsPanel facts={facts.data} birthDate={request.details.childBirthDate} /> : !facts.error ? <p className="muted">Vérification…</p> : null}
      {actions}
    </section>
  );
}

function FactsPanel({ facts, birthDate }: { facts: AccountLinkFacts; birthDate: string | null }) {
  const { family, childrenBornThatDay: born } = facts;
  const matches = family !== null && born !== null && born.length > 0;
  return (
    <div className={`panel verdict${matches ? ' verdict--ok' : ''}`} data-testid="account-link-facts">
      <ul className="verdict__checks">
        <Check ok={family !== null} testId="link-family">
          Dossier désigné&nbsp;:{' '}
          {family ? (
            <Link to={`/familles/${family.id}`}>
              n°&nbsp;{family.dossierNumber} — {upper(family.familyName)}
            </Link>
          ) : (
            'aucun dossier ne porte ce numéro'
          )}
        </Check>
        {family === null ? null : birthDate === null ? (
          <Check ok={null} testId="link-birth-date">
            Date de naissance d’un enfant&nbsp;: non donnée
          </Check>
        ) : (
          <Check ok={born !== null && born.length > 0} testId="link-birth-date">
            Date de naissance donnée ({formatFrenchDate(birthDate)})&nbsp;:{' '}
            {born && born.length > 0
              ? `oui, c’est la date de naissance ${born.map((c) => ofName(c.name)).join(' et ')}`
              : 'non, aucun enfant du dossier n’est né ce jour-là'}
          </Check>
        )}
        {family === null ? null : (
          <Check ok={null} testId="link-guardians">
            Responsables du dossier&nbsp;:{' '}
            {facts.guardians.length === 0
              ? 'aucun'
              : facts.guardians.map((g, i) => (
                  <span key={i}>
                    {i > 0 ? ', ' : ''}
                    {g.name}
                    {g.sameEmail ? ' (même adresse e-mail)' : ''}
                  </span>
                ))}
          </Check>
        )}
      </ul>
    </div>
  );
}

/** One line of the panel: passed (✓), failed (✗), or a plain fact (ok null). */
function Check({ ok, testId, children }: { ok: boolean | null; testId: string; children: ReactNode }) {
  const tone = ok === null ? '' : ok ? ' verdict__check--ok' : ' verdict__check--ko';
  return (
    <li className={`verdict__check${tone}`} data-testid={testId} data-ok={ok === null ? undefined : ok}>
      <span className="verdict__mark" aria-hidden="true">
        {ok === null ? '·' : ok ? '✓' : '✗'}
      </span>
      {ok === null ? null : <span className="visually-hidden">{ok ? 'Vérifié' : 'Non conforme'}&nbsp;: </span>}
      <span>{children}</span>
    </li>
  );
}
