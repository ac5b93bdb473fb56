// Heap bytes per fs.writeSync(fd, buf, offset, length) call to /dev/null, in optimized code:
// the floor of a sync destination's heap per write (Node's own `const ctx = {}` per call).
// `node --expose-gc write-sync-heap.mjs`
import * as fs from 'node:fs'

const fd = fs.openSync('/dev/null', 'a')
const b = Buffer.allocUnsafeSlow(16384)
const write = (i) => fs.writeSync(fd, b, i & 7, 4096)
for (let i = 0; i < 2e5; i++) write(i)
const N = 4000
const per = []
for (let r = 0; r < 9; r++) {
  globalThis.gc()
  const h0 = process.memoryUsage().heapUsed
  for (let i = 0; i < N; i++) write(i)
  per.push((process.memoryUsage().heapUsed - h0) / N)
}
per.sort((x, y) => x - y)
console.log(`${process.version}: fs.writeSync ${per[4].toFixed(1)} B/call (median of 9 batches of ${N})`)
