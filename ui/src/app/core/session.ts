import { HttpBackend, HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal, untracked } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { LoginResponse, Profile, TokenPair } from './models';
import { browserZone, validZone } from './time';

const STORAGE_KEY = 'taskrocket.session';
const LOCK_NAME = 'taskrocket.refresh';

interface StoredSession {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
  user: Profile | null;
}

/**
 * The signed-in user's tokens and profile, kept in localStorage so a reload
 * (or another tab) stays signed in. Refresh tokens rotate on every use and a
 * spent one revokes the whole login, so refreshes are single-flight: one at a
 * time in this tab, and serialized across tabs with a Web Lock when available.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly router = inject(Router);
  // Bypasses interceptors: refresh must never trigger another refresh.
  private readonly raw = new HttpClient(inject(HttpBackend));

  private readonly state = signal<StoredSession | null>(this.read());
  private inflight: Promise<string> | null = null;

  readonly user = computed(() => this.state()?.user ?? null, {
    // A renewed token (here or in another tab) keeps the same profile.
    equal: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  readonly signedIn = computed(() => this.state() !== null);
  readonly timezone = computed(() => validZone(this.state()?.user?.timezone ?? browserZone()));
  readonly locale = computed(() => this.state()?.user?.locale || 'en');

  constructor() {
    window.addEventListener('storage', (e) => {
      if (e.key === STORAGE_KEY) this.state.set(this.read());
    });
  }

  // Tokens are read untracked: a request sent from an effect or a computed
  // must not make it depend on the token, or every renewal (and the logout)
  // would re-run it (a page reloading itself, requests failing with 401).
  get accessToken(): string | null {
    return untracked(() => this.state()?.accessToken ?? null);
  }

  get sessionId(): string | null {
    return untracked(() => this.state()?.sessionId ?? null);
  }

  signIn(res: LoginResponse): void {
    this.write({ accessToken: res.accessToken, refreshToken: res.refreshToken, sessionId: res.sessionId, user: res.user });
  }

  setUser(user: Profile): void {
    const s = this.state();
    if (s) this.write({ ...s, user });
  }

  /** Drops the session locally and goes to the sign-in page. */
  clear(redirect = true): void {
    localStorage.removeItem(STORAGE_KEY);
    this.state.set(null);
    if (redirect) {
      const here = this.router.url;
      const returnUrl = here && !here.startsWith('/login') && !here.startsWith('/signup') ? here : undefined;
      void this.router.navigate(['/login'], { queryParams: returnUrl ? { returnUrl } : {} });
    }
  }

  /** True when the access token expires within the next `marginSec` seconds. */
  accessExpiring(marginSec = 15): boolean {
    const token = this.accessToken;
    if (!token) return false;
    try {
      const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
      return typeof payload.exp === 'number' && payload.exp * 1000 < Date.now() + marginSec * 1000;
    } catch {
      return false;
    }
  }

  /**
   * A fresh access token. `staleToken` is the token that was refused (or is
   * expiring); if the stored token already differs, someone else refreshed and
   * it is returned as is. Concurrent callers share one refresh.
   */
  refresh(staleToken: string | null): Promise<string> {
    const current = this.read();
    if (current && current.accessToken !== staleToken) {
      this.state.set(current);
      return Promise.resolve(current.accessToken);
    }
    if (!this.inflight) {
      this.inflight = this.withLock(() => this.doRefresh(staleToken)).finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  private async doRefresh(staleToken: string | null): Promise<string> {
    const s = this.read();
    if (!s) throw new Error('signed out');
    if (s.accessToken !== staleToken) {
      // Another tab refreshed while we waited for the lock.
      this.state.set(s);
      return s.accessToken;
    }
    try {
      const pair = await firstValueFrom(
        this.raw.post<TokenPair>('/api/v1/auth/refresh', { refreshToken: s.refreshToken }),
      );
      this.write({ ...s, accessToken: pair.accessToken, refreshToken: pair.refreshToken, sessionId: pair.sessionId });
      return pair.accessToken;
    } catch (err) {
      this.clear();
      throw err;
    }
  }

  private withLock<T>(fn: () => Promise<T>): Promise<T> {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    return locks ? (locks.request(LOCK_NAME, fn) as Promise<T>) : fn();
  }

  private read(): StoredSession | null {
    try {
      const raw = localStorage.getItem(STORAGE_KEY);
      if (!raw) return null;
      const s = JSON.parse(raw) as StoredSession;
      return s && s.accessToken && s.refreshToken ? s : null;
    } catch {
      return null;
    }
  }

  private write(s: StoredSession): void {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(s));
    this.state.set(s);
  }
}
