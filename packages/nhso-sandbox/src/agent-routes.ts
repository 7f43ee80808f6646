import { randomUUID } from 'node:crypto';
import {
  AGENT_PATHS,
  AgentConfirmSaveRequestSchema,
  type AgentReadCardOnlyResponse,
  type AgentTerminalsResponse,
  fillPath,
} from '@authenkit/nhso-client/schemas';
import type { AgentCardData, AgentOptions } from './agent.js';
import { systemClock } from './clock.js';
import { SandboxError } from './errors.js';
import { jsonBody, ok, parseWith, type Route, type RouteResponse, route, springError } from './http.js';
import { buddhistOfIso, formatBuddhistCompact, thaiAgeText } from './population.js';

const TITLE_CODES: Record<string, string> = {
  'ด.ช.': '001',
  'ด.ญ.': '002',
  นาย: '003',
  'น.ส.': '004',
  นาง: '005',
};

/**
 * The Agent service's routes: cards read through the card source (one operation at a time per reader), every
 * NHSO call forwarded upstream with the configured token, confirm-save only for a correlation id of a read.
 * @internal
 */
export function agentServiceRoutes(options: AgentOptions, up: { url: string; token: string }): Route[] {
  const clock = options.clock ?? systemClock;
  const correlations = new Map<string, { pid: string; at: number }>();
  const queues = new Map<string, Promise<unknown>>();
  const readTimeout = options.readTimeoutMs ?? 30_000;

  /** One card operation at a time per reader: chain on the reader's queue. */
  const withReader = <T>(reader: string, fn: () => Promise<T>): Promise<T> => {
    const prev = queues.get(reader) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => {});
    queues.set(reader, tail);
    tail.then(() => {
      if (queues.get(reader) === tail) queues.delete(reader);
    });
    return run;
  };
  const pickReader = async (): Promise<string> => {
    const rs = await options.cards.readers();
    if (rs.length === 0) throw new SandboxError('READER_NOT_FOUND', 'no smart-card reader');
    const r = rs.find((x) => x.present);
    if (!r) throw new SandboxError('CARD_NOT_PRESENT', 'no card in the reader');
    return r.name;
  };
  const readCard = async (photo: boolean): Promise<AgentCardData> => {
    const reader = await pickReader();
    return withReader(reader, async () => {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          options.cards.read(reader, { photo }),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () =>
                reject(
                  new SandboxError('CARD_NOT_PRESENT', 'card read timed out', {
                    details: { reason: 'timeout' },
                  }),
                ),
              readTimeout,
            );
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
    });
  };
  const cardFields = (
    d: AgentCardData,
    correlationId: string,
    withPhoto: boolean,
  ): AgentReadCardOnlyResponse => {
    const birth = buddhistOfIso(d.birthDate);
    return {
      pid: d.pid,
      titleName: TITLE_CODES[d.titleTh] ?? null,
      fname: d.firstNameTh,
      lname: d.lastNameTh,
      nation: '099',
      birthDate: birth ? formatBuddhistCompact(birth) : null,
      sex: d.sex === 'male' ? 'ชาย' : d.sex === 'female' ? 'หญิง' : null,
      age: birth && birth.month > 0 && birth.day > 0 ? thaiAgeText(birth, clock.now()) : null,
      ...(withPhoto && d.photo ? { image: Buffer.from(d.photo).toString('base64') } : {}),
      correlationId,
    };
  };
  const forward = async (method: string, path: string, body?: unknown): Promise<RouteResponse> => {
    let res: Response;
    try {
      res = await fetch(up.url + path, {
        method,
        headers: {
          authorization: `Bearer ${up.token}`,
          accept: 'application/json',
          'x-sandbox-channel': options.channel ?? 'AGENT',
          ...(options.hcode ? { 'x-sandbox-hcode': options.hcode } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (cause) {
      throw new SandboxError('UPSTREAM_ERROR', 'NHSO is not reachable', { cause });
    }
    const text = await res.text();
    return {
      status: res.status,
      body: text,
      headers: { 'content-type': res.headers.get('content-type') ?? 'application/json' },
    };
  };
  const remember = (id: string, pid: string): void => {
    correlations.set(id, { pid, at: clock.now() });
    if (correlations.size > 10_000) correlations.delete(correlations.keys().next().value as string);
  };
  const byPid = (template: string) => (req: { params: Record<string, string> }) =>
    forward('GET', fillPath(template, { pid: req.params.pid ?? '' }));

  return [
    route('terminals', 'GET', AGENT_PATHS.terminals, async () => {
      const rs = await options.cards.readers();
      const out: AgentTerminalsResponse = rs.map((r) => ({ terminalName: r.name, isPresent: r.present }));
      return ok(out);
    }),
    route('read', 'GET', AGENT_PATHS.read, async (req) => {
      const photo = req.query.get('readImageFlag') === 'true';
      const d = await readCard(photo);
      const correlationId = randomUUID();
      const right = await forward('GET', fillPath(AGENT_PATHS.probe, { pid: d.pid }));
      if (right.status !== 200) return right;
      const {
        pid: _p,
        titleName: _t,
        fname: _f,
        lname: _l,
        nation: _n,
        birthDate: _b,
        sex: _s,
        age: _a,
        image: _i,
        ...rightOnly
      } = JSON.parse(right.body ?? '{}') as Record<string, unknown>;
      remember(correlationId, d.pid);
      return ok({ ...cardFields(d, correlationId, photo), ...rightOnly, correlationId });
    }),
    route('read-card-only', 'GET', AGENT_PATHS.readCardOnly, async (req) => {
      const photo = req.query.get('readImageFlag') === 'true';
      const d = await readCard(photo);
      const correlationId = randomUUID();
      remember(correlationId, d.pid);
      return ok(cardFields(d, correlationId, photo));
    }),
    route('probe', 'GET', AGENT_PATHS.probe, byPid(AGENT_PATHS.probe)),
    ...(['saveDraft', 'confirmSave'] as const).map((k) =>
      route(k === 'saveDraft' ? 'save-as-draft' : 'confirm-save', 'POST', AGENT_PATHS[k], async (req) => {
        const parsed = parseWith(AgentConfirmSaveRequestSchema, jsonBody(req));
        const c = correlations.get(parsed.correlationId);
        if (!c || c.pid !== parsed.pid)
          return springError(
            400,
            'correlationId does not belong to a card read of this pid (read the card again)',
            req.path,
            'correlationId',
          );
        const body = { ...parsed, ...(parsed.hcode || !options.hcode ? {} : { hcode: options.hcode }) };
        return forward('POST', AGENT_PATHS[k], body);
      }),
    ),
    route('latest-authen-code', 'GET', AGENT_PATHS.latestAuthenCode, byPid(AGENT_PATHS.latestAuthenCode)),
    route('latest-5', 'GET', AGENT_PATHS.latestAuthenCodes, byPid(AGENT_PATHS.latestAuthenCodes)),
    route('preference', 'GET', AGENT_PATHS.preference, () =>
      ok({ hcode: options.hcode ?? null, version: 'authenkit-sandbox-agent' }),
    ),
  ];
}
