import { singleFlightToken } from '@authenkit/authen-code';
import { describe, expect, it } from 'vitest';

describe('singleFlightToken', () => {
  it('concurrent callers share one fetch; the token is cached', async () => {
    let n = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const p = singleFlightToken(async () => {
      n++;
      await gate;
      return { token: `t${n}` };
    });
    const all = Promise.all([p.getToken(), p.getToken(), p.getToken()]);
    release();
    expect(await all).toEqual(['t1', 't1', 't1']);
    expect(await p.getToken()).toBe('t1');
    expect(n).toBe(1);
    expect(p.refreshCount).toBe(1);
  });

  it('a failed fetch is not cached; the next call fetches again', async () => {
    let n = 0;
    const p = singleFlightToken(async () => {
      n++;
      if (n === 1) throw new Error('down');
      return { token: 'ok' };
    });
    await expect(Promise.all([p.getToken(), p.getToken()])).rejects.toThrow('down');
    expect(n).toBe(1);
    expect(await p.getToken()).toBe('ok');
    expect(p.refreshCount).toBe(2);
  });

  it('invalidate(token) makes the next call refresh with the rejected token as `previous`; another token is ignored', async () => {
    const seen: Array<string | undefined> = [];
    let n = 0;
    const p = singleFlightToken(async (previous) => {
      seen.push(previous);
      return { token: `t${++n}` };
    });
    const a = await p.getToken();
    p.invalidate('not-the-current-one');
    expect(await p.getToken()).toBe(a);
    p.invalidate(a);
    expect(await p.getToken()).toBe('t2');
    expect(seen).toEqual([undefined, 't1']);
  });

  it('expiresAt is checked against the given clock, and the expired token is passed as `previous`', async () => {
    let clock = 1_000;
    const seen: Array<string | undefined> = [];
    let n = 0;
    const p = singleFlightToken(
      async (previous) => {
        seen.push(previous);
        n++;
        return { token: `t${n}`, expiresAt: clock + 100 };
      },
      { now: () => clock },
    );
    expect(await p.getToken()).toBe('t1');
    clock += 99;
    expect(await p.getToken()).toBe('t1');
    clock += 1;
    expect(await p.getToken()).toBe('t2');
    expect(seen).toEqual([undefined, 't1']);
  });

  it("passes the first caller's signal to the fetch", async () => {
    const ac = new AbortController();
    let got: AbortSignal | undefined;
    const p = singleFlightToken(async (_prev, signal) => {
      got = signal;
      return { token: 'x' };
    });
    await p.getToken({ signal: ac.signal });
    expect(got).toBe(ac.signal);
  });

  it('refreshes refreshSkewMs before expiry', async () => {
    let clock = 0;
    let n = 0;
    const p = singleFlightToken(async () => ({ token: `t${++n}`, expiresAt: clock + 100 }), {
      now: () => clock,
      refreshSkewMs: 30,
    });
    expect(await p.getToken()).toBe('t1');
    clock = 69;
    expect(await p.getToken()).toBe('t1');
    clock = 70;
    expect(await p.getToken()).toBe('t2');
  });

  it('invalidate() without a token forgets the cache and does not cache a fetch in flight', async () => {
    let n = 0;
    let release: (() => void) | undefined;
    const p = singleFlightToken(async () => {
      const token = `t${++n}`;
      if (n === 2) await new Promise<void>((r) => (release = r));
      return { token };
    });
    expect(await p.getToken()).toBe('t1');
    p.invalidate('other'); // not the cached token: ignored
    expect(await p.getToken()).toBe('t1');
    p.invalidate();
    const pending = p.getToken(); // fetch t2, in flight
    await Promise.resolve();
    p.invalidate(); // e.g. log-out while it runs
    release?.();
    expect(await pending).toBe('t2'); // its caller still gets it …
    expect(await p.getToken()).toBe('t3'); // … but it was not cached
  });
});
