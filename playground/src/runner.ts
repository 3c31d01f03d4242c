// Runs scripts in a Web Worker so that the page never freezes. A new run cancels the one in flight by
// terminating its worker (a warm spare takes over at once); a run past the time limit is stopped by the
// worker itself (partial results) or, if the worker does not answer, terminated by a watchdog.
import type { FromWorker, SheetsByDate, ToWorker } from './protocol';

export const TIME_LIMIT_MS = 5000;
const WATCHDOG_GRACE_MS = 1500;

type Msg<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

export interface RunnerEvents {
  compiled(m: Msg<'compiled'>): void;
  result(m: Msg<'result'>): void;
  /** The worker did not answer within the time limit and was terminated. */
  timedOut(id: number, elapsedMs: number): void;
  crashed(id: number, message: string): void;
}

class Handle {
  readonly worker: Worker;
  ready = false;
  private queue: ToWorker[] = [];
  onMessage: (m: FromWorker) => void = () => {};
  onError: (message: string) => void = () => {};

  constructor() {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'moneta-run' });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
      if (e.data.type === 'ready') {
        this.ready = true;
        for (const m of this.queue) this.worker.postMessage(m);
        this.queue = [];
      } else this.onMessage(e.data);
    };
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.onError(e.message || 'the run worker failed to start');
    };
  }

  post(m: ToWorker): void {
    if (this.ready) this.worker.postMessage(m);
    else this.queue.push(m);
  }

  terminate(): void {
    this.worker.terminate();
  }
}

interface Job {
  msg: ToWorker;
  resolve?: (m: FromWorker | undefined) => void;
}

export class Runner {
  private current: Handle;
  private spare: Handle | undefined;
  private job: Job | undefined;
  private startedAt = 0;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private waiting: Job[] = [];
  private seq = 0;
  /** The id of the latest run: messages of older runs are ignored. */
  private latestRun = -1;

  constructor(private readonly events: RunnerEvents) {
    this.current = this.attach(new Handle());
    this.spare = new Handle();
  }

  private attach(h: Handle): Handle {
    h.onMessage = (m) => this.receive(h, m);
    h.onError = (message) => {
      if (h !== this.current || !this.job) return;
      const id = this.job.msg.id;
      this.finish(undefined);
      this.replace();
      this.events.crashed(id, message);
    };
    return h;
  }

  /** Terminates the current worker and promotes the warm spare. */
  private replace(): void {
    this.current.terminate();
    this.current = this.attach(this.spare ?? new Handle());
    this.spare = new Handle();
  }

  get busy(): boolean {
    return this.job !== undefined;
  }

  /** Compiles and runs `text`; cancels whatever the worker is doing. Returns the run's id. */
  run(text: string, file: string): number {
    const id = ++this.seq;
    this.latestRun = id;
    // Older balance-sheet requests are stale; a format request still gets an answer (undefined).
    for (const w of this.waiting) w.resolve?.(undefined);
    this.waiting = [];
    if (this.job) {
      this.job.resolve?.(undefined);
      this.finish(undefined);
      this.replace();
    }
    this.start({ msg: { type: 'run', id, text, file, timeLimitMs: TIME_LIMIT_MS } });
    return id;
  }

  /** Balance sheets on `dates` (for the slider); queued behind a run in flight. */
  sheets(text: string, file: string, dates: string[]): Promise<SheetsByDate | undefined> {
    return this.enqueue({ type: 'sheets', id: ++this.seq, text, file, dates }).then((m) =>
      m?.type === 'sheets' && !m.error ? m.balanceSheets : undefined,
    );
  }

  format(text: string): Promise<string | undefined> {
    return this.enqueue({ type: 'format', id: ++this.seq, text }).then((m) =>
      m?.type === 'formatted' ? m.text : undefined,
    );
  }

  private enqueue(msg: ToWorker): Promise<FromWorker | undefined> {
    return new Promise((resolve) => {
      const job = { msg, resolve };
      if (this.job) this.waiting.push(job);
      else this.start(job);
    });
  }

  private start(job: Job): void {
    this.job = job;
    this.startedAt = performance.now();
    this.current.post(job.msg);
    this.watchdog = setTimeout(() => {
      if (this.job !== job) return;
      const id = job.msg.id;
      job.resolve?.(undefined);
      this.finish(undefined);
      this.replace();
      if (job.msg.type === 'run') this.events.timedOut(id, performance.now() - this.startedAt);
      this.next();
    }, TIME_LIMIT_MS + WATCHDOG_GRACE_MS);
  }

  private finish(m: FromWorker | undefined): void {
    clearTimeout(this.watchdog);
    const job = this.job;
    this.job = undefined;
    if (m) job?.resolve?.(m);
  }

  private next(): void {
    const job = this.waiting.shift();
    if (job) this.start(job);
  }

  private receive(h: Handle, m: FromWorker): void {
    if (h !== this.current || m.type === 'ready') return;
    const mine = this.job && this.job.msg.id === m.id;
    if (m.type === 'compiled') {
      if (m.id === this.latestRun) this.events.compiled(m);
      // The run goes on unless the script did not compile.
      if (mine && (!m.symbols || m.diagnostics.some((d) => d.severity === 'error'))) {
        this.finish(m);
        this.next();
      }
      return;
    }
    if (!mine) return;
    this.finish(m);
    if (m.type === 'result' && m.id === this.latestRun) this.events.result(m);
    if (m.type === 'crash' && m.id === this.latestRun) this.events.crashed(m.id, m.message);
    this.next();
  }

  dispose(): void {
    clearTimeout(this.watchdog);
    this.current.terminate();
    this.spare?.terminate();
  }
}
