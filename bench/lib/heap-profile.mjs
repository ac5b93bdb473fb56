// BENCH_HEAP_PROFILE=1: where a timed step's heap bytes come from. The step's heap batches
// run again under V8's sampling heap profiler (inspector HeapProfiler.startSampling, one
// sample every 32 bytes on average, objects a GC collected included), and the allocation
// sites with the most bytes per call are printed to stderr, innermost frame last. Sampling
// changes how V8 allocates (no inline allocation), so the figures are a guide to the sites,
// not the B/call of the table.
import { Session } from 'node:inspector/promises'
import { heapPerCall } from './heap.mjs'

function frame (f) {
  return `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`
}

/** Runs the heap batches of `op` under the sampling profiler; prints the top `top` sites. */
export async function profileHeap (op, drain, label, top = 12) {
  const session = new Session()
  session.connect()
  await session.post('HeapProfiler.enable')
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 32,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  })
  const r = await heapPerCall(op, drain, { minWarm: 0, maxWarm: 0, measured: 32, minAgeMs: 0 })
  const { profile } = await session.post('HeapProfiler.stopSampling')
  session.disconnect()
  const sites = new Map()
  const walk = (node, stack) => {
    const here = [...stack, frame(node.callFrame)]
    if (node.selfSize > 0) {
      const key = here.slice(-5).join(' < ')
      sites.set(key, (sites.get(key) ?? 0) + node.selfSize)
    }
    for (const c of node.children) walk(c, here)
  }
  walk(profile.head, [])
  const calls = r.batches.length * r.batch
  const lines = [...sites].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([k, v]) => `  ${(v / Math.max(1, calls)).toFixed(2).padStart(9)} B/call  ${k}`)
  process.stderr.write(`[heap profile] ${label}: ${r.bytes.toFixed(2)} B/call while sampling (run batches included, harness too)\n${lines.join('\n')}\n`)
}
