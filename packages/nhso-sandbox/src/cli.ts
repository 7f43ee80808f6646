import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { maskCitizenIdsInText } from '@authenkit/authen-code';
import {
  type Agent,
  type AgentCardSource,
  readerManagerCardSource,
  startAgent,
  virtualCardSource,
} from './agent.js';
import { personToCardSpec } from './card.js';
import { isSandboxError, thaiText } from './errors.js';
import { parseFaultSpec } from './faults.js';
import { ageInYears, generatePopulation } from './population.js';
import { SANDBOX_DEV_TOKEN, type Sandbox, startSandbox } from './sandbox.js';

const HELP = `nhso-sandbox — local simulator of the NHSO (สปสช.) APIs and an Agent-compatible service

Usage:
  nhso-sandbox serve [--port N] [--host H] [--db FILE] [--seed N] [--people N] [--token TOKEN]...
                     [--faults SPEC] [--fault-seed N] [--shape nested|flat|string-results]
                     [--allow-host NAME]... [--origin ORIGIN]... [--quiet]
  nhso-sandbox agent [--port 8189] [--virtual FILE | --person PID | (PC/SC readers by default)]
                     [--origin ORIGIN]... [--allow-host NAME]... [--hcode H] [--channel AGENT|KIOSK]
                     [--nhso URL --token TOKEN] [--seed N] [--people N] [--quiet]
  nhso-sandbox people [--limit N] [--json] [--seed N] [--people N]
  nhso-sandbox people --pid PID [--seed N] [--people N]
  nhso-sandbox help | --help | -h
  nhso-sandbox --version

Fault SPEC: route=claim-detail,latency=50-200,error=0.1,429=0.05,retry-after=2,reset=0.1,malformed=0.05;route=*,latency=20
  late commits: route=confirm-save,commit-delay=300 (commit after 300 ms) · drop=1 (commit, never answer)
Without --token, serve accepts the documented development token "${SANDBOX_DEV_TOKEN}".
Servers answer only a loopback Host unless --allow-host names another (DNS-rebinding guard).
Exit codes: 0 ok · 1 runtime error · 2 usage error.
`;

/** A usage error: exit code 2, one line. */
class UsageError extends Error {}

const COMMON = ['seed', 'people', 'help'];
const OPTIONS: Record<string, { values: string[]; flags: string[] }> = {
  serve: {
    values: [
      ...COMMON,
      'port',
      'host',
      'db',
      'token',
      'faults',
      'fault-seed',
      'shape',
      'allow-host',
      'origin',
    ],
    flags: ['quiet', 'help'],
  },
  agent: {
    values: [
      ...COMMON,
      'port',
      'host',
      'virtual',
      'person',
      'origin',
      'allow-host',
      'hcode',
      'channel',
      'nhso',
      'token',
    ],
    flags: ['quiet', 'help'],
  },
  people: { values: [...COMMON, 'limit', 'pid'], flags: ['json', 'help'] },
};

interface Args {
  _: string[];
  flags: Map<string, string[]>;
}

function parseArgs(cmd: string, argv: string[]): Args {
  const spec = OPTIONS[cmd] as { values: string[]; flags: string[] };
  const out: Args = { _: [], flags: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '-h') {
      out.flags.set('help', ['true']);
      continue;
    }
    if (!a.startsWith('-')) {
      out._.push(a);
      continue;
    }
    if (!a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    const eq = a.indexOf('=');
    const k = eq === -1 ? a.slice(2) : a.slice(2, eq);
    let val: string | undefined = eq === -1 ? undefined : a.slice(eq + 1);
    if (spec.flags.includes(k)) {
      if (val !== undefined) throw new UsageError(`--${k} takes no value`);
      val = 'true';
    } else if (spec.values.includes(k)) {
      if (val === undefined) {
        val = argv[i + 1];
        if (val === undefined || val.startsWith('--')) throw new UsageError(`--${k} needs a value`);
        i++;
      }
    } else throw new UsageError(`unknown option --${k} for "${cmd}"`);
    out.flags.set(k, [...(out.flags.get(k) ?? []), val]);
  }
  if (out._.length > 0) throw new UsageError(`unexpected argument "${out._[0]}"`);
  return out;
}

