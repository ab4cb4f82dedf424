import type { RequestDetail } from '../../../../shared/contract/requests.js';
import { formatFrenchDate } from '../../../../shared/domain/dates.js';
import { formatWeekdays } from '../../../../shared/domain/weekdays.js';
import { postalAddressLines } from '../../../../shared/print/text.js';
import { upper } from '../../lib/text.js';

const yesNo = (v: boolean) => (v ? 'oui' : 'non');

/** What the family asked, by type of request: the rows of the details list (`<dt>`/`<dd>`). */
export function RequestFacts({ request }: { request: RequestDetail }) {
  switch (request.type) {
    case 'refund': {
      const d = request.details;
      return (
        <>
          <dt>Absence</dt>
          <dd>
            du {formatFrenchDate(d.absenceFrom)} au {formatFrenchDate(d.absenceTo)}
          </dd>
          <dt>Motif</dt>
          <dd>{d.reason}</dd>
          <dt>Certificat original</dt>
          <dd>{yesNo(d.certificateOriginal)}</dd>
          <dt>Sans rature ni surcharge</dt>
          <dd>{yesNo(d.certificateNoErasures)}</dd>
          <dt>Visa du directeur</dt>
          <dd>
            {yesNo(d.schoolHeadVisa)}
            {d.schoolHeadVisaOn ? `, le ${formatFrenchDate(d.schoolHeadVisaOn)}` : ''}
          </dd>
        </>
      );
    }
    case 'rhythm':
      return (
        <>
          <dt>Jours demandés</dt>
          <dd>{formatWeekdays(request.details.weekdays)}</dd>
        </>
      );
    case 'radiation':
      return (
        <>
          <dt>Déménagement le</dt>
          <dd>{formatFrenchDate(request.details.movingDate)}</dd>
          <dt>Nouvelle adresse</dt>
          <dd className="notes" data-testid="request-new-address">
            {postalAddressLines(request.details.newAddress).join('\n')}
          </dd>
        </>
      );
    case 'correction':
      return (
        <>
          <dt>Objet</dt>
          <dd>{request.details.concerns}</dd>
          <dt>Demande</dt>
          <dd className="notes">{request.details.text}</dd>
        </>
      );
    case 'contact':
      return (
        <>
          <dt>Message</dt>
          <dd className="notes">{request.details.text}</dd>
        </>
      );
    case 'account_link': {
      const d = request.details;
      return (
        <>
          <dt>Demandé par</dt>
          <dd data-testid="link-requester">
            {d.firstName} {upper(d.lastName)}
          </dd>
          <dt>Adresse e-mail</dt>
          <dd>{d.email}</dd>
          <dt>Numéro de dossier donné</dt>
          <dd data-testid="link-dossier-number">{d.dossierNumber}</dd>
          <dt>Date de naissance d’un enfant</dt>
          <dd>{d.childBirthDate ? formatFrenchDate(d.childBirthDate) : 'non donnée'}</dd>
        </>
      );
    }
  }
}
