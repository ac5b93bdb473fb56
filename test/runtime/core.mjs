// The core set, for runtimes where vitest does not run (Bun, Deno) and for Node 22: the
// encoder, the logger, the destination (a real file, a pipe) and exit behaviour, asserted
// against independent references (JSON.parse / JSON.stringify, pino's own bytes for the same
// call, toISOString, the file on disk). Plain node:assert, so every runtime runs it as is:
//   node test/runtime/core.mjs · bun test/runtime/core.mjs · deno run -A test/runtime/core.mjs
// It imports bytelog by its package name (the package's own exports map, built dist/).
// Prints one line per case and `core: N passed, N failed, N skipped` last; exits 1 on a failure.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pino, { createLogger, destination, Logger, multistream } from 'bytelog'
import realPino from 'pino'

const require = createRequire(import.meta.url)
const here = fileURLToPath(new URL('.', import.meta.url))
const isDeno = typeof globalThis.Deno !== 'undefined'
const runtime = isDeno ? `Deno ${globalThis.Deno.version.deno}` : process.versions.bun !== undefined ? `Bun ${process.versions.bun}` : `Node ${process.version}`
const dir = mkdtempSync(join(tmpdir(), 'bytelog-core-'))
const cases = []
const test = (name, fn, skip = null) => cases.push({ name, fn, skip })
// Deno 2.9: with a cold module cache (DENO_DIR; its entries are keyed by path, so every fresh
// checkout is cold) the worker thread-stream starts never loads its target and the process
// never exits, with pino's own transports as with bytelog's. README, Runtimes, note 3.
const NO_WORKERS = isDeno ? 'Deno: a transport worker does not start with a cold module cache (README, Runtimes)' : null

/** A stream that keeps each record as a string. */
function memory () {
  const lines = []
  return { lines, write (chunk) { lines.push(Buffer.from(chunk).toString('utf8')) } }
}

/** Runs a script of this folder on this runtime; resolves { code, signal, stdout }. */
function child (script, args) {
  const argv = isDeno ? ['run', '-A', join(here, script), ...args] : [join(here, script), ...args]
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] })
    // A child that hangs fails its case instead of the whole run.
    const timer = setTimeout(() => p.kill('SIGKILL'), 60_000)
    let stdout = ''
    let stderr = ''
    p.stdout.setEncoding('utf8').on('data', (d) => { stdout += d })
    p.stderr.setEncoding('utf8').on('data', (d) => { stderr += d })
    p.on('error', reject)
    p.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }) })
  })
}

/** The records of a file (or text) of JSON lines, each parsed. */
const records = (text) => text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l))

// --- encoder: values written as JSON.stringify would, byte for byte as pino writes them ---
const VALUES = [
  ['plain', 'hello world'],
  ['quotes and backslashes', 'a "quoted" \\ back\\slash'],
  ['control characters', 'tab\there\nnew\rline\u0000nul\u001fus\u007fdel'],
  ['non-ASCII', 'héllo wörld ✓ 日本語'],
  ['astral', 'emoji 😀 and 𝄞'],
  ['integers', [0, 1, -1, 42, 2 ** 31, -(2 ** 31), 2 ** 53 - 1, -(2 ** 53 - 1)]],
  ['floats', [0.1, -0.5, 1e21, 1e-7, 123.456, Number.MAX_VALUE, Number.MIN_VALUE, -0]],
  ['non-finite', [Number.NaN, Infinity, -Infinity]],
  // 16 and 17 digits, written from the bits (src/encoder/shortest.ts): durations, halfway
  // cases, and 300 doubles from 1e-6 to 1e15 of a fixed sequence.
  ['16 and 17 digits', [0.1 + 0.2, 1 / 3, 0.39841699600219727, 12.345678901234567, 76503460787348.125, 20602348152483.5625,
    1.2345678901234567e-6, 999999999999999.9, ...(() => {
      const out = []
      let j = 12345
      for (let i = 0; i < 300; i++) {
        j = (j * 1103515245 + 12345) % 2147483648
        out.push((1 + j / 2147483648) * 10 ** ((i % 21) - 6))
      }
      return out
    })()]],
  ['nested', { a: { b: { c: [1, 'two', { three: 3 }] } }, empty: {}, none: [] }],
  ['null, booleans', { n: null, t: true, f: false, u: undefined }],
  ['a Date', new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789))],
  ['a key that needs escaping', { 'we"ird\nkey': 1 }],
]
for (const [what, v] of VALUES) {
  test(`encoder: ${what}`, () => {
    const ours = memory()
    const theirs = memory()
    createLogger({ base: null, time: false, destination: ours }).info({ v }, 'm')
    realPino({ base: null, timestamp: false }, theirs).info({ v }, 'm')
    assert.equal(ours.lines.length, 1)
    assert.deepEqual(JSON.parse(ours.lines[0]).v, JSON.parse(JSON.stringify({ v })).v)
    assert.equal(ours.lines[0], theirs.lines[0])
  })
}

