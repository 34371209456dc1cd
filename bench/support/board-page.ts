// In-page probes for the board benchmark: functions Playwright runs inside the page, timing with the
// page's own clock (performance.now(), whose zero is the navigation start).
//
// They run in the browser, so they may use nothing from this module's scope; the node-side
// tsconfig has no DOM types, hence the small PageWindow interface below.

/** The subset of the page's globals the probes use. */
interface PageWindow {
  location: { protocol: string };
  innerHeight: number;
  document: {
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): ArrayLike<PageElement>;
  };
  requestAnimationFrame(callback: (time: number) => void): number;
  addEventListener(
    type: 'pointerdown' | 'pointerup',
    listener: (event: { timeStamp: number }) => void,
    capture: boolean,
  ): void;
  MessageChannel: new () => {
    port1: { onmessage: (() => void) | null };
    port2: { postMessage(message: unknown): void };
  };
  WebSocket: new (url: string, protocols?: string | string[]) => PageSocket;
  __bench?: ProbeState;
}

interface PageElement {
  style: { transform: string };
  dataset: Record<string, string | undefined>;
  getBoundingClientRect(): {
    left: number;
    top: number;
    bottom: number;
    width: number;
    height: number;
  };
  closest(selector: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}

interface PageSocket {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'open', listener: () => void): void;
  send(data: string): void;
}

export interface CommitTarget {
  appointmentId: string;
  lane: string;
  /** Where the card's left edge must end up, in px from its lane timeline's left edge. */
  offset: number;
}

export interface CommitTiming {
  /** All times in ms after the pointerup event. */
  paintedMs: number;
  savedMs: number;
  committedMs: number;
  ok: boolean;
  timedOut: boolean;
}

export interface Call {
  channel: string;
  sentAt: number;
  answeredAt: number;
}

interface ProbeState {
  /** ms from navigation start until the frame that painted every job card was drawn. */
  firstRender: Promise<number>;
  /** WebSocket requests sent and not answered yet: id → channel and when it was sent. */
  inFlight: Map<number, { channel: string; sentAt: number }>;
  /** Answered requests, oldest first: when each was sent and when its answer reached the page. */
  calls: Call[];
  /** board.move requests in flight: id → appointment id. */
  moves: Map<number, string>;
  /** The latest board.move answer per appointment: when it arrived and whether it was accepted. */
  replies: Map<string, { at: number; ok: boolean }>;
  lastMessageAt: number;
  /** When the app created its WebSocket and when that opened. */
  socket: { createdAt: number; openedAt: number | null } | null;
  /** requestAnimationFrame timestamps while a pointer button is down. */
  frames: number[];
  pointerDown: boolean;
  watch: { target: CommitTarget; resolve: (timing: CommitTiming) => void } | null;
  commit: Promise<CommitTiming> | null;
}

/**
 * tsx (esbuild with keepNames) wraps named functions as `__name(fn, "name")`; Playwright sends the
 * probes' source text to the page, so the page needs that helper too.
 */
export const KEEP_NAMES_SHIM =
  'globalThis.__name = (fn, name) => Object.defineProperty(fn, "name", { value: name, configurable: true });';

/**
 * Init script (runs before the app's own code on every page load): watches the app's WebSocket
 * for requests and answers, records frames while a pointer button is down, times the first render
 * of the board's `laneCount` lanes with every card of the lanes in view, and times the commit of a
 * drag armed by `armCommit`.
 */
