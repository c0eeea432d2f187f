import { FeedDeps, NotificationFeed, SseParser } from './notification-feed';

describe('SseParser', () => {
  it('reads events split across chunks, with ids, comments and CRLF', () => {
    const p = new SseParser();
    expect(p.push(': keepalive\n\nevent: unr')).toEqual([]);
    expect(p.push('ead\ndata: {"unreadCount":2}\n\r')).toEqual([]);
    expect(p.push('\nid: 7\nevent: notification\ndata: {"id":"7"}\r\n\r\n')).toEqual([
      { event: 'unread', data: '{"unreadCount":2}', id: undefined },
      { event: 'notification', data: '{"id":"7"}', id: '7' },
    ]);
  });

  it('joins multi-line data and ignores retry and unknown fields', () => {
    const p = new SseParser();
    expect(p.push('retry: 3000\nfoo: bar\ndata: a\ndata:b\n\n')).toEqual([{ event: 'message', data: 'a\nb', id: undefined }]);
  });
});

/** A response whose body is the given chunks, then the end (or never, when hold is set). */
function stream(chunks: string[], status = 200, hold = false): Response {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const ch of chunks) c.enqueue(enc.encode(ch));
      if (!hold) c.close();
    },
  });
  return new Response(body, { status, headers: { 'Content-Type': 'text/event-stream' } });
}

interface Call {
  auth: string;
  lastEventId: string | null;
}

function harness(responses: Response[]) {
  const calls: Call[] = [];
  const unread: number[] = [];
  const arrived: unknown[] = [];
  let token = 'T1';
  const refreshed: string[] = [];
  const deps: FeedDeps = {
    fetch: async (_url, init) => {
      const h = init.headers as Record<string, string>;
      calls.push({ auth: h['Authorization'], lastEventId: h['Last-Event-ID'] ?? null });
      return responses.shift() ?? stream([], 200, true);
    },
    token: () => token,
    refresh: async (stale) => {
      refreshed.push(stale);
      token = 'T' + (refreshed.length + 1);
      return token;
    },
    onUnread: (n) => unread.push(n),
    onNotification: (n) => arrived.push(n),
    sleep: () => new Promise((r) => setTimeout(r, 1)),
  };
  return { feed: new NotificationFeed(deps), calls, unread, arrived, refreshed };
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
}

describe('NotificationFeed', () => {
  it('sets the unread count and passes notifications on as they come', async () => {
    const h = harness([stream(['event: unread\ndata: {"unreadCount":0}\n\n', 'id: 4\nevent: notification\ndata: {"id":"4","title":"Hi"}\n\nevent: unread\ndata: {"unreadCount":1}\n\n'], 200, true)]);
    h.feed.start();
    await until(() => h.unread.length === 2);
    expect(h.unread).toEqual([0, 1]);
    expect(h.arrived).toEqual([{ id: '4', title: 'Hi' }]);
    expect(h.calls[0]).toEqual({ auth: 'Bearer T1', lastEventId: null });
    h.feed.stop();
  });

  it('reconnects after the server ends the stream, resuming after the last event', async () => {
    const h = harness([stream(['id: 9\nevent: notification\ndata: {"id":"9"}\n\n'])]);
    h.feed.start();
    await until(() => h.calls.length === 2);
    expect(h.calls[1].lastEventId).toBe('9');
    h.feed.stop();
  });

  it('renews the token on "reauthenticate" and on a 401, then reconnects with the new one', async () => {
    const h = harness([stream(['event: reauthenticate\ndata: {"reason":"token_expired"}\n\n'], 200, true), stream([], 401)]);
    h.feed.start();
    await until(() => h.calls.length === 3);
    expect(h.refreshed).toEqual(['T1', 'T2']);
    expect(h.calls.map((c) => c.auth)).toEqual(['Bearer T1', 'Bearer T2', 'Bearer T3']);
    h.feed.stop();
    expect(h.feed.active).toBe(false);
  });

  it('stops without renewing when the session ended', async () => {
    const h = harness([stream(['event: reauthenticate\ndata: {"reason":"session_ended"}\n\n'], 200, true)]);
    h.feed.start();
    await until(() => !h.feed.active);
    expect(h.refreshed).toEqual([]);
    expect(h.calls.length).toBe(1);
  });

  it('ignores data that is not JSON', async () => {
    const h = harness([stream(['event: unread\ndata: nope\n\nevent: unread\ndata: {"unreadCount":3}\n\n'], 200, true)]);
    h.feed.start();
    await until(() => h.unread.length === 1);
    expect(h.unread).toEqual([3]);
    h.feed.stop();
  });
});
