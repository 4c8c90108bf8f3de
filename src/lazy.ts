import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * A package loaded the first time it is used, not when the module naming it is loaded: `borderdesk ask "/who"`
 * should not pay for image rendering (resvg), HTML parsing (linkedom), date parsing (chrono) or the Discord client.
 * Synchronous (Node's require, every such package ships CommonJS), so the callers stay synchronous; the type comes
 * from `typeof import(...)`, which loads nothing.
 */
export function lazyRequire<T>(specifier: string): () => T {
  let loaded: { value: T } | undefined;
  return () => {
    loaded ??= { value: require(specifier) as T };
    return loaded.value;
  };
}
