import { HttpErrorResponse, HttpEvent, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Observable, catchError, from, switchMap, throwError } from 'rxjs';
import { SessionStore } from './session';

/** Calls that never carry a token and never trigger a refresh. */
const PUBLIC = [/\/api\/v1\/auth\/(login|refresh)$/, /\/api\/v1\/users$/];

/**
 * Adds the access token to API calls. A 401 (or a token about to expire)
 * triggers one shared refresh, after which the request is retried once.
 * When the refresh fails the session store signs out and goes to /login.
 */
export const authInterceptor: HttpInterceptorFn = (req, next): Observable<HttpEvent<unknown>> => {
  const session = inject(SessionStore);
  const path = req.url.split('?')[0];
  if (!path.startsWith('/api/') || PUBLIC.some((p) => p.test(path))) return next(req);
  const token = session.accessToken;
  if (!token) return next(req);

  let sent = token;
  let refreshed = false;
  const send = (t: string) => {
    sent = t;
    return next(req.clone({ setHeaders: { Authorization: `Bearer ${t}` } }));
  };
  const refreshThenSend = (stale: string) => {
    refreshed = true;
    return from(session.refresh(stale)).pipe(switchMap(send));
  };

  const first$ = session.accessExpiring() ? refreshThenSend(token) : send(token);
  return first$.pipe(
    catchError((err: unknown) => {
      if (!(err instanceof HttpErrorResponse) || err.status !== 401) return throwError(() => err);
      if (refreshed) {
        // A brand-new token was refused: the login itself is gone.
        session.clear();
        return throwError(() => err);
      }
      return refreshThenSend(sent).pipe(
        catchError((err2: unknown) => {
          if (err2 instanceof HttpErrorResponse && err2.status === 401) session.clear();
          return throwError(() => err2);
        }),
      );
    }),
  );
};
