import { parisToday } from '../../../shared/domain/dates.js';

/**
 * Today as the desk's store counts it (its injected clock), not the browser's: a form's default
 * date, the age of a child, what is overdue. Set once at start from `setup.state`; until then, and
 * where there is no store, the day in Paris.
 */
let storeDay: string | null = null;

export function setDeskToday(day: string): void {
  storeDay = day;
}

export function deskToday(): string {
  return storeDay ?? parisToday();
}
