import type { FocusEvent, KeyboardEvent } from 'react';

/**
 * Keyboard navigation of a table's rows (one tab stop for the whole body): ↑ ↓ Page↑ Page↓
 * Home End move between rows, Enter opens the row (clicks its `[data-row-open]` element).
 * Put `navBodyProps` on the <tbody> and `navRowProps(i)` on each <tr>.
 */
const ROW = 'tr[data-nav-row]';
const PAGE = 10;

function rowsOf(body: HTMLElement): HTMLElement[] {
  return Array.from(body.querySelectorAll<HTMLElement>(ROW));
}

function focusRow(rows: HTMLElement[], index: number): void {
  const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
  if (!row) return;
  for (const r of rows) r.tabIndex = r === row ? 0 : -1;
  row.focus();
  row.scrollIntoView({ block: 'nearest' });
}

export const navBodyProps = {
  onKeyDown(event: KeyboardEvent<HTMLElement>) {
    const target = event.target as HTMLElement;
    if (!target.matches(ROW)) return;
    const rows = rowsOf(event.currentTarget);
    const index = rows.indexOf(target);
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = index + 1;
        break;
      case 'ArrowUp':
        next = index - 1;
        break;
      case 'PageDown':
        next = index + PAGE;
        break;
      case 'PageUp':
        next = index - PAGE;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = rows.length - 1;
        break;
      case 'Enter':
      case ' ': {
        const open = target.querySelector<HTMLElement>('[data-row-open]');
        if (open) {
          event.preventDefault();
          open.click();
        }
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    focusRow(rows, next);
  },
  onFocus(event: FocusEvent<HTMLElement>) {
    const target = event.target;
    const row = target.closest<HTMLElement>(ROW);
    if (!row) return;
    for (const r of rowsOf(event.currentTarget)) r.tabIndex = r === row ? 0 : -1;
  },
};

export function navRowProps(index: number) {
  return { tabIndex: index === 0 ? 0 : -1, 'data-nav-row': '' };
}
