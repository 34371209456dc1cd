// In-page probe for the records benchmark: times each keystroke in a list's search box until the
// grid shows the answer for the text typed so far, on the page's own clock (performance.now()).
//
// It runs in the browser, so it may use nothing from this module's scope; the node-side tsconfig
// has no DOM types, hence the small PageWindow interface below.

interface PageWindow {
  location: { protocol: string };
  document: {
    querySelector(selector: string): PageElement | null;
    addEventListener(
      type: 'keydown' | 'input',
      listener: (event: { timeStamp: number; target: unknown }) => void,
      capture: boolean,
    ): void;
  };
  requestAnimationFrame(callback: (time: number) => void): number;
  MessageChannel: new () => {
    port1: { onmessage: (() => void) | null };
    port2: { postMessage(message: unknown): void };
  };
  WebSocket: new (url: string, protocols?: string | string[]) => PageSocket;
  __recordsBench?: ProbeState;
}

interface PageElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  matches(selector: string): boolean;
  value?: string;
}

interface PageSocket {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  send(data: string): void;
}

/** One `<channel>` request with a search text, and its answer once it came. */
export interface ListCall {
  search: string;
  sentAt: number;
  answeredAt: number | null;
  total: number | null;
  /** The first row's id in the answer, null for an empty page. */
  firstId: string | null;
}

export interface KeystrokeSample {
  /** The search text (trimmed) once this key had changed the box. */
  text: string;
  keyAt: number;
  /** keydown → first frame drawn whose grid shows the answer for this text or a later one. */
  paintedMs: number | null;
  /** The text whose answer that frame showed: this keystroke's own, or a later one's. */
  shownText: string | null;
  timedOut: boolean;
}

interface ProbeState {
  channel: string;
  /** The rows' id field, which the grid uses as each row's data-id. */
  idField: string;
  boxSelector: string;
  /** [one, many] nouns of the result count, e.g. ['client', 'clients']. */
  noun: [string, string];
  inFlight: Map<number, ListCall>;
  calls: ListCall[];
  samples: KeystrokeSample[];
  /** Index of the first sample still waiting for its frame. */
  pending: number;
  watching: boolean;
}

/** See board-page.ts: tsx's keepNames helper, which the probe's source text refers to. */
export const KEEP_NAMES_SHIM =
  'globalThis.__name = (fn, name) => Object.defineProperty(fn, "name", { value: name, configurable: true });';

/**
 * Init script: watches the app's WebSocket for `channel` requests and their answers (by search
 * text), and the search box (`boxSelector`) for keystrokes; each keystroke's sample ends at the
 * first frame drawn in which the result count and the grid's first row agree with the answer for
 * its text or a later one's, that answer having reached the page.
 */
