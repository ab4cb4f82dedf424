/** The calendar domain's public face: what other domains and the entry points may use. */
export { addClosure, calendarMonth, holidaysOf, importIcs, listClosures, listSchoolYears, removeClosure, removeHoliday, requireSchoolYear, saveHoliday, saveSchoolYear, schoolYearOf, type SchoolYearRecord } from './school-calendar.js';
