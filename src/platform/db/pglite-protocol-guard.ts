// Keeps PGlite's socket server from interleaving two connections' extended-protocol messages.
// The server queues single messages and only keeps one connection's turn inside a transaction,
// so a query outside one (Parse, Bind, Execute, Sync) could have another connection's Parse
// land between its Parse and Bind, replacing the unnamed statement ("bind message supplies 1
// parameters, but prepared statement requires 2"). Background workers polling beside requests
// hit it within seconds. This wrapper reports a connection that is mid-sequence as "in a
// transaction", so the server keeps its turn until Sync.
import type { PGlite } from '@electric-sql/pglite';

/** Message types that open or continue an extended-protocol sequence, which Sync closes. */
const continuesSequence = new Set(['P', 'B', 'D', 'E', 'H', 'C'].map((c) => c.charCodeAt(0)));

export function guardExtendedProtocol(lite: PGlite): PGlite {
  let midSequence = false;
  return new Proxy(lite, {
    get(target, prop) {
      if (prop === 'isInTransaction') return () => midSequence || target.isInTransaction();
      if (prop === 'execProtocolRawStream') {
        return (message: Uint8Array, ...rest: unknown[]) => {
          midSequence = continuesSequence.has(message[0]);
          return (target.execProtocolRawStream as (m: Uint8Array, ...r: unknown[]) => Promise<unknown>).call(target, message, ...rest);
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
