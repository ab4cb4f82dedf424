import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { BillingPeriod } from '../../../../shared/contract/billing.js';
import { formatFrenchDate } from '../../../../shared/domain/dates.js';
import { formatCount } from '../../../../shared/domain/money.js';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { Button } from '../../components/form.js';
import { navBodyProps, navRowProps } from '../../components/tableNav.js';
import { plural } from '../../lib/text.js';
import { useOperation } from '../../lib/useOperation.js';
import { toast } from '../../state/toasts.js';
import { useSchoolYears, YearSelect } from '../calendar/years.js';
import { formatOpening, formatParisDay } from './format.js';
import { PeriodDialog } from './PeriodDialog.js';
import { useCan } from '../../state/session.js';

/** Facturation: the billing periods of a school year, their dates and whether they are issued. */
export function BillingPeriods() {
  const navigate = useNavigate();
  const { years, loaded, error: yearsError, selected, select } = useSchoolYears();
  const [editing, setEditing] = useState<BillingPeriod | null>(null);
  const canGenerate = useCan('periods.generate');
  const canEdit = useCan('periods.update');
  const canPrepareYear = useCan('calendar.saveYear');
  const [generating, setGenerating] = useState(false);
  const yearId = selected?.id ?? null;
  const list = useOperation('periods.list', { schoolYearId: yearId ?? '' }, { enabled: yearId !== null });
  const periods = useMemo(() => (list.data ? [...list.data].sort((a, b) => a.start.localeCompare(b.start)) : null), [list.data]);
  const error = list.error?.message ?? null;

  async function generate() {
    if (!yearId) return;
    setGenerating(true);
    try {
      const { created } = await invoke('periods.generate', { schoolYearId: yearId });
      toast.success(created > 0 ? `${plural(created, 'période créée', 'périodes créées')}.` : 'Les périodes existaient déjà.');
      await list.reload();
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setGenerating(false);
    }
  }

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>Facturation</h1>
          <p className="muted">Une facture par famille et par période de deux mois.</p>
        </div>
        <div className="page__actions">
          <YearSelect years={years} value={yearId} onChange={select} />
        </div>
      </header>

      {yearsError || error ? (
        <p className="alert alert--error" role="alert">
          {yearsError ?? error}
        </p>
      ) : null}

      {loaded && years.length === 0 ? (
        <div className="panel empty-panel" data-testid="no-years">
          <p>Aucune année scolaire n’est enregistrée.</p>
          {canPrepareYear ? (
            <Link to="/calendrier" className="btn btn--primary">
              Préparer le calendrier
            </Link>
          ) : null}
        </div>
      ) : null}

      {periods && periods.length === 0 ? (
        <div className="panel empty-panel" data-testid="no-periods">
          <p>
            Aucune période de facturation pour l’année {selected?.label}. Les cinq périodes habituelles (septembre-octobre,
            novembre-décembre, janvier-février, mars-avril, mai-juin-juillet) peuvent être créées d’un coup, puis ajustées.
          </p>
          {canGenerate ? (
            <Button variant="primary" onClick={() => void generate()} busy={generating} data-testid="generate-periods">
              Générer les périodes
            </Button>
          ) : null}
        </div>
      ) : null}

      {periods && periods.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="periods-table">
            <thead>
              <tr>
                <th scope="col">Période</th>
                <th scope="col">Jours facturés</th>
                <th scope="col">Émission</th>
                <th scope="col">Paiement en ligne</th>
                <th scope="col">Échéance</th>
                <th scope="col">Statut</th>
                <th scope="col" className="num-col">
                  Documents
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody {...navBodyProps}>
              {periods.map((p, i) => (
                <tr
                  key={p.id}
                  {...navRowProps(i)}
                  className="row-link"
                  data-testid="period-row"
                  data-period-id={p.id}
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest('button, a')) return;
                    void navigate(`/facturation/${p.id}`);
                  }}
                >
                  <td className="strong">
                    <Link to={`/facturation/${p.id}`} data-row-open tabIndex={-1}>
                      {p.label}
                    </Link>
                  </td>
                  <td className="nowrap">
                    du {formatFrenchDate(p.start)} au {formatFrenchDate(p.end)}
                  </td>
                  <td className="nowrap">{formatFrenchDate(p.issueDate)}</td>
                  <td className="nowrap">{formatOpening(p.onlinePaymentOpensAt)}</td>
                  <td className="nowrap">{formatFrenchDate(p.dueDate)}</td>
                  <td>
                    <PeriodStatus period={p} />
                  </td>
                  <td className="num num-col">{p.issuedAt ? formatCount(p.invoices) : <span className="muted">—</span>}</td>
                  <td className="row-actions">
                    {p.issuedAt || !canEdit ? null : (
                      <Button variant="ghost" onClick={() => setEditing(p)} aria-label={`Modifier la période ${p.label}`} data-testid="edit-period">
                        Modifier
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {periods && periods.length > 0 ? (
        <p className="muted small table-hint">↑ ↓ pour choisir une période, Entrée pour l’ouvrir.</p>
      ) : null}

      {editing ? (
        <PeriodDialog
          period={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void list.reload();
          }}
        />
      ) : null}
    </div>
  );
}

export function PeriodStatus({ period }: { period: BillingPeriod }) {
  return period.issuedAt ? (
    <span className="badge badge--issued" data-status="issued">
      Émise le {formatParisDay(period.issuedAt)}
    </span>
  ) : (
    <span className="badge badge--draft" data-status="draft">
      {period.nextRun && period.nextRun.daysLate > 0 ? 'À émettre, en retard' : 'À émettre'}
    </span>
  );
}
