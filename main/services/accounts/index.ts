/** Staff accounts: who may log in at the desk, with which roles (issue 9). */
export {
  accountNames,
  accountPermissions,
  checkPassword,
  createAccount,
  createFirstAdmin,
  deactivateAccount,
  findAccount,
  hasAccounts,
  listAccounts,
  recordLogin,
  recoverAdmin,
  sessionAccount,
  setAccountPassword,
  updateAccount,
  type AccountRow,
} from './accounts.js';
