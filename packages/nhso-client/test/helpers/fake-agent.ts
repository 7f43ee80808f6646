import type { ServerResponse } from 'node:http';
import { toBangkok } from '@authenkit/authen-code';
import { AGENT_PATHS } from '@authenkit/nhso-client/schemas';
import { json, reset, type Seen, sleep } from './server.js';

export type Fault = 'none' | 'reset' | '500' | 'hang' | 'garbage';
export interface FaultPlan {
  /** Decide a fault for confirm-save, and whether it strikes before or after the commit. */
  confirm(): { when: 'before' | 'after'; fault: Fault };
  /** Decide a fault for a lookup. */
  lookup(): Fault;
  hangMs: number;
}

export const NO_FAULTS: FaultPlan = {
  confirm: () => ({ when: 'after', fault: 'none' }),
  lookup: () => 'none',
  hangMs: 0,
};

/** Bangkok wall-clock `YYYY-MM-DDTHH:mm:ss` of an instant (as the Agent writes it). */
export function bangkokWall(ms: number): string {
  const b = toBangkok(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${b.year}-${p(b.month)}-${p(b.day)}T${p(b.hour)}:${p(b.minute)}:${p(b.second)}`;
}

/** A stateful fake of the Agent's issuing endpoints: one code per pid + claimType + Bangkok day. */
export function fakeAgent(plan: FaultPlan = NO_FAULTS) {
  const codes = new Map<
    string,
    Array<{ claimCode: string; claimType: string; claimDateTime: string; hcode: string }>
  >();
  let seq = 1_000_000_000;
  let confirmCalls = 0;
  const fail = async (res: ServerResponse, f: Fault): Promise<boolean> => {
    if (f === 'none') return false;
    if (f === 'reset') reset(res);
    else if (f === '500') json(res, 500, { status: 500, error: 'Internal Server Error' });
    else if (f === 'garbage') json(res, 200, '{"claimCode":');
    else if (f === 'hang') {
      await sleep(plan.hangMs);
      reset(res);
    }
    return true;
  };
  const handler = async (q: Seen, res: ServerResponse) => {
    const latest5 = AGENT_PATHS.latestAuthenCodes.replace('{pid}', '');
    const latest1 = AGENT_PATHS.latestAuthenCode.replace('{pid}', '');
    if (q.method === 'POST' && q.path === AGENT_PATHS.confirmSave) {
      confirmCalls++;
      const b = JSON.parse(q.body) as { pid: string; claimType: string; hcode?: string };
      const { when, fault } = plan.confirm();
      if (when === 'before' && (await fail(res, fault))) return;
      const list = codes.get(b.pid) ?? [];
      const now = Date.now();
      const today = bangkokWall(now).slice(0, 10);
      if (list.some((c) => c.claimType === b.claimType && c.claimDateTime.startsWith(today)))
        return json(res, 400, { status: 400, error: 'ไม่สามารถ Authen ซ้ำในวันเดียวกันได้' });
      const item = {
        claimCode: `PP${++seq}`,
        claimType: b.claimType,
        claimDateTime: bangkokWall(now),
        hcode: b.hcode ?? '10699',
      };
      list.unshift(item);
      codes.set(b.pid, list);
      if (when === 'after' && (await fail(res, fault))) return;
      return json(res, 200, {
        pid: b.pid,
        claimType: b.claimType,
        createdDate: item.claimDateTime,
        claimCode: item.claimCode,
      });
    }
    if (q.method === 'GET' && (q.path.startsWith(latest5) || q.path.startsWith(latest1))) {
      if (await fail(res, plan.lookup())) return;
      const pid = q.path.split('/').at(-1)!;
      const list = codes.get(pid) ?? [];
      if (q.path.startsWith(latest5)) {
        // The single-object quirk when there is exactly one.
        return json(res, 200, list.length === 1 ? list[0] : list.slice(0, 5));
      }
      return json(res, 200, list[0] ?? { checkDate: bangkokWall(Date.now()) });
    }
    json(res, 404, {});
  };
  return {
    handler,
    codes,
    get confirmCalls() {
      return confirmCalls;
    },
  };
}
