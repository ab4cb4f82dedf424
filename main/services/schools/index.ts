/** The schools domain's public face: what other domains and the entry points may use. */
export { listSchools, upsertSchools, type SchoolInput } from './register.js';
