import { createHashRouter } from 'react-router';
import { Layout } from './Layout.js';
import { Dashboard } from './screens/Dashboard.js';
import { FamilyList } from './screens/FamilyList.js';
import { FamilyPage } from './screens/FamilyPage.js';
import { ImportCsv } from './screens/ImportCsv.js';
import { NewFamily } from './screens/NewFamily.js';
import { NotFound } from './screens/NotFound.js';

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
      { path: 'import', element: <ImportCsv /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
