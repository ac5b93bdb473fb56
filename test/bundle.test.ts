// An app bundled with esbuild still runs with a file destination and exit flushing, a
// transport, several targets and pretty: true. The workers a bundle cannot hold are emitted
// as entry points of their own beside it, and their paths given by the app (in a banner) as
// globalThis.__bundlerPathsOverrides, pino's convention, which bytelog and thread-stream read.
// The bundle runs from a directory with no node_modules above it, so nothing can come from
// an installed package.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PRIMARY } from './runs.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const dir = mkdtempSync(join(tmpdir(), 'bytelog-bundle-'))
const out = join(dir, 'app')

const BANNER = `globalThis.__bundlerPathsOverrides = Object.assign({}, globalThis.__bundlerPathsOverrides, {
  'thread-stream-worker': require('node:path').join(__dirname, 'thread-stream-worker.js'),
  'bytelog-worker': require('node:path').join(__dirname, 'bytelog-worker.js'),
  'pino-pretty': require('node:path').join(__dirname, 'pino-pretty.js'),
  'to-file': require('node:path').join(__dirname, 'to-file.js'),
});`

const records = (f: string): Array<Record<string, unknown>> =>
  readFileSync(f, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>)

function runBundle (way: string, file: string, n: number): void {
  execFileSync(process.execPath, [join(out, 'app.js'), way, file, String(n)], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 })
}

// Bundling is the same on every runtime: the first pass does it.
describe.runIf(PRIMARY)('an app bundled with esbuild', () => {
  beforeAll(async () => {
    // A devDependency; `NODE_PATH=<dir>/node_modules` finds one installed elsewhere.
    const esbuild = require('esbuild') as { build (opts: Record<string, unknown>): Promise<unknown> }
    await esbuild.build({
      entryPoints: {
        app: join(root, 'test', 'fixtures', 'bundle', 'app.mjs'),
        'thread-stream-worker': require.resolve('thread-stream/lib/worker.js'),
        'bytelog-worker': join(root, 'dist', 'esm', 'transport-worker.js'),
        'pino-pretty': require.resolve('pino-pretty'),
        'to-file': join(root, 'test', 'fixtures', 'transport', 'to-file.mjs'),
      },
      outdir: out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      banner: { js: BANNER },
      logLevel: 'error',
    })
    expect(existsSync(join(out, 'app.js'))).toBe(true)
  }, 120_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('runs where no installed package is reachable', () => {
    for (const name of ['thread-stream', 'pino-pretty', 'bytelog']) expect(() => createRequire(join(dir, 'x.js')).resolve(name)).toThrow()
  })

  it('a file destination: exit flushes every record', () => {
    const file = join(dir, 'file.log')
    runBundle('file', file, 20_000)
    const got = records(file)
    expect(got.length).toBe(20_000)
    got.forEach((r, i) => expect([r.i, r.msg, r.level]).toEqual([i, `record ${i}`, i % 2 === 0 ? 30 : 40]))
  })

  it('a transport: every record reaches the target, with pino\'s config handshake', () => {
    const file = join(dir, 'transport.log')
    runBundle('transport', file, 2_000)
    const got = records(file)
    expect(got.length).toBe(2_000)
    got.forEach((r, i) => expect([r.i, (r.seen as { label: string }).label]).toEqual([i, i % 2 === 0 ? 'info' : 'warn']))
  })

  it('targets: the fan-out worker routes by level', () => {
    const file = join(dir, 'targets.log')
    runBundle('targets', file, 1_000)
    expect(records(file).map((r) => r.i)).toEqual(Array.from({ length: 1_000 }, (_, i) => i))
    expect(records(`${file}.warn`).map((r) => r.i)).toEqual(Array.from({ length: 500 }, (_, i) => 2 * i + 1))
  })

  it('pretty: true prints through the bundled pino-pretty', () => {
    const file = join(dir, 'pretty.log')
    runBundle('pretty', file, 100)
    const text = readFileSync(file, 'utf8')
    expect(text.match(/^\[[^\]]+\] (INFO|WARN) \(\d+\): record \d+$/gm)?.length).toBe(100)
  })
})
