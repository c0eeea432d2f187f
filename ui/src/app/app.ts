import { Dialog } from '@angular/cdk/dialog';
import { Component, DestroyRef, inject, signal, viewChild } from '@angular/core';
import { Router, RouterOutlet } from '@angular/router';
import { Api } from './core/api';
import { SessionStore } from './core/session';
import { Shortcuts } from './core/shortcuts';
import { Theme } from './core/theme';
import { ShortcutHelp } from './shell/shortcut-help';
import { ToastsView } from './shell/toasts-view';
import { TopBar } from './shell/top-bar';

@Component({
  selector: 'tr-root',
  imports: [RouterOutlet, TopBar, ToastsView],
  template: `
    <a class="skip-link" href="#main" (click)="skip($event)">Skip to content</a>
    <tr-top-bar (logout)="logout()" (help)="openHelp()" />
    <main class="main" id="main" tabindex="-1">
      <router-outlet />
    </main>
    <tr-toasts />
  `,
})
export class App {
  protected readonly session = inject(SessionStore);
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly dialog = inject(Dialog);
  private readonly shortcuts = inject(Shortcuts);
  private readonly topBar = viewChild.required(TopBar);
  protected readonly busy = signal(false);

  constructor() {
    inject(Theme);
    this.shortcuts.register(
      [
        { key: '?', label: 'Show keyboard shortcuts', group: 'Everywhere', run: () => this.openHelp() },
        { key: '/', label: 'Search tasks in all projects', group: 'Everywhere', run: (e) => this.focusSearch(e) },
      ],
      inject(DestroyRef),
    );
  }

  openHelp(): void {
    if (this.dialog.getDialogById('shortcut-help')) return;
    this.dialog.open(ShortcutHelp, { id: 'shortcut-help', ariaLabelledBy: 'shortcut-help-title', panelClass: 'dialog-panel', backdropClass: 'backdrop-dim' });
  }

  private focusSearch(e: KeyboardEvent): void {
    if (!this.session.signedIn()) return;
    e.preventDefault();
    this.topBar().focusSearch();
  }

  skip(e: Event): void {
    e.preventDefault();
    document.getElementById('main')?.focus();
  }

  /** Signs out here; the session is dropped before leaving, so nothing on the page asks the API again. */
  logout(): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.api.logout().subscribe({ next: () => this.done(), error: () => this.done() });
  }

  private done(): void {
    this.busy.set(false);
    this.session.clear(false);
    void this.router.navigate(['/login']);
  }
}
