// TypeDoc plugin: names each entry point's module after the import path a user writes, not after its
// source file. With `entryPointStrategy: packages`, a package with several entry points gets one module per
// file (`index`, `xlsx`, …); they become `@authenkit/authen-code` and `@authenkit/authen-code/xlsx`
// (the subpath export `./x` is built from `src/x.ts`, see vitest.config.ts).
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const pkg = context.project.packageName ?? context.project.name;
    if (!pkg.startsWith('@authenkit/')) return;
    for (const mod of context.project.getChildrenByKind(ReflectionKind.Module)) {
      if (mod.name.startsWith('@authenkit/')) continue;
      mod.name = mod.name === 'index' ? pkg : `${pkg}/${mod.name}`;
    }
  });
}
