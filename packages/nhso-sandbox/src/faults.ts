import { SandboxError } from './errors.js';
import { createRandom, type SeededRandom } from './random.js';

/**
 * One fault-injection rule. `route` is a route id (see the README table, e.g. `check-authen-status`,
 * `claim-detail`, `confirm-save`) or `*` for every route. Rates are probabilities in [0, 1].
 *
 * @example
 * ```ts
 * import type { FaultRule } from '@authenkit/nhso-sandbox';
 * const slowAndFlaky: FaultRule = { route: 'claim-detail', latencyMs: [50, 200], errorRate: 0.1, resetAfterCommitRate: 0.05 };
 * console.log(slowAndFlaky.route);
 * ```
 */
export interface FaultRule {
  /** Route id or `*`. */
  route: string;
  /** Added latency: fixed ms or a `[min, max]` range. */
  latencyMs?: number | [number, number];
  /** Probability of answering HTTP 500 without running the handler. */
  errorRate?: number;
  /** Probability of answering HTTP 429 with `Retry-After` (without running the handler). */
  rateLimitRate?: number;
  /** `Retry-After` seconds for 429s. Default 1. */
  retryAfterSeconds?: number;
  /** Probability of resetting the connection AFTER the handler committed its change. */
  resetAfterCommitRate?: number;
  /** Probability of sending a truncated (malformed) JSON body with status 200. */
  malformedJsonRate?: number;
  /**
   * Late commit: read the body, wait this long (fixed ms or `[min, max]`), THEN run the handler — it commits
   * even when the client has given up meanwhile, and answers if the connection is still open.
   */
  commitDelayMs?: number | [number, number];
  /** Probability of committing and then never answering (the connection stays silent until the client gives up). */
  dropAfterCommitRate?: number;
}

/**
 * Fault-injection settings: a seed (deterministic sequence of decisions) and rules.
 *
 * @example
 * ```ts
 * import type { FaultConfig } from '@authenkit/nhso-sandbox';
 * const cfg: FaultConfig = { seed: 7, rules: [{ route: '*', rateLimitRate: 0.2 }] };
 * console.log(cfg.rules.length);
 * ```
 */
export interface FaultConfig {
  /** Seed of the decision stream. Default 1. */
  seed?: number;
  /** Rules; the first matching rule (exact id before `*`) applies. */
  rules: FaultRule[];
}

/**
 * What the injector decided for one request.
 *
 * @example
 * ```ts
 * import { createFaultInjector } from '@authenkit/nhso-sandbox';
 * const d = createFaultInjector({ rules: [] }).decide('confirm-save');
 * console.log(d.latencyMs, d.before); // 0 undefined
 * ```
 */
export interface FaultDecision {
  /** Delay before handling. */
  latencyMs: number;
  /** Answer before running the handler. */
  before: 'error' | 'rate-limit' | undefined;
  /** Retry-After seconds for `rate-limit`. */
  retryAfterSeconds: number;
  /** Delay between reading the body and running the handler (late commit). */
  commitDelayMs: number;
  /** What to do to the response after the handler ran. */
  after: 'reset' | 'drop' | 'malformed' | undefined;
}

/**
 * A fault injector: deterministic per seed (the n-th decision for a route is always the same).
 *
 * @example
 * ```ts
 * import { createFaultInjector } from '@authenkit/nhso-sandbox';
 * const f = createFaultInjector({ seed: 3, rules: [{ route: '*', errorRate: 0.5 }] });
 * console.log(f.decide('realperson').before);
 * ```
 */
export interface FaultInjector {
  /** Decide for one request on `routeId`. */
  decide(routeId: string): FaultDecision;
  /** Current configuration. */
  config(): FaultConfig;
  /** Replace the configuration (restarts the decision streams). */
  configure(config: FaultConfig): void;
}

const checkRate = (name: string, v: number | undefined): void => {
  if (v !== undefined && !(typeof v === 'number' && v >= 0 && v <= 1))
    throw new SandboxError('INVALID_ARGUMENT', `${name} must be a number in [0, 1]`);
};

const checkDelay = (name: string, l: unknown): void => {
  const ms = (x: unknown) => typeof x === 'number' && x >= 0 && x <= 60_000;
  if (l !== undefined && !ms(l) && !(Array.isArray(l) && l.length === 2 && l.every(ms) && l[0] <= l[1]))
    throw new SandboxError('INVALID_ARGUMENT', `${name} must be 0..60000 or [min, max]`);
};

const parseDelay = (v: string): number | [number, number] => {
  const m = /^(\d+)(?:-(\d+))?$/.exec(v);
  if (!m) throw new SandboxError('INVALID_ARGUMENT', `bad delay "${v}"`);
  return m[2] ? [Number(m[1]), Number(m[2])] : Number(m[1]);
};

const pickDelay = (l: number | [number, number] | undefined, a: number): number =>
  l === undefined ? 0 : typeof l === 'number' ? l : Math.round(l[0] + a * (l[1] - l[0]));

/**
 * Validate a {@link FaultConfig} (throws `SandboxError('INVALID_ARGUMENT')`).
 *
 * @example
 * ```ts
 * import { validateFaultConfig } from '@authenkit/nhso-sandbox';
 * validateFaultConfig({ rules: [{ route: '*', errorRate: 0.1 }] });
 * ```
 */
