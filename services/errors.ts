import { Errors } from 'moleculer';

/**
 * A 400 for one field, shaped like the validator's own errors (`details: [{ field, message }]`),
 * for rules that fastest-validator cannot express (real calendar dates, cross-field checks).
 */
export function invalidField(field: string, message: string): never {
  throw new Errors.MoleculerClientError(message, 400, 'VALIDATION_ERROR', [{ field, message }]);
}
