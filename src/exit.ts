/**
 * Flushes every live destination when the process ends, and keeps the way it ends.
 *
 * - Normal end, process.exit(), an uncaught exception or unhandled rejection: Node emits
 *   'exit', whose handlers run synchronously, so this writes with flushSync. The exit code
 *   is Node's own.
 * - SIGTERM and SIGINT: without a handler Node dies at once and 'exit' never fires. So a
 *   handler is installed that flushes; if it is the only handler for that signal (the app
 *   has none), it removes itself and raises the signal again, so the process still dies by
 *   that signal. If the app has a handler of its own, its behaviour is left alone (it can
 *   call log.flushSync() itself).
 * - SIGKILL and power loss cannot be handled: what is buffered then is lost.
 */
interface Flushable { flushSync (): void }

const live = new Set<Flushable>()
let installed = false

function flushAll (): void {
  for (const d of live) {
    try {
      d.flushSync()
    } catch {
      // Nothing more can be done for this destination now.
    }
  }
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const

function onSignal (signal: NodeJS.Signals): void {
  flushAll()
  if (process.listenerCount(signal) === 1) {
    process.removeListener(signal, onSignal)
    process.kill(process.pid, signal)
  }
}

export function registerForExit (d: Flushable): void {
  live.add(d)
  if (!installed) {
    installed = true
    process.on('exit', flushAll)
    for (const s of SIGNALS) process.on(s, onSignal)
  }
}

export function unregisterForExit (d: Flushable): void {
  live.delete(d)
}
