import {
  type AgentAuthenCode,
  type AuthenStatus,
  type BatchResult,
  createAgentClient,
  createNhsoClient,
  type NhsoErrorCode,
  type VisitAuthenResult,
} from '@authenkit/nhso-client';
import type { AgentReadCardResponse, CheckAuthenStatusResponse } from '@authenkit/nhso-client/schemas';
import { describe, expectTypeOf, it } from 'vitest';

describe('public types', () => {
  it('client results', () => {
    const agent = createAgentClient();
    expectTypeOf(agent.latestAuthenCode).returns.resolves.toEqualTypeOf<AgentAuthenCode | null>();
    expectTypeOf(agent.latestAuthenCodes).returns.resolves.toEqualTypeOf<AgentAuthenCode[]>();
    expectTypeOf(agent.requestVisitAuthen).returns.resolves.toEqualTypeOf<VisitAuthenResult>();
    const nhso = createNhsoClient({ token: 't', environment: 'test' });
    expectTypeOf(nhso.checkAuthenStatus).returns.resolves.toEqualTypeOf<AuthenStatus>();
    expectTypeOf<BatchResult<{ personalId: string }>>().toHaveProperty('index').toEqualTypeOf<number>();
    // @ts-expect-error environment must be production | test | { baseUrl }
    createNhsoClient({ token: 't', environment: 'staging' });
  });

  it('wire types', () => {
    expectTypeOf<AgentReadCardResponse['pid']>().toEqualTypeOf<string>();
    expectTypeOf<AgentReadCardResponse['correlationId']>().toEqualTypeOf<string>();
    expectTypeOf<CheckAuthenStatusResponse>().not.toBeAny();
    expectTypeOf<'NOT_ISSUED'>().toExtend<NhsoErrorCode>();
  });
});
