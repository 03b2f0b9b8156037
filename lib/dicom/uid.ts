import { randomUUID } from 'node:crypto';

/**
 * DICOM UIDs under the `2.25` root: a UUID written as one decimal integer (PS3.5 B.2, ISO/IEC
 * 9834-8). No registered org root is needed and two generators never collide; the longest result
 * (`2.25.` + 39 digits) stays under the 64-character UI limit.
 */
export function uuidDerivedUid(uuid: string = randomUUID()): string {
  const hex = uuid.replaceAll('-', '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  return `2.25.${BigInt(`0x${hex}`).toString(10)}`;
}

/** A valid UID: dot-separated decimal components without leading zeros, ≤ 64 characters (PS3.5 9.1). */
export function isDicomUid(value: string): boolean {
  return value.length <= 64 && /^(0|[1-9]\d*)(\.(0|[1-9]\d*))+$/.test(value);
}
