/** The desk's side of sync (issue 10): its link to the server, push, pull and apply. */
export { connectServer, readConnection } from './connection.js';
export { pendingMessages } from './push.js';
export { startSyncScheduler, syncInBackground, syncNow, syncStatus } from './scheduler.js';
export { syncOnce } from './sync-once.js';
