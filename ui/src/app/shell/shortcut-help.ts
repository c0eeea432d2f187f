import { DialogRef } from '@angular/cdk/dialog';
import { Component, inject } from '@angular/core';
import { Shortcuts } from '../core/shortcuts';

/** The `?` overlay: every shortcut active on the current screen, by group. */
@Component({
  selector: 'tr-shortcut-help',
  template: `
    <section class="dialog" role="document" data-testid="shortcut-help">
      <div class="dialog-head">
        <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
        <button type="button" class="btn ghost small icon" (click)="ref.close()" aria-label="Close">✕</button>
      </div>
      <p class="muted small">Single keys work when no text field has the focus.</p>
      @for (g of shortcuts.active(); track g.group) {
        <h3>{{ g.group }}</h3>
        <dl class="shortcut-list">
          @for (s of g.items; track s.key) {
            <dt><kbd>{{ keyName(s.key) }}</kbd></dt>
            <dd>{{ s.label }}</dd>
          }
        </dl>
      }
      <label class="check">
        <input type="checkbox" [checked]="shortcuts.enabled()" (change)="shortcuts.setEnabled(!shortcuts.enabled())" data-testid="shortcuts-enabled" />
        Single-key shortcuts on
      </label>
    </section>
  `,
})
export class ShortcutHelp {
  protected readonly ref = inject(DialogRef);
  protected readonly shortcuts = inject(Shortcuts);

  keyName(k: string): string {
    return k === ' ' ? 'Space' : k;
  }
}
