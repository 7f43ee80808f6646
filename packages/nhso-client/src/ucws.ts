import { XMLParser } from 'fast-xml-parser';
import { assertPid, type CallOptions, type ClientOptions, DEFAULT_RETRY, transportConfig } from './common.js';
import { NhsoError } from './errors.js';
import { send } from './http.js';
import { normalizeDataSetC1, type UcwsPerson } from './normalize.js';
import { validate, validateRequest } from './response.js';
import {
  NHSO_BASE_URLS,
  NHSO_PATHS,
  type NhsoDataSetC1,
  NhsoDataSetC1Schema,
  SoapFaultSchema,
  UCWS_NAMESPACE,
  UCWS_STATUS_OK,
  UCWS_STATUS_TOKEN_EXPIRED,
  UcwsSearchCurrentByPidRequestSchema,
} from './schemas.js';

/**
 * Options of {@link createUcwsClient}.
 *
 * @example
 * ```ts
 * import { createUcwsClient, type UcwsClientOptions } from '@authenkit/nhso-client';
 * const o: UcwsClientOptions = { endpoint: 'http://ucws.nhso.go.th/ucwstokenp1/UCWSTokenP1', timeoutMs: 15_000 };
 * createUcwsClient(o);
 * ```
 */
export interface UcwsClientOptions extends ClientOptions {
  /** SOAP endpoint URL. Default: production UCWS. */
  endpoint?: string;
  /** Budget per call, ms. Default 15 000. */
  timeoutMs?: number;
}

/**
 * Input of `searchCurrentByPid`.
 *
 * @example
 * ```ts
 * import type { UcwsSearchInput } from '@authenkit/nhso-client';
 * const q: UcwsSearchInput = { userPersonId: '3100100123451', smctoken: 'abcdEFGH12345678', personId: '1101700203450' };
 * ```
 */
export interface UcwsSearchInput {
  /** CID of the UCAuthentication token owner. */
  userPersonId: string;
  /** The token (from UCAuthentication MX). Never logged. */
  smctoken: string;
  /** Patient CID. */
  personId: string;
}

/**
 * Client of the legacy UCWS SOAP service.
 *
 * @example
 * ```ts
 * import { createUcwsClient, type UcwsClient } from '@authenkit/nhso-client';
 * const ucws: UcwsClient = createUcwsClient({ endpoint: `${process.env.NHSO_BASE_URL}/ucwstokenp1/UCWSTokenP1` });
 * ```
 */
export interface UcwsClient {
  /**
   * SOAP `searchCurrentByPID`. `ws_status` `NHSO-000001` → result; `NHSO-00003` → `TOKEN_EXPIRED`;
   * SOAP Fault → `BAD_RESPONSE` with the fault string in `details.messages`.
   */
  searchCurrentByPid(input: UcwsSearchInput, options?: CallOptions): Promise<UcwsPerson>;
}

const xmlEscape = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

/**
 * Builds the SOAP 1.1 request envelope of `searchCurrentByPID` (pure).
 *
 * @example
 * ```ts
 * import { buildSearchCurrentByPidEnvelope } from '@authenkit/nhso-client';
 * const xml = buildSearchCurrentByPidEnvelope({ userPersonId: '3100100123451', smctoken: 'abc', personId: '1101700203450' });
 * console.log(xml.includes('<person_id>1101700203450</person_id>')); // true
 * ```
 */
