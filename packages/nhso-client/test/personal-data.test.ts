import { inspect } from 'node:util';
import {
  createAgentClient,
  createNhsoClient,
  createUcwsClient,
  type NhsoError,
} from '@authenkit/nhso-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection as err, json, PID, startServer, type TestServer, text } from './helpers/server.js';

// Issue 12: every 13-digit citizen ID that reaches an error (validator issues, NHSO's own messages, SOAP
// faults, the cause's message) is masked in `message`, `toJSON()` and what a logger prints.
let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv.close());

const ID_RUN = /(?<!\d)\d{13}(?!\d)/;

function expectNoPid(e: NhsoError): void {
  const shown = [e.message, JSON.stringify(e), JSON.stringify(e.toJSON()), inspect(e, { depth: 8 })];
  for (const s of shown) {
    expect(s).not.toMatch(ID_RUN);
    expect(s).not.toContain(PID.slice(5, 10));
  }
}

const nhso = () => createNhsoClient({ token: 't', environment: { baseUrl: srv.url }, retry: { retries: 0 } });

describe('no unmasked citizen ID in an NhsoError', () => {
  it('a numeric pid echoed by the validator (details.issues)', async () => {
    srv.handle((_q, r) => json(r, 200, { pid: Number(PID), fname: 'ก' }));
    const e = await err(createAgentClient({ baseUrl: srv.url }).readCard());
    expect(e.code).toBe('BAD_RESPONSE');
    expect((e.details?.issues ?? []).join(' ')).toContain('1-1017-xxxxx-xx-0');
    expectNoPid(e);
  });

  it("NHSO's own error text with a PID (details.messages)", async () => {
    srv.handle((_q, r) => json(r, 400, { message: `personalId ${PID} is not registered` }));
    const e = await err(nhso().checkAuthenStatus({ personalId: PID, serviceDate: '2025-01-02' }));
    expect(e.code).toBe('VALIDATION');
    expect(e.details?.messages).toEqual(['personalId 1-1017-xxxxx-xx-0 is not registered']);
    expectNoPid(e);
  });

  it('a SOAP faultstring with a PID', async () => {
    srv.handle((_q, r) =>
      text(
        r,
        500,
        '<?xml version="1.0"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault>' +
          `<faultcode>S:Server</faultcode><faultstring>no person ${PID} in dataset</faultstring></S:Fault></S:Body></S:Envelope>`,
      ),
    );
    const e = await err(
      createUcwsClient({ endpoint: `${srv.url}/ucws`, retry: { retries: 0 } }).searchCurrentByPid({
        userPersonId: '3100100123451',
        smctoken: 'abcdEFGH12345678',
        personId: PID,
      }),
    );
    expect(e.code).toBe('BAD_RESPONSE');
    expect(e.details?.messages).toEqual(['no person 1-1017-xxxxx-xx-0 in dataset']);
    expectNoPid(e);
  });

  it('a body that is not JSON and quotes the PID (the parser error kept as cause)', async () => {
    srv.handle((_q, r) => json(r, 200, `x${PID}`)); // Node: Unexpected token 'x', "x1101700203450" is not valid JSON
    const e = await err(createAgentClient({ baseUrl: srv.url }).probe(PID));
    expect(e.code).toBe('BAD_RESPONSE');
    expectNoPid(e);
  });

  it('a timeout on a URL that carries the PID (the timeout error kept as cause)', async () => {
    srv.handle(async (_q, r) => {
      await new Promise((ok) => setTimeout(ok, 300));
      json(r, 200, {});
    });
    const e = await err(
      createAgentClient({ baseUrl: srv.url, retry: { retries: 0 } }).latestAuthenCode(PID, { timeoutMs: 50 }),
    );
    expect(e.code).toBe('TIMEOUT');
    expectNoPid(e);
  });
});
