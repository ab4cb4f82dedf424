import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { TariffGrid, TariffRow } from '../../../../shared/contract/billing.js';
import { formatCents, formatCount } from '../../../../shared/domain/money.js';
import { invoke } from '../../api/client.js';
import { fieldLabel } from '../../../../shared/contract/labels.js';
import { ApiError } from '../../api/errors.js';
import { Button, ErrorSummary, submitOnEnter } from '../../components/form.js';
import { fieldErrors, type FieldErrors } from '../../lib/issues.js';
import { useMutation } from '../../lib/useMutation.js';
import { useOperation } from '../../lib/useOperation.js';
import { toast } from '../../state/toasts.js';
import { useSchoolYears, YearSelect } from '../calendar/years.js';
import { centsToInput, parseEuros } from './format.js';
import { useCan } from '../../state/session.js';

interface RowDraft {
  tranche: number;
  bound: string;
  price: string;
}

function toDraft(rows: readonly TariffRow[]): RowDraft[] {
  return rows.map((r) => ({
    tranche: r.tranche,
    bound: r.qfUpperBound === null ? '' : String(r.qfUpperBound),
    price: centsToInput(r.unitPriceCents),
  }));
}

/** Reads the typed grid; what does not parse is reported by path (`rows.3.unitPriceCents`). */
function readDraft(draft: readonly RowDraft[]): { rows: TariffRow[]; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const rows = draft.map((d, i) => {
    let qfUpperBound: number | null = null;
    const bound = d.bound.replace(/[\s\u00a0\u202f€]/g, '');
    if (d.tranche < 10) {
      if (bound === '') errors[`rows.${i}.qfUpperBound`] = 'Plafond obligatoire.';
      else if (!/^\d{1,6}$/.test(bound)) errors[`rows.${i}.qfUpperBound`] = 'Un nombre entier d’euros.';
      else qfUpperBound = Number.parseInt(bound, 10);
    }
    const price = parseEuros(d.price, { allowZero: true });
    if (!price.ok) errors[`rows.${i}.unitPriceCents`] = price.message;
    return { tranche: d.tranche, qfUpperBound, unitPriceCents: price.ok ? price.cents : 0 };
  });
  return { rows, errors };
}

