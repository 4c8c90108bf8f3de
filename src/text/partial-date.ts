/**
 * Whether a YYYY, YYYY-MM or YYYY-MM-DD string names a real calendar date. On its own (no imports), so that the ACLED
 * parse worker, which asks it of every row, starts without loading zod with the gazetteer's schema.
 */
export function isRealPartialDate(value: string): boolean {
  const [y, m, d] = value.split("-").map(Number);
  if (y === undefined || Number.isNaN(y)) return false;
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d >= 1 && d <= days;
}
