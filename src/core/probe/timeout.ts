/** Raised when a stage runs past its time bound; `stage` lets the report say which one. */
export class StageTimeout extends Error {
  constructor(readonly ms: number, what: string) {
    super(`no ${what} within ${ms} ms`);
    this.name = 'StageTimeout';
  }
}

/** Race a promise against a timer; `onTimeout` lets the caller tear down sockets the promise holds. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new StageTimeout(ms, what));
    }, ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** Milliseconds since `start` (from performance.now()), rounded to 0.1 ms. */
export function elapsed(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}
