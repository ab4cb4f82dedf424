import { createHashRouter } from 'react-router';
import { Layout } from './Layout.js';
import { Dashboard } from './screens/Dashboard.js';
import { FamilyList } from './screens/FamilyList.js';
import { FamilyPage } from './screens/FamilyPage.js';
import { ImportCsv } from './screens/ImportCsv.js';
import { NewFamily } from './screens/NewFamily.js';
import { NotFound } from './screens/NotFound.js';
import { BillingPeriods } from './screens/billing/BillingPeriods.js';
import { PeriodPage } from './screens/billing/PeriodPage.js';
import { Tariffs } from './screens/billing/Tariffs.js';
import { CalendarScreen } from './screens/calendar/CalendarScreen.js';
import { Counter } from './screens/payments/Counter.js';
import { Overdue } from './screens/payments/Overdue.js';
import { NewRequest } from './screens/requests/NewRequest.js';
import { RequestPage } from './screens/requests/RequestPage.js';
import { RequestsInbox } from './screens/requests/RequestsInbox.js';
import { ConflictsScreen } from './screens/conflicts/ConflictsScreen.js';
import { SchoolsScreen } from './screens/schools/SchoolsScreen.js';
import { AgentsScreen } from './screens/agents/AgentsScreen.js';
import { BackupsScreen } from './screens/settings/BackupsScreen.js';
import { RequireAccess } from './screens/RequireAccess.js';
import { DocumentKeysScreen } from './screens/settings/DocumentKeysScreen.js';
import { ServerScreen } from './screens/settings/ServerScreen.js';

/**
 * Hash routes: Electron serves the renderer from app://, the web host from a plain folder. A screen
 * made only of what a role may do is wrapped in `RequireAccess` with the operations it is for: an
 * agent without them reads « Vous n’avez pas accès à cette page ».
 */
export const router = createHashRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <Dashboard /> },
      { path: 'familles', element: <FamilyList /> },
      { path: 'familles/nouvelle', element: <RequireAccess operations={['families.create']}><NewFamily /></RequireAccess> },
      { path: 'familles/:id', element: <FamilyPage /> },
      { path: 'familles/:id/compte', element: <FamilyPage /> },
      { path: 'import', element: <RequireAccess operations={['import.csv']}><ImportCsv /></RequireAccess> },
      { path: 'etablissements', element: <SchoolsScreen /> },
      { path: 'facturation', element: <BillingPeriods /> },
      { path: 'facturation/:periodId', element: <PeriodPage /> },
      { path: 'encaissements', element: <RequireAccess operations={['payments.record']}><Counter /></RequireAccess> },
      { path: 'calendrier', element: <CalendarScreen /> },
      { path: 'tarifs', element: <Tariffs /> },
      { path: 'impayes', element: <Overdue /> },
      { path: 'demandes', element: <RequestsInbox /> },
      { path: 'demandes/nouvelle', element: <RequireAccess operations={['requests.create']}><NewRequest /></RequireAccess> },
      { path: 'demandes/:id', element: <RequestPage /> },
      { path: 'conflits', element: <ConflictsScreen /> },
      { path: 'agents', element: <RequireAccess operations={['accounts.list']}><AgentsScreen /></RequireAccess> },
      { path: 'parametres/sauvegardes', element: <RequireAccess operations={['backups.state']}><BackupsScreen /></RequireAccess> },
      { path: 'parametres/serveur', element: <RequireAccess operations={['sync.connect']}><ServerScreen /></RequireAccess> },
      { path: 'parametres/cle', element: <RequireAccess operations={['documentKeys.rotate']}><DocumentKeysScreen /></RequireAccess> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
