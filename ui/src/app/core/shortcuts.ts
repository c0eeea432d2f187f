import { DOCUMENT, DestroyRef, Injectable, inject, signal } from '@angular/core';

/** One keyboard shortcut: a key as KeyboardEvent.key ("n", "?", "Enter"), what it does, and where it is listed. */
export interface Shortcut {
  key: string;
  /** Shown in the `?` overlay, e.g. "New task". */
  label: string;
  /** Heading it is listed under in the overlay, e.g. "Tasks". */
  group: string;
  run: (e: KeyboardEvent) => void;
  /** Also fires while typing in a field (only for keys that cannot be text, e.g. Escape). */
  inFields?: boolean;
}

/**
 * Single-key shortcuts for the whole app. Screens register theirs while
 * they are shown (`register(shortcuts, destroyRef)` removes them when the
 * screen goes); the latest registration of a key wins, so a dialog's
 * shortcuts override the page beneath it. Keys typed into a text field, or
 * with Ctrl, Alt or Meta held, are never taken. A modal layer (a dialog)
 * hides every layer below it, so page shortcuts stay quiet while it is
 * open; keys pressed inside a menu or other overlay belong to it. `?`
 * (registered by the shell) lists what is active.
 */
@Injectable({ providedIn: 'root' })
export class Shortcuts {
  private readonly doc = inject(DOCUMENT);
  private readonly stack = signal<{ owner: object; items: Shortcut[]; modal: boolean }[]>([]);
  /** Whether single-key shortcuts are on (a user may turn them off on their profile). */
  readonly enabled = signal(localStorage.getItem('taskrocket.shortcuts') !== 'off');

  constructor() {
    this.doc.addEventListener('keydown', (e) => this.handle(e));
  }

  /** Registers shortcuts until destroyRef fires (or `unregister`), returning the owner token. */
  register(items: Shortcut[], destroyRef?: DestroyRef, opts: { modal?: boolean } = {}): object {
    const owner = {};
    this.stack.update((s) => [...s, { owner, items, modal: !!opts.modal }]);
    destroyRef?.onDestroy(() => this.unregister(owner));
    return owner;
  }

  unregister(owner: object): void {
    this.stack.update((s) => s.filter((e) => e.owner !== owner));
  }

  setEnabled(on: boolean): void {
    this.enabled.set(on);
    localStorage.setItem('taskrocket.shortcuts', on ? 'on' : 'off');
  }

  /** The active shortcuts, one per key (the latest registration wins), by group. */
  active(): { group: string; items: Shortcut[] }[] {
    const byKey = new Map<string, Shortcut>();
    const layers = this.stack();
    const from = Math.max(0, layers.map((l) => l.modal).lastIndexOf(true));
    for (const entry of layers.slice(from)) for (const s of entry.items) byKey.set(s.key, s);
    const groups = new Map<string, Shortcut[]>();
    for (const s of byKey.values()) groups.set(s.group, [...(groups.get(s.group) ?? []), s]);
    return [...groups].map(([group, items]) => ({ group, items }));
  }

  private handle(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    const typing = isTextField(e.target);
    const layers = this.stack();
    const top = layers[layers.length - 1];
    if (!top?.modal && e.target instanceof Element && e.target.closest('.cdk-overlay-pane')) return;
    for (let i = layers.length - 1; i >= 0; i--) {
      const s = layers[i].items.find((x) => x.key === e.key);
      if (!s) {
        if (layers[i].modal) return;
        continue;
      }
      if (typing && !s.inFields) return;
      if (!this.enabled() && s.key !== 'Escape') return;
      s.run(e);
      return;
    }
  }
}

/** True for elements that take typed text (inputs, text areas, selects, editable content). */
export function isTextField(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable) return true;
  if (t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true;
  if (t instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(t.type);
  return false;
}
