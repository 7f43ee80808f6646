import { createHash } from 'node:crypto';
import { isValidCitizenId } from '@authenkit/authen-code';
import { bangkokParts, type Clock, systemClock } from '../clock.js';
import { SandboxError } from '../errors.js';
import { createFaultInjector, type FaultInjector } from '../faults.js';
import { generatePopulation, type SandboxPerson, type SandboxPopulation } from '../population.js';
import type { AuthenStatusShape } from '../responses.js';
import type { IssueCodeInput, SandboxOptions } from '../sandbox.js';
import { type IssueResult, type NewCode, openStore, type SandboxStore } from '../store.js';
import { SANDBOX_DEV_TOKEN } from './paths.js';

/**
 * Everything a route module needs: the store, the population, the clock, the mutable simulator state (shape,
 * card in the reader) and the people and issuance helpers every route group shares.
 * @internal
 */
export interface SandboxContext {
  readonly options: SandboxOptions;
  readonly clock: Clock;
  readonly population: SandboxPopulation;
  readonly store: SandboxStore;
  readonly faults: FaultInjector;
  /** Static (admin) bearer tokens. */
  readonly staticTokens: ReadonlySet<string>;
  /** The staff account static tokens act as. */
  readonly devStaff: SandboxPerson;
  /** Unit of the Agent paths when a request names none. */
  readonly defaultHcode: string;
  readonly log: (line: string) => void;
  /** Mutable simulator state. */
  readonly state: { shape: AuthenStatusShape; cardPid: string | undefined; url: string };
  nowMs(): number;
  /** A person of the population, or `undefined`. */
  person(pid: string): SandboxPerson | undefined;
  /** A person of the population; `INVALID_REQUEST` for a bad PID, `PERSON_NOT_FOUND` for an unknown one. */
  requirePerson(pid: string): SandboxPerson;
  /** Issue a code with the rules every route shares (deceased, hcode, idempotency, same-day duplicate). */
  issueCode(input: IssueCodeInput): IssueResult;
}

const fingerprint = (o: unknown): string => createHash('sha256').update(JSON.stringify(o)).digest('hex');

/** @internal Build the context of one sandbox (opens the store). */
export function createContext(options: SandboxOptions): SandboxContext {
  const clock = options.clock ?? systemClock;
  const population = generatePopulation({ seed: options.seed ?? 1, size: options.people ?? 500 });
  const devStaff = population.staff[0] ?? population.people[0];
  if (!devStaff) throw new SandboxError('INVALID_ARGUMENT', 'population is empty');
  const faults = createFaultInjector(options.faults ?? { rules: [] });
  const store = openStore({ path: options.db ?? ':memory:', seed: options.seed ?? 1 });
  const nowMs = (): number => clock.now();
  const person = (pid: string): SandboxPerson | undefined => population.get(pid);
  const requirePerson = (pid: string): SandboxPerson => {
    if (!isValidCitizenId(pid))
      throw new SandboxError('INVALID_REQUEST', 'invalid citizen ID', {
        details: { field: 'pid', reasonTh: 'เลขประจำตัวประชาชนไม่ถูกต้อง' },
      });
    const p = person(pid);
    if (!p) throw new SandboxError('PERSON_NOT_FOUND', 'person not found');
    return p;
  };
  const issueCode = (input: IssueCodeInput): IssueResult => {
    const p = requirePerson(input.pid);
    if (p.deathDate)
      throw new SandboxError('FORBIDDEN', 'the person is recorded as deceased', {
        status: 400,
        details: { reason: 'deceased', reasonTh: 'ผู้รับบริการมีสถานะเสียชีวิต' },
      });
    if (!/^\d{5}$/.test(input.hcode))
      throw new SandboxError('INVALID_REQUEST', 'hcode must be 5 digits', { details: { field: 'hcode' } });
    const svc = bangkokParts(input.serviceTime ?? nowMs());
    const newCode: NewCode = {
      kind: input.kind,
      pid: p.pid,
      hcode: input.hcode,
      claimType: input.claimType,
      serviceDate: svc.date,
      serviceDateTime: svc.dateTime,
      createdAt: bangkokParts(nowMs()).dateTime,
      channel: input.channel ?? 'AGENT',
      method: input.method ?? 'SMART_CARD',
      certifier: input.certifier ?? 'PATIENT',
      recorderPid: input.recorderPid ?? null,
      hn: input.hn ?? null,
      an: input.an ?? null,
      mobile: input.mobile ?? null,
      transactionId: input.transactionId ?? null,
    };
    const fp = fingerprint({
      k: newCode.kind,
      p: newCode.pid,
      h: newCode.hcode,
      c: newCode.claimType,
      d: newCode.serviceDate,
    });
    return store.issue(newCode, input.idempotencyKey, fp);
  };
  return {
    options,
    clock,
    population,
    store,
    faults,
    staticTokens: new Set(options.tokens && options.tokens.length > 0 ? options.tokens : [SANDBOX_DEV_TOKEN]),
    devStaff,
    defaultHcode: options.hcode ?? devStaff.staff?.hcode ?? '10699',
    log: options.log ?? (() => {}),
    state: { shape: options.authenStatusShape ?? 'nested', cardPid: undefined, url: '' },
    nowMs,
    person,
    requirePerson,
    issueCode,
  };
}
