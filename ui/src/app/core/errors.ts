import { HttpErrorResponse } from '@angular/common/http';

/** A failed API call, reduced to what the user needs to see. */
export interface ApiError {
  status: number;
  code: string;
  message: string;
  /** Field name → problem, when the server named invalid fields. */
  fields: Record<string, string>;
  details: Record<string, unknown>;
}

const FIELD_PROBLEMS: Record<string, string> = {
  required: 'Required.',
  invalid: 'Not valid.',
  too_long: 'Too long.',
  invalid_field_type: 'Wrong type.',
};

export function toApiError(err: unknown): ApiError {
  if (err instanceof HttpErrorResponse) {
    const body = err.error as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null;
    const e = body && typeof body === 'object' ? body.error : undefined;
    if (e && typeof e.code === 'string') {
      const details = e.details ?? {};
      const fields: Record<string, string> = {};
      const raw = details['fields'];
      if (raw && typeof raw === 'object') {
        for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
          fields[k] = FIELD_PROBLEMS[String(v)] ?? String(v);
        }
      }
      if (typeof details['field'] === 'string') {
        fields[details['field']] = FIELD_PROBLEMS['invalid_field_type'];
      }
      return { status: err.status, code: e.code, message: e.message ?? e.code, fields, details };
    }
    if (err.status === 0) {
      return { status: 0, code: 'network', message: 'Cannot reach the server. Check your connection and try again.', fields: {}, details: {} };
    }
    return { status: err.status, code: 'http_' + err.status, message: `The server answered ${err.status} ${err.statusText || ''}`.trim(), fields: {}, details: {} };
  }
  return { status: 0, code: 'unknown', message: err instanceof Error ? err.message : String(err), fields: {}, details: {} };
}