export function validateFaultConfig(config: unknown): FaultConfig {
  if (typeof config !== 'object' || config === null || !Array.isArray((config as FaultConfig).rules))
    throw new SandboxError('INVALID_ARGUMENT', 'fault config needs a rules array');
  const c = config as FaultConfig;
  if (c.seed !== undefined && !Number.isInteger(c.seed))
    throw new SandboxError('INVALID_ARGUMENT', 'seed must be an integer');
  for (const r of c.rules) {
    if (typeof r !== 'object' || r === null || typeof r.route !== 'string' || r.route === '')
      throw new SandboxError('INVALID_ARGUMENT', 'every rule needs a route');
    checkRate('errorRate', r.errorRate);
    checkRate('rateLimitRate', r.rateLimitRate);
    checkRate('resetAfterCommitRate', r.resetAfterCommitRate);
    checkRate('malformedJsonRate', r.malformedJsonRate);
    checkRate('dropAfterCommitRate', r.dropAfterCommitRate);
    checkDelay('latencyMs', r.latencyMs);
    checkDelay('commitDelayMs', r.commitDelayMs);
  }
  return { seed: c.seed ?? 1, rules: c.rules.map((r) => ({ ...r })) };
}

/**
 * Parse the CLI form of fault rules: rules separated by `;`, fields by `,`:
 * `route=claim-detail,latency=50-200,error=0.1,429=0.05,retry-after=2,reset=0.1,malformed=0.05`; late commits
 * `route=confirm-save,commit-delay=300` (or `300-500`) and `drop=1` (commit, then never answer).
 *
 * @example
 * ```ts
 * import { parseFaultSpec } from '@authenkit/nhso-sandbox';
 * console.log(parseFaultSpec('route=*,latency=100;route=confirm-save,reset=0.5').rules.length); // 2
 * ```
 */
export function parseFaultSpec(spec: string, seed?: number): FaultConfig {
  const rules: FaultRule[] = [];
  for (const part of spec
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const rule: FaultRule = { route: '*' };
    for (const kv of part.split(',')) {
      const [k, v = ''] = kv.split('=').map((s) => s.trim()) as [string, string?];
      const num = Number(v);
      switch (k) {
        case 'route':
          rule.route = v;
          break;
        case 'latency':
          rule.latencyMs = parseDelay(v);
          break;
        case 'commit-delay':
          rule.commitDelayMs = parseDelay(v);
          break;
        case 'drop':
          rule.dropAfterCommitRate = num;
          break;
        case 'error':
          rule.errorRate = num;
          break;
        case '429':
        case 'rate-limit':
          rule.rateLimitRate = num;
          break;
        case 'retry-after':
          rule.retryAfterSeconds = num;
          break;
        case 'reset':
          rule.resetAfterCommitRate = num;
          break;
        case 'malformed':
          rule.malformedJsonRate = num;
          break;
        default:
          throw new SandboxError('INVALID_ARGUMENT', `unknown fault field "${k}"`);
      }
    }
    rules.push(rule);
  }
  return validateFaultConfig({ seed, rules });
}

/**
 * Create a {@link FaultInjector}. Off (no rules) unless configured.
 *
 * @example
 * ```ts
 * import { createFaultInjector } from '@authenkit/nhso-sandbox';
 * const f = createFaultInjector();
 * f.configure({ seed: 1, rules: [{ route: 'confirm-save', resetAfterCommitRate: 1 }] });
 * console.log(f.decide('confirm-save').after); // 'reset'
 * ```
 */
export function createFaultInjector(initial: FaultConfig = { rules: [] }): FaultInjector {
  let cfg = validateFaultConfig(initial);
  let streams = new Map<string, SeededRandom>();
  const stream = (id: string): SeededRandom => {
    let s = streams.get(id);
    if (!s) {
      s = createRandom(`faults:${cfg.seed}:${id}`);
      streams.set(id, s);
    }
    return s;
  };
  return {
    config: () => ({ seed: cfg.seed, rules: cfg.rules.map((r) => ({ ...r })) }),
    configure: (c) => {
      cfg = validateFaultConfig(c);
      streams = new Map();
    },
    decide: (routeId) => {
      const rule = cfg.rules.find((r) => r.route === routeId) ?? cfg.rules.find((r) => r.route === '*');
      const none: FaultDecision = {
        latencyMs: 0,
        before: undefined,
        retryAfterSeconds: 1,
        commitDelayMs: 0,
        after: undefined,
      };
      if (!rule) return none;
      const r = stream(routeId);
      // Always draw the same number of values so each decision is independent of the rule's rates.
      const [a, b, c, d, e] = [r.next(), r.next(), r.next(), r.next(), r.next()];
      const latencyMs = pickDelay(rule.latencyMs, a);
      // Late-commit faults draw from their own stream, so older configs keep their decision sequence.
      let commitDelayMs = 0;
      let drop = false;
      if (rule.commitDelayMs !== undefined || rule.dropAfterCommitRate !== undefined) {
        const late = stream(`${routeId}:late`);
        const [f, g] = [late.next(), late.next()];
        commitDelayMs = pickDelay(rule.commitDelayMs, f);
        drop = g < (rule.dropAfterCommitRate ?? 0);
      }
      const before =
        b < (rule.errorRate ?? 0) ? 'error' : c < (rule.rateLimitRate ?? 0) ? 'rate-limit' : undefined;
      const after = drop
        ? 'drop'
        : d < (rule.resetAfterCommitRate ?? 0)
          ? 'reset'
          : e < (rule.malformedJsonRate ?? 0)
            ? 'malformed'
            : undefined;
      return { latencyMs, before, retryAfterSeconds: rule.retryAfterSeconds ?? 1, commitDelayMs, after };
    },
  };
}
