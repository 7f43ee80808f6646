import { readFileSync } from 'node:fs';

let cached: { name: string; version: string } | undefined;

/**
 * Name and version of `@authenkit/thai-idcard`, read from its package.json (two folders above both
 * `src/cli/` and `dist/cli/`). Read at run time: a JSON import would need import attributes that the
 * per-module ESM build does not keep. @internal
 */
export function packageInfo(): { name: string; version: string } {
  cached ??= JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    name: string;
    version: string;
  };
  return cached;
}
