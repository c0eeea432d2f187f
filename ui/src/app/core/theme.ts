import { DOCUMENT, Injectable, effect, inject, signal } from '@angular/core';

export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'taskrocket.theme';

/**
 * Light or dark colours. "system" follows the operating system
 * (prefers-color-scheme, live); "light" and "dark" pin one. The choice is
 * kept per browser and applied as `data-theme` on <html>, which the CSS
 * custom properties in styles.css key on.
 */
@Injectable({ providedIn: 'root' })
export class Theme {
  private readonly doc = inject(DOCUMENT);
  readonly choice = signal<ThemeChoice>(readChoice());

  constructor() {
    effect(() => {
      const c = this.choice();
      const root = this.doc.documentElement;
      if (c === 'system') root.removeAttribute('data-theme');
      else root.setAttribute('data-theme', c);
      try {
        localStorage.setItem(KEY, c);
      } catch {
        /* private mode: the choice lasts for this page */
      }
    });
  }

  set(c: ThemeChoice): void {
    this.choice.set(c);
  }
}

function readChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}
