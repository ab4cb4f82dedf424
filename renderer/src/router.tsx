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
import { SchoolsScreen } from './screens/schools/SchoolsScreen.js';
import { AgentsScreen } from './screens/agents/AgentsScreen.js';
import { BackupsScreen } from './screens/settings/BackupsScreen.js';
import { DocumentKeysScreen } from './screens/settings/DocumentKeysScreen.js';

/** Hash routes: Electron serves the renderer from app://, the web host from a plain folder. */
export const router = createHashRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <Dashboard /> },
      { path: 'familles', element: <FamilyList /> },
      { path: 'familles/nouvelle', element: <NewFamily /> },
      { path: 'familles/:id', element: <FamilyPage /> },
      { path: 'familles/:id/compte', element: <FamilyPage /> },
      { path: 'import', element: <ImportCsv /> },
      { path: 'etablissements', element: <SchoolsScreen /> },
      { path: 'facturation', element: <BillingPeriods /> },
      { path: 'facturation/:periodId', element: <PeriodPage /> },
      { path: 'encaissements', element: <Counter /> },
      { path: 'calendrier', element: <CalendarScreen /> },
      { path: 'tarifs', element: <Tariffs /> },
      { path: 'impayes', element: <Overdue /> },
      { path: 'demandes', element: <RequestsInbox /> },
      { path: 'demandes/nouvelle', element: <NewRequest /> },
      { path: 'demandes/:id', element: <RequestPage /> },
      { path: 'agents', element: <AgentsScreen /> },
      { path: 'parametres/sauvegardes', element: <BackupsScreen /> },
      { path: 'parametres/cle', element: <DocumentKeysScreen /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
