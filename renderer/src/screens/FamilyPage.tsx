import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { type Child, type Guardian, DIET_LABELS } from '../../../shared/contract/families.js';
import { ageOn, formatFrenchDate, formatTimestamp } from '../../../shared/domain/dates.js';
import { formatCount } from '../../../shared/domain/money.js';
import { formatWeekdays } from '../../../shared/domain/weekdays.js';
import { ofName } from '../../../shared/domain/french.js';
import { Button } from '../components/form.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { tabPanelProps, Tabs } from '../components/Tabs.js';
import { personLabel, plural, upper } from '../lib/text.js';
import { useOperation } from '../lib/useOperation.js';
import { invalidateSearch } from '../state/search.js';
import {
  ChildDialog,
  EditFamilyDialog,
  GuardianDialog,
  QfDialog,
  RemoveGuardianDialog,
  RhythmDialog,
  RhythmHistory,
} from './family/dialogs.js';
import { AccountTab } from './family/AccountTab.js';
import { ExportDataButton } from './family/ExportDataButton.js';
import { LifecycleActions } from './family/LifecycleActions.js';
import { FamilyRequests } from './requests/FamilyRequests.js';
import { deskToday } from '../lib/today.js';
import { useCan } from '../state/session.js';

type OpenDialog =
  | { kind: 'edit' }
  | { kind: 'guardian'; guardian: Guardian | null; rank: 1 | 2 }
  | { kind: 'removeGuardian'; guardian: Guardian }
  | { kind: 'child'; child: Child | null }
  | { kind: 'rhythm'; child: Child }
  | { kind: 'qf' };

