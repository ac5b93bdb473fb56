// `npm test`: type-checks, builds, then runs the vitest suite on this Node (>= 20) and on Node 24.
// BYTELOG_TEST_NODES=current skips the second runtime (for quick local runs).
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { node24 } from './node24.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const run = (bin, args) => execFileSync(bin, args, { stdio: 'inherit', cwd: root })
const extra = process.argv.slice(2)
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs')
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')

try {
  run(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit'])
  run(process.execPath, [tsc, '-p', 'test/tsconfig.json', '--noEmit'])
  run(process.execPath, [join(root, 'scripts', 'build.mjs')])
  const nodes = [process.execPath]
  if (process.env.BYTELOG_TEST_NODES !== 'current') {
    const n24 = node24()
    if (!process.version.startsWith('v24.')) nodes.push(n24)
  }
  for (const [i, node] of nodes.entries()) {
    const version = execFileSync(node, ['--version']).toString().trim()
    console.log(`\n=== vitest on Node ${version} ===`)
    // Tests that need no second runtime (the package install) run in the first pass only.
    process.env.BYTELOG_TEST_PRIMARY = i === 0 ? '1' : '0'
    run(node, [vitest, 'run', ...extra])
  }
} catch (err) {
  process.exit(typeof err.status === 'number' ? err.status : 1)
}
