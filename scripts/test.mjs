// `npm test`: type-checks, builds, then runs the vitest suite on this Node (>= 20) and on Node 24.
// BYTELOG_TEST_NODES=current skips the second runtime (for quick local runs).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
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
  const out = mkdtempSync(join(tmpdir(), 'bytelog-test-'))
  let passed = 0
  let failed = 0
  try {
    for (const [i, node] of nodes.entries()) {
      const version = execFileSync(node, ['--version']).toString().trim()
      console.log(`\n=== vitest on Node ${version} ===`)
      // Tests that need no second runtime (the package install) run in the first pass only.
      process.env.BYTELOG_TEST_PRIMARY = i === 0 ? '1' : '0'
      const json = join(out, `${i}.json`)
      try {
        run(node, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`, ...extra])
      } finally {
        try {
          const r = JSON.parse(readFileSync(json, 'utf8'))
          passed += r.numPassedTests
          failed += r.numFailedTests
        } catch {
          failed += 1 // no report: the run itself failed
        }
      }
    }
  } finally {
    // One closing line over both runtimes, in the plain form CI reads.
    console.log(`\nvitest: ${passed} passed, ${failed} failed`)
    rmSync(out, { recursive: true, force: true })
  }
} catch (err) {
  process.exit(typeof err.status === 'number' ? err.status : 1)
}
