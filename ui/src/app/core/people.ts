import { Injectable, signal } from '@angular/core';
import { Member } from './models';

const KEY = 'taskrocket.people';

/** How a person is named: their username and, when known, display name. */
export interface PersonName {
  username: string;
  displayName?: string;
}

/**
 * "Display Name @username" of a member, as member lists carry it;
 * "Deleted account" when the account no longer exists.
 */
export function memberName(m: Member): string {
  if (!m.username) return m.displayName || 'Deleted account';
  return m.displayName ? `${m.displayName} @${m.username}` : '@' + m.username;
}

/** The label of someone whose name this browser has not seen. */
function unnamed(userId: string): string {
  return 'User ' + userId.slice(-6);
}

/**
 * Names of people this browser has seen, by user id: from member lists
 * (username and display name) and from invitations (username). Labels of
 * ids that appear without names (assignees on a task) come from here; an
 * id never seen with a name is shown by its last characters.
 */
@Injectable({ providedIn: 'root' })
export class People {
  readonly names = signal<Record<string, PersonName>>(this.load());

  /** Records the names a member list carries. */
  learn(members: readonly Member[]): void {
    let next: Record<string, PersonName> | null = null;
    for (const m of members) {
      if (!m.username) continue;
      const name: PersonName = { username: m.username, displayName: m.displayName || undefined };
      const known = (next ?? this.names())[m.userId];
      if (known?.username === name.username && known.displayName === name.displayName) continue;
      next ??= { ...this.names() };
      next[m.userId] = name;
    }
    if (next) this.save(next);
  }

  /** Records a username seen without a display name (an invitation). */
  remember(userId: string | undefined, username: string | undefined): void {
    if (!userId || !username || this.names()[userId]?.username === username) return;
    this.save({ ...this.names(), [userId]: { username } });
  }

  /** Short label: "You", else the display name, else "@username". */
  label(userId: string, meId: string | undefined): string {
    if (userId === meId) return 'You';
    const n = this.names()[userId];
    if (!n) return unnamed(userId);
    return n.displayName || '@' + n.username;
  }

  /** Full label: "Display Name @username", marked "(you)" for the signed-in user. */
  full(userId: string, meId: string | undefined): string {
    const n = this.names()[userId];
    const name = n ? (n.displayName ? `${n.displayName} @${n.username}` : '@' + n.username) : unnamed(userId);
    return userId === meId ? `${name} (you)` : name;
  }

  private save(next: Record<string, PersonName>): void {
    this.names.set(next);
    try {
      localStorage.setItem(KEY, JSON.stringify(next));
    } catch {
      /* storage full: names stay in memory */
    }
  }

  private load(): Record<string, PersonName> {
    try {
      const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, PersonName | string>;
      const out: Record<string, PersonName> = {};
      for (const [id, v] of Object.entries(raw)) {
        if (typeof v === 'string') out[id] = { username: v };
        else if (v && typeof v.username === 'string') out[id] = { username: v.username, displayName: v.displayName };
      }
      return out;
    } catch {
      return {};
    }
  }
}
