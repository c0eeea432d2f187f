import { TestBed } from '@angular/core/testing';
import { Shortcut, Shortcuts, isTextField } from './shortcuts';

function press(key: string, target: EventTarget = document.body, init: KeyboardEventInit = {}): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(e);
  return e;
}

function shortcut(key: string, hits: string[], name: string, extra: Partial<Shortcut> = {}): Shortcut {
  return { key, label: name, group: 'Test', run: () => hits.push(name), ...extra };
}

describe('Shortcuts', () => {
  let s: Shortcuts;
  beforeEach(() => {
    localStorage.removeItem('taskrocket.shortcuts');
    s = TestBed.inject(Shortcuts);
  });

  it('runs the latest registration of a key, and the earlier one again once it is gone', () => {
    const hits: string[] = [];
    const page = s.register([shortcut('n', hits, 'page')]);
    const panel = s.register([shortcut('n', hits, 'panel')]);
    press('n');
    s.unregister(panel);
    press('n');
    s.unregister(page);
    press('n');
    expect(hits).toEqual(['panel', 'page']);
  });

  it('never takes keys typed into a field, nor keys with Ctrl, Alt or Meta', () => {
    const hits: string[] = [];
    const owner = s.register([shortcut('j', hits, 'j'), shortcut('Escape', hits, 'esc', { inFields: true })]);
    const input = document.createElement('input');
    document.body.appendChild(input);
    press('j', input);
    press('j', document.body, { ctrlKey: true });
    press('j', document.body, { altKey: true });
    press('Escape', input);
    expect(hits).toEqual(['esc']);
    input.remove();
    s.unregister(owner);
  });

  it('a modal layer (a dialog) hides the page shortcuts beneath it', () => {
    const hits: string[] = [];
    const page = s.register([shortcut('x', hits, 'page'), shortcut('?', hits, 'help')]);
    const dialog = s.register([], undefined, { modal: true });
    press('x');
    expect(hits).toEqual([]);
    expect(s.active()).toEqual([]);
    s.unregister(dialog);
    press('x');
    expect(hits).toEqual(['page']);
    expect(s.active()[0].items.map((i) => i.key)).toEqual(['x', '?']);
    s.unregister(page);
  });

  it('can be turned off (Escape still works)', () => {
    const hits: string[] = [];
    const owner = s.register([shortcut('n', hits, 'n'), shortcut('Escape', hits, 'esc')]);
    s.setEnabled(false);
    press('n');
    press('Escape');
    s.setEnabled(true);
    expect(hits).toEqual(['esc']);
    s.unregister(owner);
  });

  it('knows what a text field is', () => {
    const box = document.createElement('input');
    const check = document.createElement('input');
    check.type = 'checkbox';
    expect(isTextField(box)).toBe(true);
    expect(isTextField(check)).toBe(false);
    expect(isTextField(document.createElement('textarea'))).toBe(true);
    expect(isTextField(document.createElement('button'))).toBe(false);
  });
});
