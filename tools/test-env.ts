/**
 * Shared test helpers for capabilities the machine may lack (pcscd + vpcd, Chromium).
 *
 * Rule (DEVELOPERS.md): tests that need pcscd or Chromium run for real in CI, where
 * `AUTHENKIT_REQUIRE_PCSC=1` / `AUTHENKIT_REQUIRE_BROWSER=1` turn their absence into a failure;
 * elsewhere they skip with a loud message, never silently.
 *
 * Usage in a test file:
 * ```ts
 * import { capability } from '../../../tools/test-env';
 * const pcsc = capability('pcsc');
 * describe.skipIf(!pcsc.available)('pcsc e2e', () => { ... });
 * ```
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export type Capability = 'pcsc' | 'browser';

export interface CapabilityStatus {
  available: boolean;
  reason: string;
}

const cache = new Map<Capability, CapabilityStatus>();

function probe(kind: Capability): CapabilityStatus {
  if (kind === 'browser') {
    const path = process.env.AUTHENKIT_CHROMIUM ?? '/usr/bin/chromium';
    if (!existsSync(path)) return { available: false, reason: `Chromium not found at ${path}` };
    return { available: true, reason: `Chromium at ${path}` };
  }
  // pcsc: pcscd binary + vpcd driver + a Node binding that loads.
  const pcscd = ['/usr/sbin/pcscd', '/usr/bin/pcscd'].find((p) => existsSync(p));
  if (!pcscd) return { available: false, reason: 'pcscd is not installed (apt-get install pcscd)' };
  if (!existsSync('/usr/lib/pcsc/drivers/serial/libifdvpcd.so'))
    return {
      available: false,
      reason: 'vsmartcard-vpcd driver is not installed (apt-get install vsmartcard-vpcd)',
    };
  try {
    execFileSync(process.execPath, ['-e', "require('pcsclite')"], { stdio: 'pipe', cwd: process.cwd() });
  } catch {
    return {
      available: false,
      reason: "the optional 'pcsclite' binding did not build/load (needs libpcsclite-dev)",
    };
  }
  return { available: true, reason: `pcscd at ${pcscd}` };
}

/**
 * Reports whether a capability is present. When it is absent: throws if the matching
 * `AUTHENKIT_REQUIRE_*` variable is `1` (CI), otherwise prints a loud banner once and returns
 * `{ available: false }` so the caller can `describe.skipIf(...)`.
 */
export function capability(kind: Capability): CapabilityStatus {
  let status = cache.get(kind);
  if (!status) {
    status = probe(kind);
    cache.set(kind, status);
    const envName = kind === 'pcsc' ? 'AUTHENKIT_REQUIRE_PCSC' : 'AUTHENKIT_REQUIRE_BROWSER';
    if (!status.available) {
      if (process.env[envName] === '1') {
        throw new Error(`${envName}=1 but ${kind} is unavailable: ${status.reason}`);
      }
      const line = '!'.repeat(100);
      console.warn(
        `\n${line}\n!!! SKIPPING ${kind.toUpperCase()} TESTS: ${status.reason}\n!!! Set ${envName}=1 to make this a failure (CI does).\n${line}\n`,
      );
    }
  }
  return status;
}