export function installRecordsProbe(config: {
  channel: string;
  idField: string;
  boxSelector: string;
  noun: [string, string];
}): void {
  const w = globalThis as unknown as PageWindow;
  if (w.location.protocol === 'about:') return;
  const afterPaint = (callback: () => void) => {
    // Called from a requestAnimationFrame callback: a message task runs once that frame is drawn.
    const channel = new w.MessageChannel();
    channel.port1.onmessage = callback;
    channel.port2.postMessage(null);
  };
  const state: ProbeState = {
    ...config,
    inFlight: new Map(),
    calls: [],
    samples: [],
    pending: 0,
    watching: false,
  };
  w.__recordsBench = state;

  const NativeSocket = w.WebSocket;
  w.WebSocket = class extends NativeSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      // Added before the app sets onmessage, so it hears each answer first.
      this.addEventListener('message', (event) => {
        const at = performance.now();
        const text = String(event.data);
        const id = /^\{"type":"result","id":(\d+)/.exec(text.slice(0, 80))?.[1];
        const call = id === undefined ? undefined : state.inFlight.get(Number(id));
        if (!call) return;
        state.inFlight.delete(Number(id));
        const message = JSON.parse(text) as {
          result: { ok: boolean; value?: { total: number; items: Record<string, unknown>[] } };
        };
        call.answeredAt = at;
        call.total = message.result.value?.total ?? null;
        const first = message.result.value?.items[0];
        call.firstId = first ? String(first[state.idField]) : null;
      });
    }

    override send(data: string): void {
      const head = /^\{"id":(\d+),"channel":"([^"]+)"/.exec(data);
      if (head && head[2] === state.channel) {
        const input = (JSON.parse(data) as { input: { search?: string | null } }).input;
        const call: ListCall = {
          search: input.search ?? '',
          sentAt: performance.now(),
          answeredAt: null,
          total: null,
          firstId: null,
        };
        state.inFlight.set(Number(head[1]), call);
        state.calls.push(call);
      }
      super.send(data);
    }
  };

  const countText = (total: number) =>
    `${total.toLocaleString('en-US')} ${total === 1 ? state.noun[0] : state.noun[1]}`;
  /** Whether the page shows this answer now: its count, and its first row first (or no row). */
  const shows = (call: ListCall): boolean => {
    if (call.total === null) return false;
    const count = w.document.querySelector('[data-testid="result-count"]')?.textContent ?? '';
    if (count.trim() !== countText(call.total)) return false;
    const firstRow = w.document.querySelector('.record-row[data-rowindex="0"]');
    return call.firstId === null
      ? firstRow === null
      : firstRow?.getAttribute('data-id') === call.firstId;
  };

  const watch = () => {
    const open = state.samples.slice(state.pending);
    if (open.length === 0) {
      state.watching = false;
      return;
    }
    // The latest keystroke whose text's answer is on screen settles it and every one before it.
    for (let j = state.samples.length - 1; j >= state.pending; j--) {
      const sample = state.samples[j];
      if (!sample) continue;
      const answered = state.calls.filter(
        (c) => c.search === sample.text && c.answeredAt !== null && c.answeredAt >= sample.keyAt,
      );
      const call = answered.at(-1);
      if (call && shows(call)) {
        const settled = state.samples.slice(state.pending, j + 1);
        state.pending = j + 1;
        afterPaint(() => {
          const at = performance.now();
          for (const s of settled) {
            s.paintedMs = at - s.keyAt;
            s.shownText = sample.text;
          }
        });
        break;
      }
    }
    for (const s of state.samples.slice(state.pending)) {
      if (performance.now() - s.keyAt > 10_000) {
        s.timedOut = true;
        state.pending++;
      } else break;
    }
    w.requestAnimationFrame(watch);
  };

  w.document.addEventListener(
    'keydown',
    (event) => {
      if (!(event.target as PageElement | null)?.matches(state.boxSelector)) return;
      state.samples.push({
        text: '',
        keyAt: event.timeStamp,
        paintedMs: null,
        shownText: null,
        timedOut: false,
      });
    },
    true,
  );
  w.document.addEventListener(
    'input',
    (event) => {
      const box = event.target as PageElement | null;
      if (!box?.matches(state.boxSelector)) return;
      const sample = state.samples.at(-1);
      if (sample) sample.text = (box.value ?? '').trim();
      if (!state.watching) {
        state.watching = true;
        w.requestAnimationFrame(watch);
      }
    },
    true,
  );
}

/** Forgets the samples and calls so far (e.g. after clearing the box between terms). */
export function resetRecordsProbe(): void {
  const state = (globalThis as unknown as PageWindow).__recordsBench;
  if (!state) throw new Error('the records probe is not installed');
  state.samples = [];
  state.calls = [];
  state.pending = 0;
}

/** True once every keystroke's frame was drawn (or timed out) and no list call is open. */
export function recordsSettled(): boolean {
  const state = (globalThis as unknown as PageWindow).__recordsBench;
  return (
    state !== undefined &&
    state.pending >= state.samples.length &&
    state.samples.every((s) => s.paintedMs !== null || s.timedOut) &&
    state.inFlight.size === 0
  );
}

export function recordsSamples(): { samples: KeystrokeSample[]; calls: ListCall[] } {
  const state = (globalThis as unknown as PageWindow).__recordsBench;
  return { samples: [...(state?.samples ?? [])], calls: [...(state?.calls ?? [])] };
}
