import { useRef, useState } from 'react';
import { type DirectoryReport, SCHOOL_KIND_LABELS } from '../../../../shared/contract/schools.js';
import { formatFrenchDate } from '../../../../shared/domain/dates.js';
import { formatCount } from '../../../../shared/domain/money.js';
import { invoke } from '../../api/client.js';
import { FileChooser } from '../../components/FileChooser.js';
import { ImportErrors } from '../../components/ImportErrors.js';
import { errorMessage } from '../../api/errors.js';
import { Dialog } from '../../components/Dialog.js';
import { Button, SelectField } from '../../components/form.js';
import { fileToBase64 } from '../../lib/files.js';
import { plural } from '../../lib/text.js';
import { toast } from '../../state/toasts.js';

/** « 1er », « 11e ». */
const ordinal = (n: number) => (n === 1 ? '1er' : `${n}e`);
const ARRONDISSEMENTS = Array.from({ length: 20 }, (_, i) => ({ value: String(i + 1), label: ordinal(i + 1) }));
const FIELD_LABELS = { code: 'Code', name: 'Nom', kind: 'Type', address: 'Adresse' } as const;

interface Options {
  arrondissement: number;
  includePrivate: boolean;
}

/**
 * The national schools directory (« Annuaire de l’éducation », CSV): the file is checked first
 * (dry run: what would be created, updated, left aside, and every problem); nothing is written
 * before the agent confirms. Changing the arrondissement or the private schools option checks
 * the same file again.
 */
