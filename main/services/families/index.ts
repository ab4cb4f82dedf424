/** The families domain's public face: what other domains and the entry points may use. */
export { exportCsv } from './csv-export.js';
export { MAX_FILE_BYTES } from './csv-format.js';
export { importCsv } from './csv-import.js';
export { createFamily, getFamily, recordQf, removeGuardian, saveChild, saveGuardian, setRhythm, updateFamily } from './file.js';
export { archiveFamily, radiateFamily, validateFamily } from './lifecycle.js';
export { purgeExpired } from './purge.js';
export { searchFamilies } from './search.js';
export { reindexFamily } from './search-index.js';
export { requireWritableFamily } from '../family-status/index.js';
