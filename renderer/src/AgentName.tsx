import { useState } from 'react';
import { invoke } from './api/client.js';
import { FormDialog } from './components/Dialog.js';
import { TextField } from './components/form.js';
import { fieldErrors } from './lib/issues.js';
import { useMutation } from './lib/useMutation.js';
import { useStatus } from './state/status.js';

/**
 * The agent's name in the status strip (« Agent : Jeanne Dupont »), given once on this desk; until it
 * is, the strip asks for it instead of showing the system account.
 */
export function AgentName() {
  const agentName = useStatus((s) => s.agentName);
  const loaded = useStatus((s) => s.version !== null);
  const [editing, setEditing] = useState(false);
  if (!loaded) return null;
  return (
    <>
      <button type="button" className="status-strip__agent" onClick={() => setEditing(true)} data-testid="agent-name" title="Changer le nom affiché">
        {agentName ? <>Agent&nbsp;: {agentName}</> : 'Indiquer votre nom'}
      </button>
      {editing ? <AgentNameDialog initial={agentName ?? ''} onClose={() => setEditing(false)} /> : null}
    </>
  );
}

function AgentNameDialog({ initial, onClose }: { initial: string; onClose: () => void }) {
  const [name, setName] = useState(initial);
  const save = useMutation(() => invoke('app.setAgentName', { name }));
  async function submit() {
    if (await save.run()) {
      await useStatus.getState().loadInfo();
      onClose();
    }
  }
  return (
    <FormDialog title="Votre nom sur ce poste" onClose={onClose} onSubmit={() => void submit()} busy={save.busy} error={save.error} submitLabel="Enregistrer" testId="agent-name-dialog">
      <TextField label="Prénom et nom" path="name" errors={fieldErrors(save.error)} required value={name} onChange={setName} autoComplete="name" hint="Affiché en bas de l’écran de ce poste." />
    </FormDialog>
  );
}