/** Tarifs: the ten tranches of a school year, their QF ceilings and meal prices. */
export function Tariffs() {
  const { years, loaded, error: yearsError, selected, select } = useSchoolYears();
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const yearId = selected?.id ?? null;
  const tariffs = useOperation('tariffs.get', { schoolYearId: yearId ?? '' }, { enabled: yearId !== null });
  const grid = tariffs.data;
  const error = tariffs.error?.message ?? null;
  // The rows as typed, for the grid they were typed on: a grid (re)loaded starts from its rows.
  const [edited, setEdited] = useState<{ grid: TariffGrid; rows: RowDraft[] } | null>(null);
  const draft = grid ? (edited?.grid === grid ? edited.rows : toDraft(grid.rows)) : [];
  const setDraft = (rows: RowDraft[] | null) => setEdited(grid && rows ? { grid, rows } : null);

  useEffect(() => {
    setLocalErrors({});
  }, [yearId]);

  // Without the facturation role the grid is read, not edited: fields read-only, no buttons.
  const canSave = useCan('tariffs.save');
  const canPrepareYear = useCan('calendar.saveYear');
  const save = useMutation((rows: TariffRow[]) => invoke('tariffs.save', { schoolYearId: yearId ?? '', rows }));
  const serverErrors = fieldErrors(save.error);
  const errors: FieldErrors = { ...serverErrors, ...localErrors };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!canSave) return;
    if (save.busy) return;
    const { rows, errors: found } = readDraft(draft);
    setLocalErrors(found);
    if (Object.keys(found).length > 0) {
      save.setError(null);
      focusFirstError(event.currentTarget);
      return;
    }
    const form = event.currentTarget;
    if (await save.run(rows)) {
      toast.success(`Grille tarifaire ${grid?.schoolYearLabel ?? ''} enregistrée.`);
      void tariffs.reload();
    } else {
      window.requestAnimationFrame(() => focusFirstError(form));
    }
  }

  const dirty = grid !== null && JSON.stringify(toDraft(grid.rows)) !== JSON.stringify(draft);
  const set = (i: number, patch: Partial<RowDraft>) => {
    setDraft(draft.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    setLocalErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[`rows.${i}.${k === 'bound' ? 'qfUpperBound' : 'unitPriceCents'}`];
      return next;
    });
  };

  return (
    <div className="page page--form">
      <header className="page__header">
        <div>
          <h1>Tarifs</h1>
          <p className="muted">
            Prix d’un repas selon la tranche de quotient familial. Sans justificatif de QF valable, la tranche 10 s’applique.
          </p>
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
        <div className="panel empty-panel">
          <p>Aucune année scolaire n’est enregistrée.</p>
          {canPrepareYear ? (
            <Link to="/calendrier" className="btn btn--primary">
              Préparer le calendrier
            </Link>
          ) : null}
        </div>
      ) : null}
      {grid ? (
        <form onSubmit={(e) => void submit(e)} onKeyDown={submitOnEnter} noValidate className="tariffs" data-testid="tariffs-form">
          <ErrorSummary error={withTranche(save.error) ?? localError(localErrors)} />
          <div className="table-wrap">
            <table className="table tariff-table" data-testid="tariff-table">
              <thead>
                <tr>
                  <th scope="col" style={{ width: 80 }}>
                    Tranche
                  </th>
                  <th scope="col" style={{ width: 280 }}>
                    Quotient familial mensuel
                  </th>
                  <th scope="col" style={{ width: 230 }}>
                    Plafond de QF (€)
                  </th>
                  <th scope="col" style={{ width: 230 }}>
                    Prix du repas (€)
                  </th>
                </tr>
              </thead>
              <tbody>
                {draft.map((r, i) => {
                  const previous = i > 0 ? Number.parseInt(draft[i - 1]?.bound ?? '', 10) : NaN;
                  const from = i === 0 ? 0 : Number.isFinite(previous) ? previous + 1 : null;
                  const bound = Number.parseInt(r.bound, 10);
                  const boundError = errors[`rows.${i}.qfUpperBound`];
                  const priceError = errors[`rows.${i}.unitPriceCents`] ?? errors[`rows.${i}.tranche`];
                  const price = parseEuros(r.price, { allowZero: true });
                  return (
                    <tr key={r.tranche} data-testid="tariff-row" data-tranche={r.tranche}>
                      <th scope="row" className="tariff-table__tranche">
                        {r.tranche}
                      </th>
                      <td className="muted nowrap">
                        {r.tranche === 10
                          ? from !== null
                            ? `${formatCount(from)}\u00a0€ et plus (ou sans justificatif)`
                            : 'au-delà (ou sans justificatif)'
                          : from !== null && Number.isFinite(bound)
                            ? `de ${formatCount(from)} à ${formatCount(bound)}\u00a0€`
                            : '—'}
                      </td>
                      <td className={boundError ? 'field--invalid' : undefined}>
                        {r.tranche === 10 ? (
                          <span className="muted">sans plafond</span>
                        ) : (
                          <input
                            type="text"
                            inputMode="numeric"
                            className="cell-input"
                            value={r.bound}
                            readOnly={!canSave}
                            onChange={(e) => set(i, { bound: e.target.value })}
                            aria-label={`Plafond de QF de la tranche ${r.tranche}`}
                            aria-invalid={boundError ? true : undefined}
                            data-field={`rows.${i}.qfUpperBound`}
                            data-testid={`tariff-bound-${r.tranche}`}
                          />
                        )}
                        {boundError ? <p className="field__error">{boundError}</p> : null}
                      </td>
                      <td className={priceError ? 'field--invalid' : undefined}>
                        <span className="amount-input amount-input--cell">
                          <input
                            type="text"
                            inputMode="decimal"
                            className="cell-input"
                            value={r.price}
                            readOnly={!canSave}
                            onChange={(e) => set(i, { price: e.target.value })}
                            onBlur={() => {
                              if (price.ok) set(i, { price: centsToInput(price.cents) });
                            }}
                            aria-label={`Prix du repas de la tranche ${r.tranche}`}
                            aria-invalid={priceError ? true : undefined}
                            data-field={`rows.${i}.unitPriceCents`}
                            data-testid={`tariff-price-${r.tranche}`}
                          />
                          <span className="amount-input__unit" aria-hidden="true">
                            €
                          </span>
                        </span>
                        {priceError ? <p className="field__error">{priceError}</p> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="muted small">
            Un changement de grille vaut pour les périodes pas encore émises&nbsp;; les factures émises ne changent jamais.
            {grid.rows[4] ? ` Exemple\u00a0: 13 repas en tranche 5 = ${formatCents(13 * grid.rows[4].unitPriceCents)}.` : ''}
          </p>
          {canSave ? (
            <div className="form-actions form-actions--left">
              <Button type="submit" variant="primary" busy={save.busy} disabled={!dirty} data-testid="save-tariffs">
                Enregistrer la grille
              </Button>
              <Button
                onClick={() => {
                  setDraft(null);
                  setLocalErrors({});
                  save.setError(null);
                }}
                disabled={!dirty || save.busy}
              >
                Annuler les modifications
              </Button>
            </div>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}

/** The server's problems say which tranche they are about (`rows.4.…` → « Tranche 5 : … »). */
function withTranche(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.issues) return error;
  const issues = error.issues.map((issue) => {
    const m = /^rows\.(\d+)\.(\w+)$/.exec(issue.field);
    if (!m) return issue;
    const label = fieldLabel(issue.field);
    let message = issue.message;
    if (label && message.startsWith(label)) message = message.slice(label.length).replace(/^\s*:\s*/, '');
    return { field: issue.field, message: `Tranche ${Number(m[1]) + 1}\u00a0: ${message}` };
  });
  return new ApiError({ code: error.code, message: error.message, issues });
}

/** The grid's own checks, shaped like a server answer so the error summary lists them. */
function localError(errors: FieldErrors): ApiError | null {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  const issues = entries.map(([field, message]) => {
    const tranche = Number(field.split('.')[1]) + 1;
    return { field, message: `Tranche ${tranche}\u00a0: ${message}` };
  });
  return new ApiError({ code: 'VALIDATION', message: issues[0]?.message ?? '', issues });
}

function focusFirstError(form: HTMLFormElement): void {
  const target = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  target?.focus();
}
