// How much CPU other processes took while a benchmark ran: the machine's busy time
// (/proc/stat, steal included) less what the benchmark's own processes used. Lets the
// driver re-run a measurement that shared the machine, and RESULTS.md say which did.
import { readFileSync } from 'node:fs'

/** Busy milliseconds of all CPUs so far, or null where /proc/stat is missing. */
export function cpuSnapshot () {
  let line
  try {
    line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]
  } catch {
    return null
  }
  // cpu user nice system idle iowait irq softirq steal ... in USER_HZ (100 a second)
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number)
  return { busyMs: (user + nice + system + irq + softirq + steal) * 10, at: performance.now() }
}

/** Cores' worth of CPU used by others between two snapshots, given our own CPU ms. */
export function otherCores (before, after, ownMs) {
  if (before === null || after === null) return 0
  const wall = after.at - before.at
  if (wall <= 0) return 0
  return Math.max(0, (after.busyMs - before.busyMs - ownMs) / wall)
}

/** CPU ms this process has used (all its threads). */
export function ownCpuMs () {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
