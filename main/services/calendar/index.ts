/** The calendar domain's public face: what other domains and the entry points may use. */
export { addClosure, calendarMonth, holidaysOf, importCalendarFile, listClosures, listSchoolYears, removeClosure, removeHoliday, requireSchoolYear, saveHoliday, saveYearDates, schoolYearOf, type SchoolYearRecord } from './school-calendar.js';