export function FamilyPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const tab: 'file' | 'account' = useLocation().pathname.endsWith('/compte') ? 'account' : 'file';
  const file = useOperation('families.get', { id });
  const family = file.data;
  const error = file.error ? { message: file.error.message, notFound: file.error.code === 'NOT_FOUND' } : null;
  const load = file.reload;
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  // Each button asks for the operation its dialog calls (the accueil role keeps the file).
  const canEditFamily = useCan('families.update');
  const canSaveGuardian = useCan('guardians.save');
  const canRemoveGuardian = useCan('guardians.remove');
  const canSaveChild = useCan('children.save');
  const canSetRhythm = useCan('children.setRhythm');
  const canRecordQf = useCan('qf.record');

  useEffect(() => {
    if (family) document.title = `${family.dossierNumber} — ${upper(family.familyName)} · Guichet`;
    return () => {
      document.title = 'Guichet — Caisse des écoles du 11e';
    };
  }, [family]);

  const saved = useCallback(() => {
    setDialog(null);
    invalidateSearch();
    void load();
  }, [load]);
  const close = useCallback(() => setDialog(null), []);

  if (error && !family) {
    return (
      <div className="page">
        <BackLink />
        <h1>{error.notFound ? 'Dossier introuvable' : 'Impossible d’ouvrir le dossier'}</h1>
        <p className="alert alert--error" role="alert">
          {error.message}
        </p>
        {error.notFound ? null : <Button onClick={() => void load()}>Réessayer</Button>}
      </div>
    );
  }
  if (!family) {
    return (
      <div className="page" aria-busy="true">
        <BackLink />
        <p className="muted">Chargement du dossier…</p>
      </div>
    );
  }

  const guardians = [...family.guardians].sort((a, b) => a.rank - b.rank);
  const history = [...family.history].sort((a, b) => b.at.localeCompare(a.at));
  const qf = [...family.qf].sort((a, b) => b.validFrom.localeCompare(a.validFrom));
  const today = deskToday();

  return (
    <div className="page">
      <BackLink />
      <header className="page__header family-header">
        <div>
          <h1 data-testid="family-title">
            Dossier n°&nbsp;{family.dossierNumber} — {upper(family.familyName)}
          </h1>
          <div className="family-header__meta">
            <StatusBadge status={family.status} />
            <span className="muted">
              Créé le {formatTimestamp(family.createdAt)} · modifié le {formatTimestamp(family.updatedAt)}
            </span>
          </div>
        </div>
        <div className="page__actions">
          <LifecycleActions family={family} onDone={saved} />
          <ExportDataButton family={family} onDone={saved} />
          {canEditFamily ? (
            <Button variant="primary" onClick={() => setDialog({ kind: 'edit' })} data-testid="edit-family">
              Modifier
            </Button>
          ) : null}
        </div>
      </header>

      <Tabs
        label="Dossier ou compte de la famille"
        idPrefix="family-tabs"
        value={tab}
        onChange={(t) => void navigate(t === 'account' ? `/familles/${id}/compte` : `/familles/${id}`, { replace: true })}
        items={[
          { id: 'file', label: 'Dossier', testId: 'tab-file' },
          { id: 'account', label: 'Compte', testId: 'tab-account' },
        ]}
      />

      <div {...tabPanelProps('family-tabs', tab)}>
      {tab === 'account' ? <AccountTab familyId={family.id} /> : <>
      <section className="panel family-summary" aria-label="Coordonnées du dossier">
        <div>
          <h2 className="panel__label">Adresse</h2>
          <address data-testid="family-address">
            {family.address.line1}
            {family.address.line2 ? (
              <>
                <br />
                {family.address.line2}
              </>
            ) : null}
            <br />
            {family.address.postalCode} {family.address.city}
          </address>
        </div>
        <div>
          <h2 className="panel__label">Tranche appliquée</h2>
          <p className="big-number" data-testid="family-tranche-short">
            {family.tranche}
          </p>
        </div>
        <div className="family-summary__notes">
          <h2 className="panel__label">Notes</h2>
          {family.notes ? <p className="notes">{family.notes}</p> : <p className="muted">Aucune note.</p>}
        </div>
      </section>

      {/* Responsables légaux */}
      <section className="section" aria-labelledby="guardians-title">
        <div className="section__header">
          <h2 id="guardians-title">Responsables légaux</h2>
          {guardians.length < 2 && canSaveGuardian ? (
            <Button
              onClick={() => setDialog({ kind: 'guardian', guardian: null, rank: guardians[0]?.rank === 2 ? 1 : 2 })}
              data-testid="add-guardian"
            >
              Ajouter un second responsable
            </Button>
          ) : null}
        </div>
        <div className="guardian-cards">
          {guardians.map((g) => (
            <article key={g.id} className="guardian-card" data-testid="guardian-card">
              <header className="guardian-card__header">
                <span className="rank">RL{g.rank}</span>
                <h3>{personLabel(g.firstName, g.lastName)}</h3>
                {g.isPayer ? <span className="badge badge--payer">Payeur</span> : null}
              </header>
              <dl className="kv">
                <dt>E-mail</dt>
                <dd>{g.email ? <a href={`mailto:${g.email}`}>{g.email}</a> : <span className="muted">—</span>}</dd>
                {g.phoneMobile ? (
                  <>
                    <dt>Portable</dt>
                    <dd>{g.phoneMobile}</dd>
                  </>
                ) : null}
                {g.phoneHome ? (
                  <>
                    <dt>Fixe</dt>
                    <dd>{g.phoneHome}</dd>
                  </>
                ) : null}
                {g.phoneWork ? (
                  <>
                    <dt>Professionnel</dt>
                    <dd>{g.phoneWork}</dd>
                  </>
                ) : null}
                {!g.phoneMobile && !g.phoneHome && !g.phoneWork ? (
                  <>
                    <dt>Téléphone</dt>
                    <dd className="muted">—</dd>
                  </>
                ) : null}
                <dt>Adresse</dt>
                <dd>
                  {g.address ? (
                    <>
                      {g.address.line1}
                      {g.address.line2 ? `, ${g.address.line2}` : ''}, {g.address.postalCode} {g.address.city}
                    </>
                  ) : (
                    <span className="muted">celle de la famille</span>
                  )}
                </dd>
              </dl>
              <footer className="guardian-card__actions">
                {canSaveGuardian ? (
                  <Button
                    variant="ghost"
                    onClick={() => setDialog({ kind: 'guardian', guardian: g, rank: g.rank })}
                    aria-label={`Modifier le responsable ${g.rank}`}
                  >
                    Modifier
                  </Button>
                ) : null}
                {g.rank === 2 && canRemoveGuardian ? (
                  <Button
                    variant="ghost"
                    className="text-danger"
                    onClick={() => setDialog({ kind: 'removeGuardian', guardian: g })}
                    aria-label={`Retirer le responsable ${g.rank}`}
                  >
                    Retirer
                  </Button>
                ) : null}
              </footer>
            </article>
          ))}
        </div>
      </section>

      {/* Enfants */}
      <section className="section" aria-labelledby="children-title">
        <div className="section__header">
          <h2 id="children-title">
            Enfants <span className="count-pill">{family.children.length}</span>
          </h2>
          {canSaveChild ? (
            <Button onClick={() => setDialog({ kind: 'child', child: null })} data-testid="add-child">
              Ajouter un enfant
            </Button>
          ) : null}
        </div>
        {family.children.length === 0 ? (
          <p className="muted panel">Aucun enfant inscrit.</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="children-table">
              <thead>
                <tr>
                  <th scope="col">Enfant</th>
                  <th scope="col">Né(e) le</th>
                  <th scope="col">Âge</th>
                  <th scope="col">École</th>
                  <th scope="col">Classe</th>
                  <th scope="col">Régime</th>
                  <th scope="col">Rythme</th>
                  <th scope="col">Inscription</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {family.children.map((c) => (
                  <tr key={c.id} data-testid="child-row" data-child-id={c.id}>
                    <td className="strong">{personLabel(c.firstName, c.lastName)}</td>
                    <td>{formatFrenchDate(c.birthDate)}</td>
                    <td>{ageText(c.birthDate, today)}</td>
                    <td>{c.schoolName ?? <span className="muted">—</span>}</td>
                    <td>{c.className ?? <span className="muted">—</span>}</td>
                    <td>{DIET_LABELS[c.dietNeed]}</td>
                    <td data-testid="child-rhythm" className="nowrap">
                      {c.weekdays.length ? formatWeekdays(c.weekdays) : <span className="muted">aucun</span>}
                    </td>
                    <td className="nowrap">
                      du {formatFrenchDate(c.enrolledFrom)}
                      {c.enrolledTo ? ` au ${formatFrenchDate(c.enrolledTo)}` : ''}
                    </td>
                    <td className="row-actions">
                      {canSaveChild ? (
                        <Button
                          variant="ghost"
                          onClick={() => setDialog({ kind: 'child', child: c })}
                          aria-label={`Modifier ${c.firstName}`}
                        >
                          Modifier
                        </Button>
                      ) : null}
                      {canSetRhythm ? (
                        <Button
                          variant="ghost"
                          onClick={() => setDialog({ kind: 'rhythm', child: c })}
                          data-testid="change-rhythm"
                          aria-label={`Changer le rythme ${ofName(c.firstName)}`}
                        >
                          Changer le rythme
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {family.children.length > 0 ? (
          <div className="panel rhythm-panel">
            <h3>Historique des rythmes</h3>
            <div className="rhythm-panel__children">
              {family.children.map((c) => (
                <div key={c.id} className="rhythm-panel__child">
                  <h4>{personLabel(c.firstName, c.lastName)}</h4>
                  <RhythmHistory child={c} />
                </div>
              ))}
            </div>
          </div>
        ) : null}
      </section>

      {/* Quotient familial */}
      <section className="section" aria-labelledby="qf-title">
        <div className="section__header">
          <h2 id="qf-title">Quotient familial</h2>
          {canRecordQf ? (
            <Button onClick={() => setDialog({ kind: 'qf' })} data-testid="record-qf">
              Enregistrer un QF
            </Button>
          ) : null}
        </div>
        <div className="panel">
          <p className="tranche" data-testid="family-tranche">
            Tranche appliquée&nbsp;: <strong>{family.tranche}</strong>
            {qf.length === 0 ? <span className="muted"> (aucun justificatif de QF&nbsp;: tranche 10)</span> : null}
          </p>
          {qf.length > 0 ? (
            <table className="table table--inner" data-testid="qf-table">
              <thead>
                <tr>
                  <th scope="col">Quotient familial</th>
                  <th scope="col">Tranche</th>
                  <th scope="col">Justificatif reçu le</th>
                  <th scope="col">Valable à partir du</th>
                </tr>
              </thead>
              <tbody>
                {qf.map((q) => (
                  <tr key={q.id}>
                    <td className="num">{formatCount(q.value)}&nbsp;€</td>
                    <td>{q.tranche}</td>
                    <td>{q.proofReceivedOn ? formatFrenchDate(q.proofReceivedOn) : <span className="muted">—</span>}</td>
                    <td>{formatFrenchDate(q.validFrom)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      </section>

      <FamilyRequests familyId={family.id} />

      {/* Historique */}
      <section className="section" aria-labelledby="history-title">
        <div className="section__header">
          <h2 id="history-title">Historique du dossier</h2>
          <span className="muted">{plural(history.length, 'événement', 'événements')}</span>
        </div>
        {history.length === 0 ? (
          <p className="muted panel">Aucun événement.</p>
        ) : (
          <ol className="panel audit" data-testid="family-history">
            {history.map((h) => (
              <li key={h.id} className="audit__item">
                <time dateTime={h.at} className="audit__at">
                  {formatTimestamp(h.at)}
                </time>
                <span className="audit__actor">{h.actor}</span>
                <span className="audit__summary">{h.summary}</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      </>}
      </div>

      {dialog?.kind === 'edit' ? <EditFamilyDialog family={family} onClose={close} onSaved={saved} /> : null}
      {dialog?.kind === 'guardian' ? (
        <GuardianDialog family={family} guardian={dialog.guardian} rank={dialog.rank} onClose={close} onSaved={saved} />
      ) : null}
      {dialog?.kind === 'removeGuardian' ? (
        <RemoveGuardianDialog family={family} guardian={dialog.guardian} onClose={close} onSaved={saved} />
      ) : null}
      {dialog?.kind === 'child' ? (
        <ChildDialog family={family} child={dialog.child} onClose={close} onSaved={saved} />
      ) : null}
      {dialog?.kind === 'rhythm' ? <RhythmDialog child={dialog.child} onClose={close} onSaved={saved} /> : null}
      {dialog?.kind === 'qf' ? <QfDialog family={family} onClose={close} onSaved={saved} /> : null}
    </div>
  );
}

function BackLink() {
  return (
    <Link to="/familles" className="back-link">
      ← Retour à la liste des familles
    </Link>
  );
}

function ageText(birthDate: string, today: string): string {
  const age = ageOn(birthDate, today);
  if (age < 1) return 'moins d’un an';
  return age === 1 ? '1\u00a0an' : `${age}\u00a0ans`;
}
