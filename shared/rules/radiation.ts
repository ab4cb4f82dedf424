import { compareDates, dayNumber } from '../domain/calendar.js';

/**
 * Radiation (DESIGN.md, « The trade: rules »): meals stay due until the Caisse is told, so billing
 * stops after the later of the moving date and the date the request is received. Returns that
 * later day (`YYYY-MM-DD`): the child is billed through it, inclusive; days billed after it are
 * credited. Throws a RangeError on a date that is not a real `YYYY-MM-DD` date.
 */
export function radiationLastBilledDay(movingDate: string, receivedOn: string): string {
  dayNumber(movingDate);
  dayNumber(receivedOn);
  return compareDates(movingDate, receivedOn) >= 0 ? movingDate : receivedOn;
}
