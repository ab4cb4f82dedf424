/**
 * Paris's 10 tranches by quotient familial (monthly QF in euros, upper bounds inclusive).
 * The default grid; issue 3 makes grids editable per school year. Without a valid QF proof a
 * family is billed at tranche 10.
 */
export const DEFAULT_QF_UPPER_BOUNDS = [234, 384, 548, 959, 1370, 1900, 2500, 3333, 5000] as const;

export const MAX_TRANCHE = 10;

export function trancheForQf(qf: number, upperBounds: readonly number[] = DEFAULT_QF_UPPER_BOUNDS): number {
  const index = upperBounds.findIndex((bound) => qf <= bound);
  return index === -1 ? upperBounds.length + 1 : index + 1;
}