const one = (a: Args, k: string): string | undefined => a.flags.get(k)?.at(-1);
const int = (a: Args, k: string): number | undefined => {
  const v = one(a, k);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${k} must be a non-negative integer`);
  return n;
};

function version(): string {
  const require = createRequire(import.meta.url);
  return (require('../package.json') as { version: string }).version;
}

type Out = (s: string) => void;

function people(args: Args, out: Out, err: Out): number {
  const pop = generatePopulation({ seed: int(args, 'seed') ?? 1, size: int(args, 'people') ?? 500 });
  const pid = one(args, 'pid');
  if (pid) {
    const p = pop.get(pid);
    if (!p) {
      err('nhso-sandbox: person not found in this population (check --seed / --people)');
      return 1;
    }
    out(JSON.stringify({ ...p, cardSpec: personToCardSpec(p) }, null, 2));
    return 0;
  }
  const list = pop.people.slice(0, int(args, 'limit') ?? 20);
  if (args.flags.has('json')) {
    out(JSON.stringify(list, null, 2));
    return 0;
  }
  const now = Date.now();
  for (const p of list)
    out(
      [
        p.pid,
        `${p.titleTh}${p.firstNameTh} ${p.lastNameTh}`.padEnd(28),
        `${ageInYears(p.birthDate, now)}y`.padStart(4),
        (p.right?.mainInscl ?? '-').padEnd(4),
        p.right?.hospMain.hcode ?? '-----',
        p.staff ? `staff@${p.staff.hcode}` : '',
        p.deathDate ? 'deceased' : '',
      ].join('  '),
    );
  return 0;
}

async function serve(args: Args, out: Out, err: Out): Promise<Sandbox> {
  const seed = int(args, 'seed') ?? 1;
  const faultSpec = one(args, 'faults');
  const shape = one(args, 'shape');
  if (shape && shape !== 'nested' && shape !== 'flat' && shape !== 'string-results')
    throw new UsageError('--shape must be nested, flat or string-results');
  let faults: ReturnType<typeof parseFaultSpec> | undefined;
  try {
    faults = faultSpec ? parseFaultSpec(faultSpec, int(args, 'fault-seed') ?? seed) : undefined;
  } catch (e) {
    throw new UsageError(`--faults: ${(e as Error).message}`);
  }
  const sb = await startSandbox({
    port: int(args, 'port') ?? 8190,
    host: one(args, 'host') ?? '127.0.0.1',
    seed,
    people: int(args, 'people') ?? 500,
    ...(one(args, 'db') ? { db: one(args, 'db') as string } : {}),
    ...(args.flags.get('token') ? { tokens: args.flags.get('token') as string[] } : {}),
    ...(faults ? { faults } : {}),
    ...(shape ? { authenStatusShape: shape as 'nested' } : {}),
    allowedHosts: args.flags.get('allow-host') ?? [],
    allowedOrigins: args.flags.get('origin') ?? [],
    ...(args.flags.has('quiet') ? {} : { log: (l: string) => err(l) }),
  });
  out(`nhso-sandbox listening on ${sb.url}`);
  if (!args.flags.get('token')) out(`development bearer token: ${sb.token}`);
  // Staff PIDs are masked here like everywhere else: `nhso-sandbox people` lists them (staff@hcode).
  out(
    `database: ${sb.store.path}; people: ${sb.population.people.length} (seed ${seed}); staff: ${maskCitizenIdsInText(sb.population.staff.map((s) => s.pid).join(', '))} (full PIDs: nhso-sandbox people)`,
  );
  return sb;
}

async function agent(
  args: Args,
  out: Out,
  err: Out,
  onClose: (() => Promise<void>)[],
): Promise<Agent | number> {
  const seed = int(args, 'seed') ?? 1;
  const size = int(args, 'people') ?? 500;
  const nhso = one(args, 'nhso');
  const token = one(args, 'token');
  if (nhso && !token) throw new UsageError('--nhso needs --token');
  const channel = one(args, 'channel');
  if (channel !== undefined && channel !== 'AGENT' && channel !== 'KIOSK')
    throw new UsageError('--channel must be AGENT or KIOSK');
  let cards: AgentCardSource;
  const virtual = one(args, 'virtual');
  const personPid = one(args, 'person');
  if (virtual) cards = await virtualCardSource(JSON.parse(readFileSync(virtual, 'utf8')));
  else if (personPid) {
    const p = generatePopulation({ seed, size }).get(personPid);
    if (!p) throw new UsageError('--person is not in the population (check --seed / --people)');
    cards = await virtualCardSource(personToCardSpec(p));
  } else {
    // PC/SC (optional native binding): every attached reader, live presence.
    let pcsc: typeof import('@authenkit/thai-idcard/pcsc');
    try {
      pcsc = await import('@authenkit/thai-idcard/pcsc');
    } catch (e) {
      err(
        `nhso-sandbox: PC/SC support is not available (${(e as Error).message}); use --virtual FILE or --person PID`,
      );
      return 1;
    }
    const manager = pcsc.createPcscReaderManager();
    let told = false;
    manager.on('error', (e) => {
      if (told) return;
      told = true;
      err(
        `nhso-sandbox agent: no smart-card reader: ${e.message} [${e.code}]${e.messageTh ? ` — ${e.messageTh}` : ''}. Use --virtual FILE or --person PID without PC/SC.`,
      );
    });
    onClose.push(() => manager.close());
    cards = readerManagerCardSource(manager);
  }
  const a = await startAgent({
    cards,
    port: int(args, 'port') ?? 8189,
    ...(one(args, 'host') ? { host: one(args, 'host') as string } : {}),
    allowedOrigins: args.flags.get('origin') ?? [],
    allowedHosts: args.flags.get('allow-host') ?? [],
    ...(one(args, 'hcode') ? { hcode: one(args, 'hcode') as string } : {}),
    ...(channel === 'KIOSK' ? { channel: 'KIOSK' as const } : {}),
    ...(nhso && token ? { nhso: { url: nhso, token } } : { sandbox: { seed, people: size } }),
    ...(args.flags.has('quiet') ? {} : { log: (l: string) => err(l) }),
  });
  out(`nhso-sandbox agent listening on ${a.url}${a.sandbox ? ` (NHSO simulator at ${a.sandbox.url})` : ''}`);
  return a;
}

/** Runs the CLI; resolves with the exit code (servers resolve when stopped). */
export async function main(argv: string[], out: Out, err: Out): Promise<number> {
  const cmd = argv[0];
  if (cmd === '--version' || cmd === '-v') {
    out(version());
    return 0;
  }
  if (cmd === 'help' || cmd === '--help' || cmd === '-h') {
    out(HELP);
    return 0;
  }
  try {
    if (cmd === undefined) throw new UsageError('a command is needed: serve, agent or people');
    if (!OPTIONS[cmd]) throw new UsageError(`unknown ${cmd.startsWith('-') ? 'option' : 'command'} "${cmd}"`);
    const args = parseArgs(cmd, argv.slice(1));
    if (args.flags.has('help')) {
      out(HELP);
      return 0;
    }
    if (cmd === 'people') return people(args, out, err);
    const onClose: (() => Promise<void>)[] = [];
    const running = cmd === 'serve' ? await serve(args, out, err) : await agent(args, out, err, onClose);
    if (typeof running === 'number') return running;
    await new Promise<void>((resolve) => {
      const stop = () => {
        running
          .close()
          .then(() => Promise.all(onClose.map((f) => f().catch(() => {}))))
          .then(
            () => resolve(),
            () => resolve(),
          );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`nhso-sandbox: ${e.message} (see nhso-sandbox --help)`);
      return 2;
    }
    throw e;
  }
}

/** A closed stdout / stderr (`nhso-sandbox people | head -1`) ends the process quietly. */
const quietOnEpipe = (stream: NodeJS.WriteStream) =>
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
quietOnEpipe(process.stdout);
quietOnEpipe(process.stderr);

main(
  process.argv.slice(2),
  (s) => process.stdout.write(`${s}\n`),
  (s) => process.stderr.write(`${s}\n`),
).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const text = isSandboxError(e)
      ? `${e.message} [${e.code}] — ${thaiText(e)}`
      : e instanceof Error
        ? e.message
        : String(e);
    process.stderr.write(`nhso-sandbox: ${maskCitizenIdsInText(text)}\n`);
    process.exitCode = 1;
  },
);
