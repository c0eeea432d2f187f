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

/** What to say for codes whose server message is written for developers. */
const FRIENDLY: Record<string, string> = {
  version_mismatch: 'This task was changed elsewhere. Reload it and try again.',
  project_archived: 'This project is archived: unarchive it to make changes.',
  projects_unavailable: 'The service is busy. Try again in a moment.',
};

function friendly(code: string): string {
  return FRIENDLY[code] ?? code.replace(/_/g, ' ');
}

/**
 * A message as a sentence: capital first letter, final full stop. Server
 * messages are lower-case fragments ("title: required") meant to be
 * composable; the UI shows them as sentences.
 */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const first = t.charAt(0).toLocaleUpperCase() + t.slice(1);
  return /[.!?…]$/.test(first) ? first : first + '.';
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
      return { status: err.status, code: e.code, message: sentence(FRIENDLY[e.code] ?? (e.message || friendly(e.code))), fields, details };
    }
    if (err.status === 0) {
      return { status: 0, code: 'network', message: 'Cannot reach the server. Check your connection and try again.', fields: {}, details: {} };
    }
    return { status: err.status, code: 'http_' + err.status, message: `The server answered ${err.status} ${err.statusText || ''}`.trim(), fields: {}, details: {} };
  }
  return { status: 0, code: 'unknown', message: err instanceof Error ? err.message : String(err), fields: {}, details: {} };
}
