/**
 * Accession numbers: `A` + the KST issue date + the day's sequence, e.g. `A20261126000042`.
 * DICOM Accession Number (0008,0050) is SH, at most 16 characters (PS3.5 6.2): six sequence digits
 * give 15; from the millionth accession of a day a seventh digit gives 16, and beyond that the
 * number would not fit, so it is refused rather than truncated.
 */
export const ACCESSION_PATTERN = /^A\d{8}\d{6,7}$/;
const MAX_SEQUENCE = 9_999_999;

/** The accession number for the `sequence`th accession issued on the KST date `YYYY-MM-DD`. */
export function formatAccessionNumber(kstDate: string, sequence: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(kstDate)) throw new Error(`accession date must be YYYY-MM-DD, got '${kstDate}'`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) throw new Error(`accession sequence out of range: ${sequence}`);
  return `A${kstDate.replaceAll('-', '')}${String(sequence).padStart(6, '0')}`;
}

/** The counter key that numbers one KST day's accessions. */
export function accessionCounterKey(kstDate: string): string {
  return `accession:${kstDate.replaceAll('-', '')}`;
}
