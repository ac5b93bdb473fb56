// `npm test`: type-checks, builds, then runs the vitest suite on this Node (>= 20) and on Node 24.
// BYTELOG_TEST_NODES=current skips the second runtime (for quick local runs).
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const run = (bin, args) => execFileSync(bin, args, { stdio: 'inherit', cwd: root })
const extra = process.argv.slice(2)
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs')
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')

/** Runs the commands side by side; once all have ended, throws the first one's failure. */
async function runAll (commands) {
  const failures = await Promise.all(commands.map(([bin, args]) => new Promise((resolve) => {
    const child = spawn(bin, args, { stdio: 'inherit', cwd: root })
    child.on('error', (err) => resolve(err))
    child.on('close', (code, signal) => {
      resolve(code === 0 ? null : Object.assign(new Error(`${args.join(' ')}: exit code ${code}, signal ${signal}`), { status: code ?? 1 }))
    })
  })))
  const failed = failures.find((f) => f !== null)
  if (failed !== undefined) throw failed
}

/** The stdout of a command run in the background (stderr shows); killed if this process ends first. */
function output (bin, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'inherit'], cwd: root })
    const kill = () => child.kill()
    process.on('exit', kill)
    let stdout = ''
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d })
    child.on('error', reject)
    child.on('close', (code, signal) => {
      process.off('exit', kill)
      if (code === 0) resolve(stdout.trim())
      else reject(Object.assign(new Error(`${args.join(' ')}: exit code ${code}, signal ${signal}`), { status: code ?? 1 }))
    })
  })
}

try {
  // Node 24 (installed into .cache/node24 on the first run: scripts/node24.mjs) is fetched
  // while the checks and the first runtime's pass run.
  const wantNode24 = process.env.BYTELOG_TEST_NODES !== 'current' && !process.version.startsWith('v24.')
  const node24 = wantNode24 ? output(process.execPath, [join(root, 'scripts', 'node24.mjs')]) : null
  node24?.catch(() => {}) // awaited before the second pass, which throws its failure
  // The two type-checks and the build are independent: they run side by side.
  await runAll([
    [process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit']],
    [process.execPath, [tsc, '-p', 'test/tsconfig.json', '--noEmit']],
    [process.execPath, [join(root, 'scripts', 'build.mjs')]],
  ])
  const out = mkdtempSync(join(tmpdir(), 'bytelog-test-'))
  let passed = 0
  let failed = 0
  // Both passes run even when the first fails: the closing line counts both runtimes.
  let firstFailure = null
  try {
    for (let i = 0; i < (node24 === null ? 1 : 2); i++) {
      const node = i === 0 ? process.execPath : await node24
      const version = execFileSync(node, ['--version']).toString().trim()
      console.log(`\n=== vitest on Node ${version} ===`)
      // Tests that need no second runtime (the package install) run in the first pass only,
      // and the second pass runs fewer fast-check runs per property (test/runs.ts).
      process.env.BYTELOG_TEST_PRIMARY = i === 0 ? '1' : '0'
      const json = join(out, `${i}.json`)
      try {
        run(node, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`, ...extra])
      } catch (err) {
        firstFailure ??= err
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
  if (firstFailure !== null) throw firstFailure
} catch (err) {
  process.exit(typeof err.status === 'number' ? err.status : 1)
}
