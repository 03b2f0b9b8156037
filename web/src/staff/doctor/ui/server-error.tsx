import { ApiError } from '../../../shared/api';

/** The server's message for one field of a refused form (shown next to that control). */
export function fieldError(error: unknown, field: string): string | null {
  return error instanceof ApiError ? error.fieldErrors[field] ?? null : null;
}

/**
 * A refused mutation next to its form: the server's Korean-first message (for a validation error
 * ApiError already names each field's problem), so the doctor sees what to fix; nothing typed is lost.
 */
export function ServerError(props: { error: unknown }) {
  return (
    <div class="state state-error" role="alert">
      <p>{props.error instanceof Error ? props.error.message : String(props.error)}</p>
    </div>
  );
}