// --- logger ---
test('logger: levels below the logger\'s are not written', () => {
  const out = memory()
  const log = createLogger({ level: 'warn', base: null, time: false, destination: out })
  log.info('no'); log.debug('no'); log.warn('yes'); log.error('yes too')
  assert.deepEqual(records(out.lines.join('')), [{ level: 40, msg: 'yes' }, { level: 50, msg: 'yes too' }])
})
test('logger: base fields, child bindings, a formatted message', () => {
  const out = memory()
  const log = createLogger({ name: 'app', destination: out })
  const before = Date.now()
  log.child({ reqId: 'r1' }).info({ user: 7 }, 'hello %s, %d items', 'ann', 3)
  const after = Date.now()
  const [r] = records(out.lines.join(''))
  assert.deepEqual({ ...r, time: 0 }, { level: 30, time: 0, pid: process.pid, hostname: require('node:os').hostname(), name: 'app', reqId: 'r1', user: 7, msg: 'hello ann, 3 items' })
  // Where the clock is monotonic time anchored to Date.now() (src/clock.ts), it may read up to
  // 1 ms behind Date.now(): the anchor is a whole millisecond. Seen on Deno.
  assert.ok(r.time >= before - 1 && r.time <= after, `${r.time} in [${before} - 1, ${after}]`)
})
test('logger: an Error is serialized as pino\'s err', () => {
  const out = memory()
  const err = new TypeError('bad thing')
  createLogger({ base: null, time: false, destination: out }).error(err, 'failed')
  const [r] = records(out.lines.join(''))
  assert.deepEqual(r, { level: 50, err: { type: 'TypeError', message: 'bad thing', stack: err.stack }, msg: 'failed' })
})
test('logger: time: iso is toISOString', () => {
  const out = memory()
  const before = new Date().toISOString()
  createLogger({ base: null, time: 'iso', destination: out }).info('t')
  const after = new Date().toISOString()
  const { time } = JSON.parse(out.lines[0])
  assert.match(time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  // As above: up to 1 ms behind a Date read before the call where the clock is monotonic.
  assert.ok(Date.parse(time) >= Date.parse(before) - 1 && time <= after, `${time} in [${before} - 1 ms, ${after}]`)
})
test('logger: redact censors the paths', () => {
  const out = memory()
  createLogger({ base: null, time: false, redact: ['password', 'user.token'], destination: out }).info({ password: 'p', user: { id: 1, token: 't' } }, 'r')
  assert.deepEqual(JSON.parse(out.lines[0]), { level: 30, password: '[Redacted]', user: { id: 1, token: '[Redacted]' }, msg: 'r' })
})
test('logger: the event API writes the same record as the object API', () => {
  const a = memory()
  const b = memory()
  createLogger({ base: null, time: false, destination: a }).event('info').str('s', 'x"y').int('n', 5).bool('ok', true).msg('same')
  createLogger({ base: null, time: false, destination: b }).info({ s: 'x"y', n: 5, ok: true }, 'same')
  assert.equal(a.lines[0], b.lines[0])
})

// --- pino's face ---
test('pino face: pino(opts, stream) and pino(stream) write to the stream; one Logger class', () => {
  const a = memory()
  const b = memory()
  const l1 = pino({ base: null, timestamp: pino.stdTimeFunctions.isoTime }, a)
  const l2 = pino(b)
  l1.info('one'); l2.info('two')
  assert.ok(l1 instanceof Logger && l2 instanceof require('bytelog').Logger)
  const r = JSON.parse(a.lines[0])
  assert.equal(r.msg, 'one'); assert.equal(new Date(r.time).toISOString(), r.time)
  assert.equal(JSON.parse(b.lines[0]).msg, 'two')
})
test('pino face: multistream routes by level as pino.multistream does', () => {
  const ours = [memory(), memory(), memory()]
  const theirs = [memory(), memory(), memory()]
  const entries = (s) => [{ stream: s[0], level: 'debug' }, { stream: s[1] }, { stream: s[2], level: 'error' }]
  const a = pino({ level: 'trace', base: null, timestamp: false }, multistream(entries(ours)))
  const b = realPino({ level: 'trace', base: null, timestamp: false }, realPino.multistream(entries(theirs)))
  for (const l of [a, b]) for (const lv of ['trace', 'debug', 'info', 'warn', 'error', 'fatal']) l[lv](lv)
  assert.deepEqual(ours.map((s) => s.lines.join('')), theirs.map((s) => s.lines.join('')))
  assert.equal(ours[2].lines.length, 2)
})

// --- destination: real files and a pipe ---
test('destination: sync file holds each record when the call returns', () => {
  const file = join(dir, 'sync.log')
  const log = createLogger({ base: null, time: false, destination: destination({ dest: file, sync: true }) })
  log.info({ i: 1 }, 'a')
  log.warn({ i: 2 }, 'b')
  assert.deepEqual(records(readFileSync(file, 'utf8')), [{ level: 30, i: 1, msg: 'a' }, { level: 40, i: 2, msg: 'b' }])
})
test('destination: async file, flush(cb), then end(cb)', async () => {
  const file = join(dir, 'sub', 'async.log')
  const dest = destination({ dest: file, mkdir: true })
  const log = createLogger({ base: null, time: false, destination: dest })
  for (let i = 0; i < 5000; i++) log.info({ i }, 'r')
  await new Promise((resolve, reject) => log.flush((err) => err ? reject(err) : resolve()))
  const got = records(readFileSync(file, 'utf8'))
  assert.equal(got.length, 5000)
  got.forEach((r, i) => assert.deepEqual(r, { level: 30, i, msg: 'r' }))
  await new Promise((resolve, reject) => dest.end((err) => err ? reject(err) : resolve()))
})
test('destination: stdout as a pipe (async) delivers every record, in order', async () => {
  const { code, stdout } = await child('exit-app.mjs', ['async', 'return', '-', '20000'])
  assert.equal(code, 0)
  const got = records(stdout)
  assert.equal(got.length, 20000)
  got.forEach((r, i) => assert.equal(r.i, i))
})

// --- exit: what an async file holds after each way of ending ---
const EXITS = [
  ['return', { code: 0, signal: null }],
  ['exit3', { code: 3, signal: null }],
  ['throw', { code: 1, signal: null }],
  ['sigterm', { code: null, signal: 'SIGTERM' }],
]
for (const [way, ended] of EXITS) {
  test(`exit: ${way} flushes an async file`, async () => {
    const file = join(dir, `exit-${way}.log`)
    const r = await child('exit-app.mjs', ['async', way, file, '30000'])
    assert.deepEqual({ code: r.code, signal: r.signal }, ended, r.stderr)
    const got = records(readFileSync(file, 'utf8'))
    assert.equal(got.length, 30000)
    got.forEach((rec, i) => assert.equal(rec.i, i))
  })
}

// --- transports: the worker thread ---
test('transport: a pino transport in a worker gets every record by exit', async () => {
  const file = join(dir, 'transport.log')
  const r = await child('transport-app.mjs', [file, '2000'])
  assert.equal(r.code, 0, r.stderr)
  const got = records(readFileSync(file, 'utf8'))
  assert.equal(got.length, 2000)
  got.forEach((rec, i) => assert.deepEqual([rec.i, rec.msg, rec.seen.label], [i, `record ${i}`, 'info']))
}, NO_WORKERS)
test('transport: pretty: true (pino-pretty in a worker)', async () => {
  const file = join(dir, 'pretty.log')
  const r = await child('transport-app.mjs', [file, '50', 'pretty'])
  assert.equal(r.code, 0, r.stderr)
  const text = existsSync(file) ? readFileSync(file, 'utf8') : ''
  assert.equal(text.match(/INFO/g)?.length, 50, text.slice(0, 300))
  assert.equal(text.match(/record \d+/g)?.length, 50, text.slice(0, 300))
}, NO_WORKERS)

let passed = 0
let failed = 0
let skipped = 0
console.log(`core set on ${runtime}`)
for (const { name, fn, skip } of cases) {
  if (skip !== null) {
    skipped++
    console.log(`  - ${name}: skipped (${skip})`)
    continue
  }
  try {
    await fn()
    passed++
    console.log(`  ✓ ${name}`)
  } catch (err) {
    failed++
    console.log(`  ✗ ${name}\n    ${String(err?.stack ?? err).split('\n').slice(0, 6).join('\n    ')}`)
  }
}
rmSync(dir, { recursive: true, force: true })
console.log(`core: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed === 0 ? 0 : 1)
