/**
 * Which JavaScript runtime runs bytelog, and the two things found to differ from Node's
 * behaviour that bytelog depends on (test/runtime/core.mjs runs the same checks on each).
 */
interface RuntimeGlobals {
  Deno?: unknown
  Bun?: unknown
  addEventListener?: (type: string, fn: () => void) => void
}

const g = globalThis as RuntimeGlobals

export const RUNTIME: 'node' | 'bun' | 'deno' = g.Deno !== undefined ? 'deno' : g.Bun !== undefined ? 'bun' : 'node'

/** The Node.js major version the runtime reports (Bun and Deno report the one they follow). */
export const NODE_MAJOR = Number(process.versions.node?.split('.')[0] ?? 0)

/**
 * fs.writeSync returns how many bytes a short write wrote. Deno's (2.x) loops until every
 * byte is written and, when a non-blocking descriptor fills part way, throws EAGAIN after
 * writing part: the count is lost, so a retry writes those bytes again. There the pipe is
 * not reopened non-blocking (sonic-boom's path is taken instead).
 */
export const WRITE_SYNC_REPORTS_SHORT = RUNTIME !== 'deno'

/**
 * Calls `fn` when the process is about to die of an uncaught exception or rejection on a
 * runtime that then emits no 'exit' (Deno, whose process 'exit' handlers do not run then).
 * It fires only when the app has no handler that keeps the process alive.
 */
export function onUncaughtWithoutExit (fn: () => void): void {
  if (RUNTIME !== 'deno' || typeof g.addEventListener !== 'function') return
  g.addEventListener('error', () => { if (process.listenerCount('uncaughtException') === 0) fn() })
  g.addEventListener('unhandledrejection', () => { if (process.listenerCount('unhandledRejection') === 0) fn() })
}
