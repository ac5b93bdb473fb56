// `npm test`: type-checks, builds, then runs
//   - the whole vitest suite on this Node (>= 20), on Node 24 and on Node 26;
//   - the core set (test/runtime/core.mjs: encoder, logger, destination, exit, transports)
//     on Node 22, Bun and Deno, where vitest is not what runs (plain node:assert instead).
// The other runtimes come from the npm registry (scripts/runtimes.mjs, into .cache/<name>),
// fetched while the checks and the first pass run. Ends with one line over every pass:
// `vitest: N passed, N failed` (CI reads it; the core set's cases count in it).
// BYTELOG_TEST_NODES=current runs the first pass only (for quick local runs).
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runtime } from './runtimes.mjs'

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

/** The runtimes besides this Node: vitest passes (whole suite) and core-set passes. */
const SUITE = ['node24', 'node26']
const CORE = ['node22', 'bun', 'deno']
const own = `node${process.versions.node.split('.')[0]}`

/** Runs one vitest pass on `node`; returns its counts (a run without a report counts 1 failure). */
function vitestPass (node, i, json) {
  const version = execFileSync(node, ['--version']).toString().trim()
  console.log(`\n=== vitest on Node ${version} ===`)
  // Tests that need no second runtime (the package install) run in the first pass only,
  // and later passes run fewer fast-check runs per property (test/runs.ts).
  process.env.BYTELOG_TEST_PRIMARY = i === 0 ? '1' : '0'
  let error = null
  try {
    run(node, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`, ...extra])
  } catch (err) {
    error = err
  }
  try {
    const r = JSON.parse(readFileSync(json, 'utf8'))
    return { passed: r.numPassedTests, failed: r.numFailedTests, error }
  } catch {
    return { passed: 0, failed: 1, error: error ?? new Error('vitest wrote no report') }
  }
}

/** Runs the core set on `bin` (a Deno binary takes `run -A`); returns its counts from its last line. */
function corePass (name, bin) {
  const args = name === 'deno' ? ['run', '-A', 'test/runtime/core.mjs'] : ['test/runtime/core.mjs']
  const r = spawnSync(bin, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 300_000 })
  process.stdout.write(`\n=== core set on ${name} ===\n${r.stdout ?? ''}`)
  const m = /^core: (\d+) passed, (\d+) failed, \d+ skipped$/m.exec(r.stdout ?? '')
  const error = r.status === 0 ? null : Object.assign(new Error(`core set on ${name}: exit code ${r.status}, signal ${r.signal}`), { status: r.status ?? 1 })
  if (m === null) return { passed: 0, failed: 1, error: error ?? new Error(`core set on ${name}: no summary line`) }
  return { passed: Number(m[1]), failed: Number(m[2]), error }
}

try {
  const all = process.env.BYTELOG_TEST_NODES !== 'current'
  // Every other runtime is fetched (or found in .cache) while the checks and the first pass
  // run; each pass awaits its own.
  const fetches = new Map()
  if (all) {
    for (const name of [...SUITE, ...CORE]) {
      if (name === own) continue
      const p = runtime(name)
      p.catch(() => {}) // awaited by its pass, which counts its failure
      fetches.set(name, p)
    }
  }
  // The two type-checks and the build are independent: they run side by side.
  await runAll([
    [process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit']],
    [process.execPath, [tsc, '-p', 'test/tsconfig.json', '--noEmit']],
    [process.execPath, [join(root, 'scripts', 'build.mjs')]],
  ])
  const out = mkdtempSync(join(tmpdir(), 'bytelog-test-'))
  let passed = 0
  let failed = 0
  // Every pass runs even when an earlier one fails: the closing line counts them all.
  let firstFailure = null
  const count = (r) => {
    passed += r.passed
    failed += r.failed
    firstFailure ??= r.error
  }
  try {
    count(vitestPass(process.execPath, 0, join(out, '0.json')))
    const passes = [...SUITE.map((n) => [n, 'suite']), ...CORE.map((n) => [n, 'core'])].filter(([n]) => fetches.has(n))
    for (const [i, [name, kind]] of passes.entries()) {
      let bin
      try {
        bin = await fetches.get(name)
      } catch (err) {
        console.log(`\n=== ${name}: not installed ===\n${err.message}`)
        count({ passed: 0, failed: 1, error: err })
        continue
      }
      count(kind === 'suite' ? vitestPass(bin, i + 1, join(out, `${i + 1}.json`)) : corePass(name, bin))
    }
  } finally {
    // One closing line over every runtime, in the plain form CI reads.
    console.log(`\nvitest: ${passed} passed, ${failed} failed`)
    rmSync(out, { recursive: true, force: true })
  }
  if (firstFailure !== null) throw firstFailure
} catch (err) {
  if (typeof err.status !== 'number') console.error(err.message ?? err)
  process.exit(typeof err.status === 'number' ? err.status : 1)
}
