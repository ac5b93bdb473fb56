// Self time per function from a .cpuprofile: `node prof-top.mjs file [n]`.
import { readFileSync } from 'node:fs'
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const self = new Map()
const dt = p.timeDeltas
const byId = new Map(p.nodes.map((n) => [n.id, n]))
const count = new Map()
for (const s of p.samples) count.set(s, (count.get(s) ?? 0) + 1)
let total = 0
for (const [id, c] of count) {
  const n = byId.get(id)
  const f = n.callFrame
  const k = `${f.functionName || '(anon)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`
  self.set(k, (self.get(k) ?? 0) + c)
  total += c
}
for (const [k, c] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 25))) console.log((c * 100 / total).toFixed(1).padStart(5), k)
