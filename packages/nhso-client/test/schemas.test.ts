import {
  AGENT_PATHS,
  AgentConfirmSaveRequestSchema,
  AgentLatestAuthenCodesResponseSchema,
  AgentReadCardResponseSchema,
  CheckAuthenStatusFlatSchema,
  CheckAuthenStatusNestedSchema,
  CheckAuthenStatusResponseSchema,
  CheckAuthenStatusStringResultsSchema,
  ClaimDetailRequestSchema,
  fillPath,
  NHSO_DATASET_C1_FIELDS,
  NHSO_PATHS,
  SrmAccessTokenResponseSchema,
} from '@authenkit/nhso-client/schemas';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';

describe('schemas', () => {
  it('fills path templates and encodes values', () => {
    expect(fillPath(AGENT_PATHS.latestAuthenCodes, { pid: '1101700203450' })).toBe(
      '/api/nhso-service/latest-5-authen-code-all-hospital/1101700203450',
    );
    expect(fillPath(AGENT_PATHS.probe, { pid: 'a/b' })).toBe('/api/smartcard/probe/a%2Fb');
    expect(() => fillPath(AGENT_PATHS.probe, {})).toThrow(TypeError);
    expect(NHSO_PATHS.srmRightSearch).toBe('/api/ucws/v1/right-search');
  });

  it('keeps unknown fields of loose objects', () => {
    const r = v.parse(AgentReadCardResponseSchema, { pid: '1101700203450', correlationId: 'x', extra: 1 });
    expect(r.extra).toBe(1);
  });

  it('tells the three authen-status shapes apart', () => {
    const nested = { statusAuthen: true, mainInscl: { id: 'UCS', name: 'x' }, serviceHistories: [] };
    const flat = {
      statusAuthen: 'TRUE',
      mainInscl: 'UCS',
      serviceHistories: [{ hcode: '10699', serviceDate: '2023-10-06T15:16:38', claimCode: 'PP1015363237' }],
    };
    const str = { success: true, results: '[]' };
    expect(v.is(CheckAuthenStatusNestedSchema, nested)).toBe(true);
    expect(v.is(CheckAuthenStatusNestedSchema, flat)).toBe(false);
    expect(v.is(CheckAuthenStatusFlatSchema, flat)).toBe(true);
    expect(v.is(CheckAuthenStatusFlatSchema, nested)).toBe(false);
    expect(v.is(CheckAuthenStatusStringResultsSchema, str)).toBe(true);
    expect(v.is(CheckAuthenStatusResponseSchema, 'nope')).toBe(false);
  });

  it('accepts the latest-5 single-object quirk and arrays', () => {
    expect(v.is(AgentLatestAuthenCodesResponseSchema, { claimCode: 'PP1' })).toBe(true);
    expect(v.is(AgentLatestAuthenCodesResponseSchema, [{ claimCode: 'PP1' }])).toBe(true);
    expect(v.is(AgentLatestAuthenCodesResponseSchema, null)).toBe(true);
  });

  it('validates requests strictly', () => {
    const ok = { pid: '1101700203450', claimType: 'PG0060001', mobile: '0812345678', correlationId: 'c' };
    expect(v.is(AgentConfirmSaveRequestSchema, ok)).toBe(true);
    expect(v.is(AgentConfirmSaveRequestSchema, { ...ok, mobile: '081' })).toBe(false);
    const claim = {
      hcode: '10699',
      mainInsclCode: 'UCS',
      serviceDateTime: 1,
      invoiceDateTime: 1,
      transactionId: '10699202501020800001a2b3c',
      totalAmount: 1,
      paidAmount: 0,
      privilegeAmount: 1,
      claimServiceCode: 'PG0060001',
      pid: '1101700203450',
      sourceId: 'HIS',
      visitNumber: 'VN1',
      recorderPid: '1101700203450',
    };
    expect(v.is(ClaimDetailRequestSchema, claim)).toBe(true);
    expect(v.is(ClaimDetailRequestSchema, { ...claim, transactionId: '99999202501020800001a2b3c' })).toBe(
      false,
    );
    expect(v.is(ClaimDetailRequestSchema, { ...claim, totalAmount: 100_000_000 })).toBe(false);
  });

  it('requires an access token in either spelling', () => {
    expect(v.is(SrmAccessTokenResponseSchema, { access_token: 'a' })).toBe(true);
    expect(v.is(SrmAccessTokenResponseSchema, { 'access-token': 'a' })).toBe(true);
    expect(v.is(SrmAccessTokenResponseSchema, { refresh_token: 'r' })).toBe(false);
  });

  it('lists the 63 nhsoDataSetC1 elements in XSD order, without duplicates', () => {
    expect(new Set(NHSO_DATASET_C1_FIELDS).size).toBe(NHSO_DATASET_C1_FIELDS.length);
    expect(NHSO_DATASET_C1_FIELDS.at(-1)).toBe('wsid_batch');
  });
});
