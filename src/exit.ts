/**
 * Flushes every live destination when the process exits: normally, or by process.exit().
 * 'exit' handlers run synchronously, so this writes with flushSync.
 */
interface Flushable { flushSync (): void }

const live = new Set<Flushable>()
let installed = false

function flushAll (): void {
  for (const d of live) {
    try {
      d.flushSync()
    } catch {
      // Nothing more can be done for this destination at exit.
    }
  }
}

export function registerForExit (d: Flushable): void {
  live.add(d)
  if (!installed) {
    installed = true
    process.on('exit', flushAll)
  }
}

export function unregisterForExit (d: Flushable): void {
  live.delete(d)
}
