/** The schools domain's public face: what other domains and the entry points may use. */
export { importDirectory } from './directory.js';
export {
  checkSchoolForNewChild,
  closeSchool,
  createSchool,
  listSchools,
  reopenSchool,
  setServiceWeekdays,
  updateSchool,
  upsertSchools,
  type SchoolSeed,
} from './register.js';