export function buildSearchCurrentByPidEnvelope(input: UcwsSearchInput): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tok="${UCWS_NAMESPACE}">` +
    '<S:Body><tok:searchCurrentByPID>' +
    `<user_person_id>${xmlEscape(input.userPersonId)}</user_person_id>` +
    `<smctoken>${xmlEscape(input.smctoken)}</smctoken>` +
    `<person_id>${xmlEscape(input.personId)}</person_id>` +
    '</tok:searchCurrentByPID></S:Body></S:Envelope>'
  );
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

/**
 * Parses a `searchCurrentByPIDResponse` (or Fault) envelope into `nhsoDataSetC1` (pure).
 *
 * @throws {@link NhsoError} `BAD_RESPONSE` for a Fault or unexpected XML
 * @example
 * ```ts
 * import { parseSearchCurrentByPidResponse } from '@authenkit/nhso-client';
 * const xml = '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:searchCurrentByPIDResponse xmlns:ns2="http://tokenws.ucws.nhso.go.th/"><return><ws_status>NHSO-000001</ws_status><fname>สมชาย</fname></return></ns2:searchCurrentByPIDResponse></S:Body></S:Envelope>';
 * console.log(parseSearchCurrentByPidResponse(xml).ws_status); // 'NHSO-000001'
 * ```
 */
export function parseSearchCurrentByPidResponse(xml: string, status?: number): NhsoDataSetC1 {
  const op = 'ucws.searchCurrentByPid';
  let doc: unknown;
  try {
    doc = parser.parse(xml, true);
  } catch (e) {
    throw new NhsoError('BAD_RESPONSE', `${op}: response is not XML`, {
      cause: e,
      ...(status === undefined ? {} : { status }),
      details: { operation: op },
    });
  }
  const body = (doc as { Envelope?: { Body?: Record<string, unknown> } })?.Envelope?.Body;
  if (!body || typeof body !== 'object')
    throw new NhsoError('BAD_RESPONSE', `${op}: no SOAP Body`, {
      ...(status === undefined ? {} : { status }),
      details: { operation: op },
    });
  if (body.Fault !== undefined) {
    const f = validate(typeof body.Fault === 'object' ? body.Fault : {}, SoapFaultSchema, op, status);
    throw new NhsoError('BAD_RESPONSE', `${op}: SOAP Fault ${f.faultcode ?? ''}`.trim(), {
      ...(status === undefined ? {} : { status }),
      details: { operation: op, messages: f.faultstring ? [f.faultstring] : [], fault: f.faultcode ?? null },
    });
  }
  const resp = body.searchCurrentByPIDResponse as { return?: unknown } | undefined;
  if (!resp || typeof resp !== 'object' || resp.return === undefined)
    throw new NhsoError('BAD_RESPONSE', `${op}: no searchCurrentByPIDResponse/return`, {
      ...(status === undefined ? {} : { status }),
      details: { operation: op },
    });
  const ret = resp.return === '' ? {} : resp.return;
  return validate(ret, NhsoDataSetC1Schema, op, status);
}

/**
 * Creates a client of the legacy UCWS SOAP service (`searchCurrentByPID`). XML is built and parsed
 * with fast-xml-parser, never sliced as strings.
 *
 * @example
 * ```ts
 * import { createUcwsClient, isNhsoError } from '@authenkit/nhso-client';
 * const ucws = createUcwsClient({ endpoint: `${process.env.NHSO_BASE_URL}/ucwstokenp1/UCWSTokenP1` });
 * try {
 *   const p = await ucws.searchCurrentByPid({ userPersonId: '3100100123451', smctoken: 'abcdEFGH12345678', personId: '1101700203450' });
 *   console.log(p.found, p.mainInscl?.code);
 * } catch (e) {
 *   if (isNhsoError(e, 'TOKEN_EXPIRED')) console.error('renew the UCAuthentication token');
 * }
 * ```
 */
export function createUcwsClient(options: UcwsClientOptions = {}): UcwsClient {
  const endpoint = options.endpoint ?? NHSO_BASE_URLS.production.ucws + NHSO_PATHS.ucws;
  const cfg = transportConfig(options, 'NETWORK');
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  return {
    async searchCurrentByPid(input, opts) {
      const op = 'ucws.searchCurrentByPid';
      assertPid(input.personId, op, 'personId');
      assertPid(input.userPersonId, op, 'userPersonId');
      validateRequest(
        { user_person_id: input.userPersonId, smctoken: input.smctoken, person_id: input.personId },
        UcwsSearchCurrentByPidRequestSchema,
        op,
      );
      const res = await send(cfg, {
        operation: op,
        method: 'POST',
        url: endpoint,
        body: buildSearchCurrentByPidEnvelope(input),
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
        timeoutMs: opts?.timeoutMs ?? options.timeoutMs ?? 15_000,
        idempotent: true,
        retry,
        retryStatuses: [502, 503, 504],
        signal: opts?.signal,
      });
      if ((res.status < 200 || res.status >= 300) && res.status !== 500)
        throw new NhsoError('BAD_RESPONSE', `${op}: unexpected status (HTTP ${res.status})`, {
          status: res.status,
          details: { operation: op },
        });
      const data = parseSearchCurrentByPidResponse(res.text, res.status);
      if (res.status === 500)
        throw new NhsoError('BAD_RESPONSE', `${op}: HTTP 500 without a SOAP Fault`, {
          status: 500,
          details: { operation: op },
        });
      if (data.ws_status === UCWS_STATUS_TOKEN_EXPIRED)
        throw new NhsoError(
          'TOKEN_EXPIRED',
          `${op}: UCAuthentication token expired (${UCWS_STATUS_TOKEN_EXPIRED})`,
          {
            details: {
              operation: op,
              wsStatus: data.ws_status,
              messages: data.ws_status_desc ? [data.ws_status_desc] : [],
            },
          },
        );
      if (data.ws_status && data.ws_status !== UCWS_STATUS_OK)
        throw new NhsoError('BAD_RESPONSE', `${op}: ws_status ${data.ws_status}`, {
          details: {
            operation: op,
            wsStatus: data.ws_status,
            messages: data.ws_status_desc ? [data.ws_status_desc] : [],
          },
        });
      return normalizeDataSetC1(data);
    },
  };
}