export function installProbe(laneCount: number): void {
  const w = globalThis as unknown as PageWindow;
  if (w.location.protocol === 'about:') return;
  const afterPaint = (callback: () => void) => {
    // Called from a requestAnimationFrame callback: a message task runs once that frame is drawn.
    const channel = new w.MessageChannel();
    channel.port1.onmessage = callback;
    channel.port2.postMessage(null);
  };
  let resolveFirstRender: (ms: number) => void = () => undefined;
  const state: ProbeState = {
    firstRender: new Promise((resolve) => (resolveFirstRender = resolve)),
    inFlight: new Map(),
    calls: [],
    moves: new Map(),
    replies: new Map(),
    lastMessageAt: 0,
    socket: null,
    frames: [],
    pointerDown: false,
    watch: null,
    commit: null,
  };
  w.__bench = state;

  const NativeSocket = w.WebSocket;
  w.WebSocket = class extends NativeSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      const socket = { createdAt: performance.now(), openedAt: null as number | null };
      state.socket = socket;
      this.addEventListener('open', () => (socket.openedAt = performance.now()));
      // Added before the app sets onmessage, so it hears each frame first. Only the head of a
      // frame is read ({"type":"result","id":N,"result":{"ok":…), not the 600-job payloads.
      this.addEventListener('message', (event) => {
        const at = performance.now();
        state.lastMessageAt = at;
        const head = String(event.data).slice(0, 80);
        const id = /^\{"type":"result","id":(\d+)/.exec(head)?.[1];
        if (id === undefined) return;
        const call = state.inFlight.get(Number(id));
        if (call) {
          state.inFlight.delete(Number(id));
          state.calls.push({ ...call, answeredAt: at });
          if (state.calls.length > 500) state.calls.shift();
        }
        const appointment = state.moves.get(Number(id));
        if (appointment === undefined) return;
        state.moves.delete(Number(id));
        state.replies.set(appointment, { at, ok: head.includes('"result":{"ok":true') });
      });
    }

    override send(data: string): void {
      const request = /^\{"id":(\d+),"channel":"([^"]+)"/.exec(data);
      if (request) {
        const channel = String(request[2]);
        state.inFlight.set(Number(request[1]), { channel, sentAt: performance.now() });
        if (channel === 'board.move') {
          const input = (JSON.parse(data) as { input: { appointment_id: string } }).input;
          state.moves.set(Number(request[1]), input.appointment_id);
        }
      }
      super.send(data);
    }
  };

  w.addEventListener(
    'pointerdown',
    () => {
      state.pointerDown = true;
      state.frames = [];
      const frame = (time: number) => {
        if (!state.pointerDown) return;
        state.frames.push(time);
        w.requestAnimationFrame(frame);
      };
      w.requestAnimationFrame(frame);
    },
    true,
  );

  // Capture phase on window: runs before dnd-kit's and the board's own pointerup listeners.
  w.addEventListener(
    'pointerup',
    (event) => {
      state.pointerDown = false;
      const watch = state.watch;
      if (!watch) return;
      state.watch = null;
      const upAt = event.timeStamp;
      const { appointmentId, lane, offset } = watch.target;
      const selector = `[data-testid="lane"][data-staff-id="${lane}"] [data-testid="job-card"][data-appointment-id="${appointmentId}"]`;
      let placedSeen = false;
      let paintedAt: number | null = null;
      const finish = (timing: Omit<CommitTiming, 'paintedMs'>) =>
        watch.resolve({ paintedMs: (paintedAt ?? Number.NaN) - upAt, ...timing });
      const deadline = upAt + 10_000;
      const frame = () => {
        const card = w.document.querySelector(selector);
        const timeline = card?.closest('[data-testid="lane-timeline"]');
        // Not while dnd-kit still translates the dragged card: only its real position counts.
        const placed =
          card &&
          timeline &&
          card.style.transform === '' &&
          Math.abs(
            card.getBoundingClientRect().left - timeline.getBoundingClientRect().left - offset,
          ) < 1.5;
        const reply = state.replies.get(appointmentId);
        const saved = reply && reply.at >= upAt ? reply : undefined;
        if (placed && !placedSeen) {
          placedSeen = true;
          afterPaint(() => (paintedAt = performance.now()));
        }
        if (placed && saved) {
          afterPaint(() =>
            finish({
              savedMs: saved.at - upAt,
              committedMs: performance.now() - upAt,
              ok: saved.ok,
              timedOut: false,
            }),
          );
        } else if (saved && !saved.ok) {
          finish({ savedMs: saved.at - upAt, committedMs: Number.NaN, ok: false, timedOut: false });
        } else if (performance.now() > deadline) {
          finish({ savedMs: Number.NaN, committedMs: Number.NaN, ok: false, timedOut: true });
        } else {
          w.requestAnimationFrame(frame);
        }
      };
      w.requestAnimationFrame(frame);
    },
    true,
  );

  // Complete as the dispatcher sees it: every lane is there, and each lane in the window shows all
  // of its jobs (lanes far out of view draw their cards when scrolled to — Lanes.tsx).
  const boardShown = () => {
    const lanes = w.document.querySelectorAll('[data-testid="lane"]');
    if (lanes.length < laneCount) return false;
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[i] as PageElement;
      const box = lane.getBoundingClientRect();
      if (box.bottom <= 0 || box.top >= w.innerHeight) continue;
      const cards = lane.querySelectorAll('[data-testid="job-card"]').length;
      if (cards < Number(lane.dataset.jobCount ?? Infinity)) return false;
    }
    return true;
  };
  const firstRender = () => {
    if (boardShown()) {
      afterPaint(() => {
        performance.mark('board-painted');
        resolveFirstRender(
          performance.measure('board-first-render', { end: 'board-painted' }).duration,
        );
      });
      return;
    }
    w.requestAnimationFrame(firstRender);
  };
  w.requestAnimationFrame(firstRender);
}

/** ms from navigation start until every job card was painted (see installProbe). */
export function firstRenderMs(): Promise<number> {
  const state = (globalThis as unknown as PageWindow).__bench;
  if (!state) throw new Error('the board probe is not installed');
  return state.firstRender;
}

/** Arms the commit watch for the next pointerup; read the result with `commitTiming`. */
export function armCommit(target: CommitTarget): void {
  const state = (globalThis as unknown as PageWindow).__bench;
  if (!state) throw new Error('the board probe is not installed');
  state.commit = new Promise((resolve) => (state.watch = { target, resolve }));
}

export function commitTiming(): Promise<CommitTiming> {
  const commit = (globalThis as unknown as PageWindow).__bench?.commit;
  if (!commit) throw new Error('no drag was armed');
  return commit;
}

/** The frame timestamps recorded while the pointer was last down. */
export function dragFrames(): number[] {
  return (globalThis as unknown as PageWindow).__bench?.frames ?? [];
}

/** True once no request is in flight and nothing arrived for `quietMs` (the board has settled). */
export function isQuiet(quietMs: number): boolean {
  const state = (globalThis as unknown as PageWindow).__bench;
  return (
    state !== undefined &&
    state.inFlight.size === 0 &&
    performance.now() - state.lastMessageAt > quietMs
  );
}

/** The answered requests on the page's clock (the last 500). */
export function answeredCalls(): Call[] {
  return [...((globalThis as unknown as PageWindow).__bench?.calls ?? [])];
}

/** When the app's WebSocket was created and opened, on the page's clock. */
export function socketTimes(): { createdAt: number; openedAt: number | null } | null {
  return (globalThis as unknown as PageWindow).__bench?.socket ?? null;
}
