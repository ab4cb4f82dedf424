import { formatCents, formatCount } from '../../../shared/domain/money.js';
import type { Grid } from '../tariffs.js';
import { ErrorSummary, Field, Notice, type FieldErrors } from './forms.js';
import { Layout, type Viewer } from './layout.js';

/** « Estimer mon tarif »: the quotient familial → its tranche → the price per meal, from the grid in force. */
export function TariffPage(props: { viewer?: Viewer | null; grid: Grid | null; qf?: string; result?: { tranche: number; unitPriceCents: number } | null; errors?: FieldErrors }) {
  const errors = props.errors ?? {};
  return (
    <Layout title={Object.keys(errors).length > 0 ? 'Erreur — Estimer mon tarif' : 'Estimer mon tarif'} viewer={props.viewer ?? null}>
      <h1>Estimer mon tarif</h1>
      {props.grid === null ? (
        <Notice kind="info">
          <p>La grille des tarifs de l’année n’est pas encore publiée ici. Elle figure sur le site de la Caisse des écoles.</p>
        </Notice>
      ) : (
        <>
          <p>{`Le prix d’un repas dépend du quotient familial (QF) mensuel de la famille, qui donne sa tranche. Grille de l’année ${props.grid.schoolYear}.`}</p>
          <ErrorSummary errors={errors} labels={{ qf: 'Quotient familial' }} />
          <form method="get" action="/estimer-mon-tarif" noValidate>
            <Field name="qf" label="Quotient familial mensuel (en euros)" value={props.qf ?? ''} hint="Il figure sur votre attestation de la CAF." error={errors.qf} />
            <button type="submit">Estimer</button>
          </form>
          {props.result ? (
            <div className="notice notice-success" role="status">
              <p>
                <strong>{`Tranche ${props.result.tranche}\u00a0: ${formatCents(props.result.unitPriceCents)} par repas.`}</strong>
              </p>
            </div>
          ) : null}
          <p className="hint">
            Estimation non contractuelle&nbsp;: le tarif appliqué est celui de la tranche que la Caisse calcule à partir de votre justificatif. Sans justificatif de quotient familial valable, la tranche 10 s’applique.
          </p>
          <table className="grid">
            <caption>{`Grille ${props.grid.schoolYear}`}</caption>
            <thead>
              <tr>
                <th scope="col">Tranche</th>
                <th scope="col">Quotient familial</th>
                <th scope="col">Prix du repas</th>
              </tr>
            </thead>
            <tbody>
              {props.grid.tranches.map((t, i) => {
                const previous = i > 0 ? props.grid!.tranches[i - 1]!.qfUpperBound : null;
                const range = t.qfUpperBound === null ? `plus de ${formatCount(previous ?? 0)}\u00a0€` : previous === null ? `jusqu’à ${formatCount(t.qfUpperBound)}\u00a0€` : `de ${formatCount(previous + 1)} à ${formatCount(t.qfUpperBound)}\u00a0€`;
                return (
                  <tr key={t.tranche}>
                    <th scope="row">{t.tranche}</th>
                    <td>{range}</td>
                    <td>{formatCents(t.unitPriceCents)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </Layout>
  );
}
