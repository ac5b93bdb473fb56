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
import { onUncaughtWithoutExit } from './runtime.js'

interface Flushable {
  flushSync (): void
  flush (cb: (err?: Error | null) => void): void
  /** The process is ending: flushSync, and close what must be closed to deliver. */
  exitSync (): void
}

const live = new Set<Flushable>()
let installed = false

/** Flushes every destination; with `ending`, the process is about to end. */
function flushAll (ending: boolean): void {
  for (const d of live) {
    try {
      if (ending) d.exitSync()
      else d.flushSync()
    } catch {
      // Nothing more can be done for this destination now.
    }
  }
}

const onExit = (): void => flushAll(true)

const SIGNALS = ['SIGTERM', 'SIGINT'] as const

/** How long a signal waits for writes to a slow pipe before the process dies anyway. */
const SIGNAL_FLUSH_MS = 2000

/**
 * A signal handler runs on the event loop, so unlike 'exit' it can wait for a write in
 * flight to finish: it flushes asynchronously (keeping the order exactly), then dies by
 * the same signal. A reader that never drains gets SIGNAL_FLUSH_MS, then a last flushSync.
 */
function onSignal (signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) {
    // The app handles this signal; it decides when to exit ('exit' flushes then).
    flushAll(false)
    return
  }
  process.removeListener(signal, onSignal)
  let pending = live.size + 1
  let dead = false
  const die = (): void => {
    if (dead || --pending > 0) return
    dead = true
    clearTimeout(timer)
    flushAll(true)
    process.kill(process.pid, signal)
  }
  const timer = setTimeout(() => { pending = 1; die() }, SIGNAL_FLUSH_MS)
  for (const d of live) {
    try {
      d.flush(die)
    } catch {
      die()
    }
  }
  die()
}

export function registerForExit (d: Flushable): void {
  live.add(d)
  if (!installed) {
    installed = true
    process.on('exit', onExit)
    onUncaughtWithoutExit(onExit)
    for (const s of SIGNALS) process.on(s, onSignal)
  }
}

export function unregisterForExit (d: Flushable): void {
  live.delete(d)
}
