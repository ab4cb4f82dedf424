import { useRef, useState } from 'react';
import { Link } from 'react-router';
import type { ImportReport } from '../../../shared/contract/families.js';
import { formatCount } from '../../../shared/domain/money.js';
import { invoke } from '../api/client.js';
import { FileChooser } from '../components/FileChooser.js';
import { ImportErrors } from '../components/ImportErrors.js';
import { errorMessage } from '../api/errors.js';
import { Button } from '../components/form.js';
import { fileToBase64 } from '../lib/files.js';
import { plural } from '../lib/text.js';
import { invalidateSearch } from '../state/search.js';
import { toast } from '../state/toasts.js';

const COLUMNS =
  'ref_famille;nom_famille;adresse;complement_adresse;code_postal;ville;rl1_nom;rl1_prenom;rl1_email;rl1_telephone;rl2_nom;rl2_prenom;rl2_email;rl2_telephone;payeur;enfant_nom;enfant_prenom;enfant_naissance;ecole;classe;entree;rythme;regime';

const ENCODING_LABELS: Record<ImportReport['encoding'], string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (Excel)',
};


export function ImportCsv() {
  const inputRef = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [content, setContent] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [phase, setPhase] = useState<'idle' | 'checking' | 'importing'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [dragOver, setDragOver] = useState(false);

  async function onFile(file: File | undefined) {
    setReport(null);
    setError(null);
    setContent(null);
    setFileName(file?.name ?? null);
    if (!file) return;
    setPhase('checking');
    try {
      const base64 = await fileToBase64(file);
      // The same file, corrected, can be chosen again.
      if (inputRef.current) inputRef.current.value = '';
      setContent(base64);
      setReport(await invoke('import.csv', { content: base64, dryRun: true }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPhase('idle');
    }
  }

  async function importNow() {
    if (!content) return;
    setPhase('importing');
    setError(null);
    try {
      const result = await invoke('import.csv', { content, dryRun: false });
      setReport(result);
      if (result.imported) {
        invalidateSearch();
        toast.success(`Import terminé\u00a0: ${plural(result.families, 'famille importée', 'familles importées')}.`);
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPhase('idle');
    }
  }

  function reset() {
    setReport(null);
    setContent(null);
    setFileName(null);
    setError(null);
    if (inputRef.current) {
      inputRef.current.value = '';
      inputRef.current.focus();
    }
  }

  const hasErrors = (report?.errors.length ?? 0) > 0;

  return (
    <div className="page page--form">
      <header className="page__header">
        <div>
          <h1>Import CSV</h1>
          <p className="muted">Créer des dossiers famille à partir d’un fichier exporté d’un tableur.</p>
        </div>
      </header>

      <div className="import-layout">
        <div>
          <section className="panel">
            <label
              className={`file-drop${dragOver ? ' file-drop--over' : ''}`}
              htmlFor="import-file"
              onDragOver={(e) => {
                e.preventDefault();
                setDragOver(true);
              }}
              onDragLeave={() => setDragOver(false)}
              onDrop={(e) => {
                e.preventDefault();
                setDragOver(false);
                if (phase === 'idle') void onFile(e.dataTransfer.files[0]);
              }}
            >
              <span className="file-drop__title">Choisir un fichier CSV</span>
              <span className="muted">
                Cliquez ou déposez le fichier ici. Il est d’abord vérifié&nbsp;: rien n’est importé avant votre
                confirmation.
              </span>
              <FileChooser
                id="import-file"
                fileName={fileName}
                ariaLabel="Fichier CSV à importer"
                testId="import-file"
                disabled={phase !== 'idle'}
                inputRef={inputRef}
                onFile={(f) => void onFile(f)}
              />
            </label>
            {phase === 'checking' ? (
              <p className="muted" role="status">
                <span className="spinner spinner--dark" aria-hidden="true" /> Vérification de «&nbsp;{fileName}&nbsp;»…
              </p>
            ) : null}
            {error ? (
              <p className="alert alert--error" role="alert">
                {error}
              </p>
            ) : null}
          </section>

          {report ? (
            <section className="panel import-report" data-testid="import-report" aria-labelledby="report-title">
              <h2 id="report-title">
                {report.imported ? 'Import terminé' : 'Vérification du fichier'}
                {fileName ? <span className="muted"> — {fileName}</span> : null}
              </h2>
              <dl className="report-figures">
                <div>
                  <dt>Lignes</dt>
                  <dd data-testid="import-lines">{formatCount(report.lines)}</dd>
                </div>
                <div>
                  <dt>Familles</dt>
                  <dd data-testid="import-families">{formatCount(report.families)}</dd>
                </div>
                <div>
                  <dt>Enfants</dt>
                  <dd data-testid="import-children">{formatCount(report.children)}</dd>
                </div>
                <div>
                  <dt>Encodage</dt>
                  <dd data-testid="import-encoding">{ENCODING_LABELS[report.encoding]}</dd>
                </div>
                <div>
                  <dt>Erreurs</dt>
                  <dd data-testid="import-error-count" className={hasErrors ? 'text-danger' : 'text-ok'}>
                    {formatCount(report.errors.length)}
                  </dd>
                </div>
              </dl>

              {report.imported ? (
                <div className="alert alert--success" role="status" data-testid="import-success">
                  {plural(report.families, 'famille importée', 'familles importées')} (
                  {plural(report.children, 'enfant', 'enfants')}).{' '}
                  <Link to="/familles">Voir la liste des familles</Link>
                </div>
              ) : hasErrors ? (
                <>
                  <p className="alert alert--error" role="alert" data-testid="import-blocked">
                    Aucune donnée n’a été importée. Corrigez le fichier et recommencez.
                  </p>
                  <ImportErrors errors={report.errors} testId="import-errors" />
                </>
              ) : (
                <p className="alert alert--success" role="status">
                  Le fichier est valide et prêt à être importé.
                </p>
              )}

              <div className="form-actions form-actions--left">
                {!report.imported ? (
                  <Button
                    variant="primary"
                    disabled={hasErrors || report.families === 0}
                    busy={phase === 'importing'}
                    onClick={() => void importNow()}
                    data-testid="import-submit"
                  >
                    Importer {plural(report.families, 'famille', 'familles')}
                  </Button>
                ) : null}
                <Button onClick={reset} disabled={phase !== 'idle'}>
                  {report.imported ? 'Importer un autre fichier' : 'Choisir un autre fichier'}
                </Button>
              </div>
            </section>
          ) : null}
        </div>

        <aside className="panel help" aria-labelledby="help-title">
          <h2 id="help-title">Format attendu</h2>
          <ul>
            <li>Séparateur «&nbsp;;&nbsp;» (point-virgule), première ligne = noms des colonnes.</li>
            <li>Encodage UTF-8 ou Windows-1252 (enregistrement «&nbsp;CSV&nbsp;» d’Excel)&nbsp;: détecté automatiquement.</li>
            <li>Dates au format JJ/MM/AAAA.</li>
            <li>
              Une ligne par enfant&nbsp;: les lignes d’une même famille partagent la même valeur de{' '}
              <code>ref_famille</code>.
            </li>
            <li>
              <code>payeur</code>&nbsp;: 1 ou 2 (le responsable qui paie).
            </li>
            <li>
              <code>rythme</code>&nbsp;: jours de cantine, par ex. «&nbsp;L Ma J V&nbsp;», «&nbsp;1,2,4,5&nbsp;» ou
              «&nbsp;lun mar jeu ven&nbsp;»&nbsp;; vide = tous les jours.
            </li>
            <li>
              <code>regime</code>&nbsp;: aucun, sans viande ou PAI&nbsp;; <code>ecole</code>&nbsp;: code ou nom exact de
              l’école.
            </li>
            <li>Le fichier est importé en entier ou pas du tout.</li>
          </ul>
          <h3>Colonnes</h3>
          <code className="columns" data-testid="import-columns">
            {COLUMNS.split(';').map((c, i, all) => (
              <span key={c}>
                {c}
                {i < all.length - 1 ? ';' : ''}
                <wbr />
              </span>
            ))}
          </code>
        </aside>
      </div>
    </div>
  );
}
