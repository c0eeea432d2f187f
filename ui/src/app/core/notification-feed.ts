/**
 * The live notification stream, read the way the gateway serves it
 * (`GET /api/v1/notifications/stream`, Server-Sent Events). `EventSource`
 * cannot send the `Authorization` header the gateway checks, so the
 * stream is read with `fetch` and parsed here. After a drop the feed
 * reconnects with `Last-Event-ID` (nothing is missed or repeated); on
 * `reauthenticate` or a 401 it asks for a fresh token first, except when
 * the session itself ended (logged out everywhere): then it stops, and the
 * app signs out on its next request as it always does.
 */

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** Server-Sent Events from text chunks (the WHATWG event-stream format). */
export class SseParser {
  private buf = '';
  private event = '';
  private data: string[] = [];
  private id: string | undefined;

  push(chunk: string): SseEvent[] {
    this.buf += chunk;
    const out: SseEvent[] = [];
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.buf);
      // A lone "\r" at the end may be the first half of "\r\n".
      if (!m || (m[0] === '\r' && m.index === this.buf.length - 1)) break;
      const line = this.buf.slice(0, m.index);
      this.buf = this.buf.slice(m.index + m[0].length);
      if (line === '') {
        if (this.data.length) out.push({ event: this.event || 'message', data: this.data.join('\n'), id: this.id });
        this.event = '';
        this.data = [];
        this.id = undefined;
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') this.event = value;
      else if (field === 'data') this.data.push(value);
      else if (field === 'id' && !value.includes('\0')) this.id = value;
    }
    return out;
  }
}

export interface FeedDeps {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** The current access token, or null when signed out. */
  token: () => string | null;
  /** A fresh token for a refused one (rejects when the login is gone). */
  refresh: (stale: string) => Promise<string>;
  onUnread: (count: number) => void;
  onNotification: (data: unknown) => void;
  /** Waits before a reconnection (tests pass a quick one). */
  sleep?: (ms: number) => Promise<void>;
}

export const STREAM_URL = '/api/v1/notifications/stream';

/** Reads the stream until stopped, reconnecting with Last-Event-ID. */
export class NotificationFeed {
  private abort: AbortController | null = null;
  private running = false;
  /** Bumped by start and stop: a loop of an earlier start ends. */
  private generation = 0;
  lastEventId: string | null = null;
  /** Connections made so far (for tests and diagnostics). */
  connections = 0;

  constructor(private readonly deps: FeedDeps) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop(++this.generation);
  }

  stop(): void {
    this.running = false;
    this.generation++;
    this.abort?.abort();
    this.abort = null;
  }

  get active(): boolean {
    return this.running;
  }

  private sleep(ms: number): Promise<void> {
    return this.deps.sleep ? this.deps.sleep(ms) : new Promise((r) => setTimeout(r, ms));
  }

  private async loop(gen: number): Promise<void> {
    let failures = 0;
    let reauth = false;
    const live = () => this.running && this.generation === gen;
    while (live()) {
      let token = this.deps.token();
      if (!token) break;
      try {
        if (reauth) {
          token = await this.deps.refresh(token);
          reauth = false;
        }
        const outcome = await this.connect(token);
        // The session ended (logged out everywhere): the app signs out on its next request.
        if (outcome === 'session_ended') break;
        if (outcome === 'reauthenticate') {
          reauth = true;
          continue;
        }
        failures = outcome === 'ended' ? 0 : failures + 1;
      } catch {
        if (!live()) return;
        if (reauth) break; // the refresh failed: the session store signs out
        failures++;
      }
      if (live()) await this.sleep(Math.min(30_000, 1000 * 2 ** Math.min(failures, 5)));
    }
    if (this.generation === gen) this.running = false;
  }

  /**
   * One connection: 'ended' when the server closed it, 'reauthenticate' when
   * it asks for a new token, 'session_ended' when the login is gone, 'failed'
   * otherwise.
   */
  private async connect(token: string): Promise<'ended' | 'reauthenticate' | 'session_ended' | 'failed'> {
    const abort = (this.abort = new AbortController());
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
    if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
    this.connections++;
    const res = await this.deps.fetch(STREAM_URL, { headers, signal: abort.signal, cache: 'no-store' });
    if (res.status === 401) return 'reauthenticate';
    if (!res.ok || !res.body) return 'failed';
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return 'ended';
      for (const e of parser.push(decoder.decode(value, { stream: true }))) {
        if (e.event === 'reauthenticate') {
          abort.abort();
          return reason(e.data) === 'session_ended' ? 'session_ended' : 'reauthenticate';
        }
        this.dispatch(e);
      }
    }
  }

  private dispatch(e: SseEvent): void {
    let data: unknown;
    try {
      data = JSON.parse(e.data);
    } catch {
      return;
    }
    if (e.event === 'unread') {
      const n = (data as { unreadCount?: unknown }).unreadCount;
      if (typeof n === 'number') this.deps.onUnread(n);
    } else if (e.event === 'notification') {
      if (e.id) this.lastEventId = e.id;
      this.deps.onNotification(data);
    }
  }
}

function reason(data: string): string {
  try {
    return String((JSON.parse(data) as { reason?: unknown }).reason ?? '');
  } catch {
    return '';
  }
}
