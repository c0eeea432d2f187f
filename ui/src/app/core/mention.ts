/**
 * The "@" autocomplete of the comment composer, as plain logic: where a
 * mention is being typed, what picking a suggestion does to the text, and
 * how the suggestion list answers the keys (the component wires it to a
 * listbox). Usernames follow the server's rule (a letter or digit, then
 * letters, digits, `_`, `.`, `-`); an "@" that continues a word (an
 * e-mail address) starts no mention.
 */

/** The mention being typed: the index of its "@" and the text after it. */
export interface MentionQuery {
  start: number;
  query: string;
}

const PARTIAL = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

/** The mention that ends at the caret, or null when the caret is not in one. */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  const prev = at > 0 ? before[at - 1] : '';
  if (prev && /[A-Za-z0-9_.`-]/.test(prev)) return null;
  const query = before.slice(at + 1);
  if (query !== '' && !PARTIAL.test(query)) return null;
  return { start: at, query };
}

/** The text with the mention at `m` replaced by "@username " and where the caret goes. */
export function insertMention(text: string, caret: number, m: MentionQuery, username: string): { text: string; caret: number } {
  let end = caret;
  // A caret inside a name ("@ad|a"): the rest of the name is replaced too.
  while (end < text.length && /[A-Za-z0-9_.-]/.test(text[end])) end++;
  const after = text.slice(end);
  const inserted = '@' + username + (after.startsWith(' ') ? '' : ' ');
  return { text: text.slice(0, m.start) + inserted + after, caret: m.start + inserted.length + (after.startsWith(' ') ? 1 : 0) };
}

/** What a key did to an open suggestion list. */
export type MentionKeyResult = 'moved' | 'pick' | 'close' | null;

/** The suggestion list's keyboard: ↑/↓ (wrapping), Home/End, Enter or Tab picks, Escape closes. */
export class MentionMenu<T> {
  items: T[] = [];
  active = 0;

  get open(): boolean {
    return this.items.length > 0;
  }

  set(items: T[]): void {
    this.items = items;
    this.active = 0;
  }

  close(): void {
    this.items = [];
    this.active = 0;
  }

  /** The highlighted suggestion. */
  current(): T | undefined {
    return this.items[this.active];
  }

  key(key: string): MentionKeyResult {
    if (!this.open) return null;
    const n = this.items.length;
    switch (key) {
      case 'ArrowDown':
        this.active = (this.active + 1) % n;
        return 'moved';
      case 'ArrowUp':
        this.active = (this.active - 1 + n) % n;
        return 'moved';
      case 'Home':
        this.active = 0;
        return 'moved';
      case 'End':
        this.active = n - 1;
        return 'moved';
      case 'Enter':
      case 'Tab':
        return 'pick';
      case 'Escape':
        return 'close';
      default:
        return null;
    }
  }
}