export function DirectoryImportDialog({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [options, setOptions] = useState<Options>({ arrondissement: 11, includePrivate: false });
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [report, setReport] = useState<DirectoryReport | null>(null);
  const [phase, setPhase] = useState<'idle' | 'checking' | 'importing'>('idle');
  const [error, setError] = useState<string | null>(null);

  async function check(content: string, next: Options) {
    setPhase('checking');
    setError(null);
    try {
      setReport(await invoke('schools.importDirectory', { content, ...next, dryRun: true }));
    } catch (e) {
      setReport(null);
      setError(errorMessage(e));
    } finally {
      setPhase('idle');
    }
  }

  async function onFile(chosen: File | undefined) {
    setReport(null);
    setError(null);
    if (!chosen) return;
    const content = await fileToBase64(chosen);
    // The same file, corrected, can be chosen again.
    if (inputRef.current) inputRef.current.value = '';
    setFile({ name: chosen.name, content });
    await check(content, options);
  }

  function change(next: Options) {
    setOptions(next);
    if (file) void check(file.content, next);
  }

  async function importNow() {
    if (!file) return;
    setPhase('importing');
    setError(null);
    try {
      const result = await invoke('schools.importDirectory', { content: file.content, ...options, dryRun: false });
      setReport(result);
      if (result.imported) {
        toast.success(
          `Annuaire importé\u00a0: ${plural(result.create.length, 'établissement créé', 'établissements créés')}, ${plural(result.update.length, 'mis à jour', 'mis à jour')}.`,
        );
        onImported();
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPhase('idle');
    }
  }

  const toWrite = report ? report.create.length + report.update.length : 0;
  const blocked = (report?.errors.length ?? 0) > 0;

  return (
    <Dialog title="Importer l’annuaire de l’éducation" onClose={onClose} busy={phase === 'importing'} wide testId="directory-dialog">
      <div className="dialog__body">
        <p className="muted">
          Le fichier CSV de l’«&nbsp;Annuaire de l’éducation&nbsp;» (data.education.gouv.fr, export avec les libellés de
          colonnes). Seules les écoles maternelles, élémentaires et primaires de l’arrondissement sont gardées. Une école déjà
          enregistrée (même UAI, ou même nom quand elle a un code de la Caisse) voit son code, son nom, son type et son
          adresse mis à jour, jamais son directeur ni ses jours de service.
        </p>
        <div className="directory-options">
          <SelectField
            label="Arrondissement"
            path="arrondissement"
            value={String(options.arrondissement)}
            onChange={(v) => change({ ...options, arrondissement: Number(v) })}
            options={ARRONDISSEMENTS}
          />
          <label className="check">
            <input
              type="checkbox"
              checked={options.includePrivate}
              onChange={(e) => change({ ...options, includePrivate: e.target.checked })}
              data-testid="directory-private"
            />
            <span>Inclure les écoles privées sous contrat</span>
          </label>
        </div>
        <label className="file-drop" htmlFor="directory-file">
          <span className="file-drop__title">Choisir le fichier de l’annuaire</span>
          <span className="muted">Il est d’abord vérifié&nbsp;: rien n’est importé avant votre confirmation.</span>
          <FileChooser
            id="directory-file"
            fileName={file?.name ?? null}
            ariaLabel="Fichier CSV de l’annuaire à importer"
            testId="directory-file"
            disabled={phase !== 'idle'}
            inputRef={inputRef}
            onFile={(f) => void onFile(f)}
          />
        </label>
        {phase === 'checking' ? (
          <p className="muted" role="status">
            <span className="spinner spinner--dark" aria-hidden="true" /> Vérification de «&nbsp;{file?.name}&nbsp;»…
          </p>
        ) : null}
        {error ? (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        ) : null}
        {report ? <DirectoryReportView report={report} /> : null}
      </div>
      <footer className="dialog__footer">
        <Button onClick={onClose} disabled={phase === 'importing'}>
          {report?.imported ? 'Fermer' : 'Annuler'}
        </Button>
        {report && !report.imported ? (
          <Button
            variant="primary"
            disabled={blocked || toWrite === 0 || phase === 'checking'}
            busy={phase === 'importing'}
            onClick={() => void importNow()}
            data-testid="directory-submit"
          >
            {toWrite === 0 ? 'Rien à importer' : `Importer ${plural(toWrite, 'établissement', 'établissements')}`}
          </Button>
        ) : null}
      </footer>
    </Dialog>
  );
}

function DirectoryReportView({ report }: { report: DirectoryReport }) {
  const blocked = report.errors.length > 0;
  return (
    <section className="import-report" data-testid="directory-report" aria-label="Résultat de la vérification">
      <dl className="report-figures report-figures--6">
        <Figure label="Lignes lues" value={report.lines} testId="directory-lines" />
        <Figure label={`Hors du ${ordinal(report.arrondissement)}`} value={report.outside} testId="directory-outside" />
        <Figure label="À créer" value={report.create.length} testId="directory-create" />
        <Figure label="À mettre à jour" value={report.update.length} testId="directory-update" />
        <Figure label="Inchangées" value={report.unchanged} testId="directory-unchanged" />
        <Figure label="Écartées" value={report.ignored.length} testId="directory-ignored" />
      </dl>

      {report.imported ? (
        <p className="alert alert--success" role="status" data-testid="directory-success">
          Import terminé.
        </p>
      ) : blocked ? (
        <p className="alert alert--error" role="alert" data-testid="directory-blocked">
          {plural(report.errors.length, 'erreur', 'erreurs')}&nbsp;: aucun établissement ne sera importé tant que le fichier en
          contient.
        </p>
      ) : (
        <p className="alert alert--success" role="status">
          Le fichier est valide.
        </p>
      )}

      {blocked ? <ImportErrors errors={report.errors} testId="directory-errors" /> : null}

      {report.create.length > 0 ? (
        <>
          <h3 className="subhead">{report.imported ? 'Créés' : 'À créer'}</h3>
          <div className="table-wrap table-wrap--scroll">
            <table className="table" data-testid="directory-create-table">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Nom</th>
                  <th scope="col">Type</th>
                  <th scope="col">Adresse</th>
                </tr>
              </thead>
              <tbody>
                {report.create.map((s) => (
                  <tr key={s.code}>
                    <td className="nowrap">
                      <code>{s.code}</code>
                    </td>
                    <td>{s.name}</td>
                    <td>{SCHOOL_KIND_LABELS[s.kind]}</td>
                    <td>{s.address}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {report.update.length > 0 ? (
        <>
          <h3 className="subhead">{report.imported ? 'Mis à jour' : 'À mettre à jour'}</h3>
          <div className="table-wrap table-wrap--scroll">
            <table className="table" data-testid="directory-update-table">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Nom</th>
                  <th scope="col">Changements</th>
                </tr>
              </thead>
              <tbody>
                {report.update.map((s) => (
                  <tr key={s.code}>
                    <td className="nowrap">
                      <code>{s.code}</code>
                    </td>
                    <td>
                      {s.name}
                      {s.closedOn ? <span className="muted"> (fermée le {formatFrenchDate(s.closedOn)}, le reste)</span> : null}
                    </td>
                    <td>
                      <ul className="changes">
                        {s.changes.map((c) => (
                          <li key={c.field}>
                            {FIELD_LABELS[c.field]}&nbsp;: <del>{c.field === 'kind' ? SCHOOL_KIND_LABELS[c.before as keyof typeof SCHOOL_KIND_LABELS] : c.before}</del> →{' '}
                            {c.field === 'kind' ? SCHOOL_KIND_LABELS[c.after as keyof typeof SCHOOL_KIND_LABELS] : c.after}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {report.ignored.length > 0 ? (
        <details>
          <summary>
            Lignes écartées dans le {ordinal(report.arrondissement)} ({formatCount(report.ignored.length)})
          </summary>
          <div className="table-wrap table-wrap--scroll">
            <table className="table" data-testid="directory-ignored-table">
              <thead>
                <tr>
                  <th scope="col">Ligne</th>
                  <th scope="col">Établissement</th>
                  <th scope="col">Raison</th>
                </tr>
              </thead>
              <tbody>
                {report.ignored.map((i) => (
                  <tr key={i.line}>
                    <td className="num">{i.line}</td>
                    <td>
                      {i.name} <span className="muted">({i.code || 'sans identifiant'})</span>
                    </td>
                    <td>{i.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </section>
  );
}

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{formatCount(value)}</dd>
    </div>
  );
}
