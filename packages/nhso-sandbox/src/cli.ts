import { readFileSync } from 'node:fs';
import {
  type Agent,
  type AgentCardSource,
  readerManagerCardSource,
  startAgent,
  virtualCardSource,
} from './agent.js';
import { personToCardSpec } from './card.js';
import { isSandboxError } from './errors.js';
import { parseFaultSpec } from './faults.js';
import { ageInYears, generatePopulation } from './population.js';
import { SANDBOX_DEV_TOKEN, type Sandbox, startSandbox } from './sandbox.js';

const HELP = `nhso-sandbox — local simulator of the NHSO (สปสช.) APIs and an Agent-compatible service

Usage:
  nhso-sandbox serve [--port N] [--host H] [--db FILE] [--seed N] [--people N] [--token TOKEN]...
                     [--faults SPEC] [--fault-seed N] [--shape nested|flat|string-results] [--quiet]
  nhso-sandbox agent [--port 8189] [--virtual FILE | --person PID | (PC/SC readers by default)] [--origin ORIGIN]... [--hcode H] [--channel AGENT|KIOSK]
                     [--nhso URL --token TOKEN] [--seed N] [--people N] [--quiet]
  nhso-sandbox people [--limit N] [--json] [--seed N] [--people N]
  nhso-sandbox people --pid PID [--seed N] [--people N]

Fault SPEC: route=claim-detail,latency=50-200,error=0.1,429=0.05,retry-after=2,reset=0.1,malformed=0.05;route=*,latency=20
Without --token, serve accepts the documented development token "${SANDBOX_DEV_TOKEN}".
`;

interface Args {
  _: string[];
  flags: Map<string, string[]>;
}

function parseArgs(argv: string[]): Args {
  const out: Args = { _: [], flags: new Map() };
  const booleans = new Set(['json', 'quiet', 'help']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2) as [string, string?];
      let val = inline;
      if (val === undefined && !booleans.has(k)) {
        val = argv[i + 1];
        if (val === undefined) throw new Error(`--${k} needs a value`);
        i++;
      }
      out.flags.set(k, [...(out.flags.get(k) ?? []), val ?? 'true']);
    } else out._.push(a);
  }
  return out;
}

const one = (a: Args, k: string): string | undefined => a.flags.get(k)?.at(-1);
const int = (a: Args, k: string): number | undefined => {
  const v = one(a, k);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${k} must be a non-negative integer`);
  return n;
};

/** Runs the CLI; resolves with the exit code (servers resolve when stopped). */
async function main(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const args = parseArgs(argv);
  const cmd = args._[0];
  if (!cmd || args.flags.has('help') || cmd === 'help') {
    out(HELP);
    return cmd ? 0 : 1;
  }
  const quiet = args.flags.has('quiet');
  const seed = int(args, 'seed') ?? 1;
  const people = int(args, 'people') ?? 500;
  if (cmd === 'people') {
    const pop = generatePopulation({ seed, size: people });
    const pid = one(args, 'pid');
    if (pid) {
      const p = pop.get(pid);
      if (!p) {
        err('person not found in this population (check --seed / --people)');
        return 2;
      }
      out(JSON.stringify({ ...p, cardSpec: personToCardSpec(p) }, null, 2));
      return 0;
    }
    const list = pop.people.slice(0, int(args, 'limit') ?? 20);
    if (args.flags.has('json')) out(JSON.stringify(list, null, 2));
    else {
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
    }
    return 0;
  }
  let running: Sandbox | Agent;
  const onClose: (() => Promise<void>)[] = [];
  if (cmd === 'serve') {
    const faultSpec = one(args, 'faults');
    const shape = one(args, 'shape');
    if (shape && shape !== 'nested' && shape !== 'flat' && shape !== 'string-results')
      throw new Error('--shape must be nested, flat or string-results');
    const sb = await startSandbox({
      port: int(args, 'port') ?? 8190,
      host: one(args, 'host') ?? '127.0.0.1',
      seed,
      people,
      ...(one(args, 'db') ? { db: one(args, 'db') as string } : {}),
      ...(args.flags.get('token') ? { tokens: args.flags.get('token') as string[] } : {}),
      ...(faultSpec ? { faults: parseFaultSpec(faultSpec, int(args, 'fault-seed') ?? seed) } : {}),
      ...(shape ? { authenStatusShape: shape as 'nested' } : {}),
      ...(quiet ? {} : { log: (l: string) => err(l) }),
    });
    running = sb;
    out(`nhso-sandbox listening on ${sb.url}`);
    if (!args.flags.get('token')) out(`development bearer token: ${sb.token}`);
    out(
      `database: ${sb.store.path}; people: ${sb.population.people.length} (seed ${seed}); staff PIDs: ${sb.population.staff.map((s) => s.pid).join(', ')}`,
    );
  } else if (cmd === 'agent') {
    let cards: AgentCardSource;
    const virtual = one(args, 'virtual');
    const personPid = one(args, 'person');
    if (virtual) cards = await virtualCardSource(JSON.parse(readFileSync(virtual, 'utf8')));
    else if (personPid) {
      const p = generatePopulation({ seed, size: people }).get(personPid);
      if (!p) throw new Error('--person is not in the population (check --seed / --people)');
      cards = await virtualCardSource(personToCardSpec(p));
    } else {
      // PC/SC (optional native binding): every attached reader, live presence.
      let pcsc: typeof import('@authenkit/thai-idcard/pcsc');
      try {
        pcsc = await import('@authenkit/thai-idcard/pcsc');
      } catch {
        err(
          'PC/SC support is not available (install pcscd and the optional pcsclite binding), or use --virtual FILE / --person PID',
        );
        return 2;
      }
      const manager = pcsc.createPcscReaderManager();
      onClose.push(() => manager.close());
      cards = readerManagerCardSource(manager);
    }
    const nhso = one(args, 'nhso');
    const token = one(args, 'token');
    if (nhso && !token) throw new Error('--nhso needs --token');
    const agent = await startAgent({
      cards,
      port: int(args, 'port') ?? 8189,
      ...(one(args, 'host') ? { host: one(args, 'host') as string } : {}),
      allowedOrigins: args.flags.get('origin') ?? [],
      ...(one(args, 'hcode') ? { hcode: one(args, 'hcode') as string } : {}),
      ...(one(args, 'channel') === 'KIOSK' ? { channel: 'KIOSK' as const } : {}),
      ...(nhso && token ? { nhso: { url: nhso, token } } : { sandbox: { seed, people } }),
      ...(quiet ? {} : { log: (l: string) => err(l) }),
    });
    running = agent;
    out(
      `nhso-sandbox agent listening on ${agent.url}${agent.sandbox ? ` (NHSO simulator at ${agent.sandbox.url})` : ''}`,
    );
  } else {
    err(`unknown command "${cmd}"\n${HELP}`);
    return 1;
  }
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
}

main(
  process.argv.slice(2),
  (s) => process.stdout.write(`${s}\n`),
  (s) => process.stderr.write(`${s}\n`),
).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(
      `nhso-sandbox: ${isSandboxError(e) || e instanceof Error ? e.message : String(e)}\n`,
    );
    process.exitCode = 1;
  },
);
