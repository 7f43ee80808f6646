import { randomUUID } from 'node:crypto';
import {
  AGENT_PATHS,
  AgentConfirmSaveRequestSchema,
  type AgentConfirmSaveResponse,
  type AgentLatestAuthenCodesResponse,
  type AgentProbeResponse,
  type AgentReadCardResponse,
  type AgentSaveDraftResponse,
  type AgentTerminalsResponse,
} from '@authenkit/nhso-client/schemas';
import { personToCardSpec } from '../../card.js';
import { bangkokParts } from '../../clock.js';
import { SandboxError } from '../../errors.js';
import {
  jsonBody,
  ok,
  parseWith,
  q,
  type Route,
  type RouteRequest,
  type RouteResponse,
  route,
} from '../../http.js';
import type { SandboxPerson } from '../../population.js';
import { agentCardFields, agentCodeItem, agentRightFields } from '../../responses.js';
import type { SandboxContext } from '../context.js';

const READER_NAME = 'AuthenKit Sandbox Reader 0';

/** The certifier a kiosk / test names in `x-sandbox-certifier` (default `PATIENT`). */
const certifierOf = (req: RouteRequest): string => {
  const c = req.headers['x-sandbox-certifier'];
  return c === 'PATIENT' || c === 'PARENT' || c === 'CAREGIVER' || c === 'STAFF' ? c : 'PATIENT';
};

/** @internal The channel a forwarding Agent names in `x-sandbox-channel` (else `fallback`). */
export const channelOf = (req: RouteRequest, fallback: string): string => {
  const c = req.headers['x-sandbox-channel'];
  return typeof c === 'string' && /^[A-Z_]{2,20}$/.test(c) ? c : fallback;
};

/**
 * The NHSO Agent's paths over the simulated reader (no auth, like the Agent): terminals, read, read-card-only,
 * probe, save-as-draft, confirm-save, latest-authen-code, latest-5, preference.
 * @internal
 */
export function agentRoutes(ctx: SandboxContext): Route[] {
  const { store, state } = ctx;
  /** The person's card photo (base64 JPEG), read from a thai-idcard virtual card of that person; cached. */
  const photos = new Map<string, string>();
  const photoOf = async (p: SandboxPerson): Promise<string | undefined> => {
    const cached = photos.get(p.pid);
    if (cached !== undefined) return cached;
    try {
      const [{ readThaiIdCard }, { createVirtualCard }] = await Promise.all([
        import('@authenkit/thai-idcard'),
        import('@authenkit/thai-idcard/virtual'),
      ]);
      const card = createVirtualCard({ image: personToCardSpec(p) });
      const data = await readThaiIdCard(card.transport(), { photo: true });
      const b64 = data.photo ? Buffer.from(data.photo).toString('base64') : undefined;
      if (b64 !== undefined) {
        if (photos.size >= 100) photos.delete(photos.keys().next().value as string);
        photos.set(p.pid, b64);
      }
      return b64;
    } catch {
      return undefined; // thai-idcard unavailable: answer without a photo
    }
  };
  const insertedPerson = (): SandboxPerson => {
    if (state.cardPid === undefined) throw new SandboxError('CARD_NOT_PRESENT', 'no card in the reader');
    return ctx.requirePerson(state.cardPid);
  };
  const confirm = (req: RouteRequest, draft: boolean): RouteResponse => {
    const body = parseWith(AgentConfirmSaveRequestSchema, jsonBody(req));
    const p = ctx.requirePerson(body.pid);
    const hdr = req.headers['x-sandbox-hcode'];
    const hcode = body.hcode ?? (typeof hdr === 'string' ? hdr : ctx.defaultHcode);
    if (draft) {
      const out: AgentSaveDraftResponse = {
        pid: p.pid,
        claimType: body.claimType,
        correlationId: body.correlationId,
        createdDate: bangkokParts(ctx.nowMs()).dateTime,
      };
      return ok(out);
    }
    const { code } = ctx.issueCode({
      kind: 'PP',
      pid: p.pid,
      hcode,
      claimType: body.claimType,
      channel: channelOf(req, 'AGENT'),
      method: 'SMART_CARD',
      certifier: certifierOf(req),
      hn: body.hn ?? null,
      mobile: body.mobile,
      idempotencyKey: `agent:${body.correlationId}`,
    });
    const out: AgentConfirmSaveResponse = {
      pid: code.pid,
      claimType: code.claimType,
      correlationId: body.correlationId,
      createdDate: code.createdAt,
      claimCode: code.claimCode,
      hn: code.hn,
      hcode: code.hcode,
      mobile: code.mobile,
    };
    return ok(out, true);
  };
  const activePp = (pid: string) =>
    store.codesOfPid(pid).filter((c) => c.kind === 'PP' && c.status !== 'cancelled');

  return [
    route('terminals', 'GET', AGENT_PATHS.terminals, () => {
      const out: AgentTerminalsResponse = [
        { terminalName: READER_NAME, isPresent: state.cardPid !== undefined },
      ];
      return ok(out);
    }),
    route('read', 'GET', AGENT_PATHS.read, async (req) => {
      const p = insertedPerson();
      const correlationId = randomUUID();
      const image = q(req, 'readImageFlag') === 'true' ? await photoOf(p) : undefined;
      const out: AgentReadCardResponse = {
        ...agentCardFields(p, ctx.nowMs(), correlationId, image),
        ...agentRightFields(p, ctx.nowMs()),
        correlationId,
      };
      return ok(out);
    }),
    route('read-card-only', 'GET', AGENT_PATHS.readCardOnly, async (req) => {
      const p = insertedPerson();
      const correlationId = randomUUID();
      const image = q(req, 'readImageFlag') === 'true' ? await photoOf(p) : undefined;
      return ok(agentCardFields(p, ctx.nowMs(), correlationId, image));
    }),
    route('probe', 'GET', AGENT_PATHS.probe, (req) => {
      const p = ctx.requirePerson(req.params.pid ?? '');
      const { correlationId: _c, image: _i, ...rest } = agentCardFields(p, ctx.nowMs(), '');
      const out: AgentProbeResponse = { ...rest, ...agentRightFields(p, ctx.nowMs()) };
      return ok(out);
    }),
    route('save-as-draft', 'POST', AGENT_PATHS.saveDraft, (req) => confirm(req, true)),
    route('confirm-save', 'POST', AGENT_PATHS.confirmSave, (req) => confirm(req, false)),
    route('latest-authen-code', 'GET', AGENT_PATHS.latestAuthenCode, (req) => {
      const latest = activePp(ctx.requirePerson(req.params.pid ?? '').pid)[0];
      return ok(
        latest ? agentCodeItem(latest, ctx.nowMs()) : { checkDate: bangkokParts(ctx.nowMs()).dateTime },
      );
    }),
    route('latest-5', 'GET', AGENT_PATHS.latestAuthenCodes, (req) => {
      const out: AgentLatestAuthenCodesResponse = activePp(ctx.requirePerson(req.params.pid ?? '').pid)
        .slice(0, 5)
        .map((c) => agentCodeItem(c, ctx.nowMs()));
      return ok(out);
    }),
    route('preference', 'GET', AGENT_PATHS.preference, () =>
      ok({ hcode: ctx.defaultHcode, version: 'authenkit-sandbox' }),
    ),
  ];
}
