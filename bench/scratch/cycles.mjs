// Fails if src/ has an import cycle (relative imports of .js files that map to .ts).
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

const root = resolve(new URL('../../src', import.meta.url).pathname)
const files = readdirSync(root, { recursive: true }).filter((f) => f.endsWith('.ts')).map((f) => join(root, f))
const edges = new Map(files.map((f) => {
  const src = readFileSync(f, 'utf8')
  const deps = [...src.matchAll(/^(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/gm)]
    .filter((m) => !/^import type\b/.test(m[0])).map((m) => resolve(dirname(f), m[1].replace(/\.js$/, '.ts')))
  return [f, deps]
}))
const state = new Map()
const path = []
let cycles = 0
function visit (f) {
  if (state.get(f) === 2) return
  if (state.get(f) === 1) { cycles++; console.log('cycle:', [...path.slice(path.indexOf(f)), f].map((x) => relative(root, x)).join(' -> ')); return }
  state.set(f, 1); path.push(f)
  for (const d of edges.get(f) ?? []) visit(d)
  path.pop(); state.set(f, 2)
}
for (const f of files) visit(f)
console.log(`${files.length} files, ${cycles} cycles`)
process.exit(cycles === 0 ? 0 : 1)
