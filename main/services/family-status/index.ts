/** The family-status domain's public face: the read-only rule of archived files. */
export { requireFamily, requireWritableFamily, type FamilyRecord } from './status.js';
