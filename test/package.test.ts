// The package as a consumer gets it: `npm pack`, then `npm install <tarball>` in a fresh
// project, then import (ESM), require (CommonJS) and the .d.ts types. Also a consumer that
// installs the checkout itself (`npm install <path>`). Runs once per `npm test` (in the
// first runtime's pass), since it installs from the npm cache.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, posix } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const primary = process.env.BYTELOG_TEST_PRIMARY !== '0'
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const dirs: string[] = []
// An install and a full type-check: minutes on a loaded 2-core machine, not vitest's 60 s.
const INSTALL_MS = 240_000

function tmp (): string {
  const d = mkdtempSync(join(tmpdir(), 'bytelog-pkg-'))
  dirs.push(d)
  return d
}

function sh (cwd: string, cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 })
}

// pino's face (the default export, and require() giving the function) and bytelog's names,
// from one implementation: what import makes is an instance of what require gives.
const esm = `import pino, { createLogger, destination, Logger } from 'bytelog'
import { createRequire } from 'node:module'
const required = createRequire(import.meta.url)('bytelog')
if (required !== pino || required.Logger !== Logger) throw new Error('import and require give different copies')
const lines = []
const stream = { write (c) { lines.push(Buffer.from(c).toString()) } }
const log = pino({ name: 'face' }, stream)
if (!(log instanceof required.Logger) || !(createLogger({ destination: stream }) instanceof Logger)) throw new Error('not one Logger')
log.info({ via: 'esm' }, 'hello')
if (typeof destination !== 'function' || pino.destination !== destination) throw new Error('no destination export')
process.stdout.write(lines.join(''))
`
const cjs = `const pino = require('bytelog')
const { createLogger } = require('bytelog')
if (typeof pino !== 'function' || pino.default !== pino || typeof pino.stdTimeFunctions.isoTime !== 'function') throw new Error('require does not give pino')
const lines = []
const log = pino({ name: 'face' }, { write (c) { lines.push(Buffer.from(c).toString()) } })
if (typeof createLogger !== 'function') throw new Error('no createLogger')
log.info({ via: 'cjs' }, 'hello')
process.stdout.write(lines.join(''))
`
const ts = `import pino, { createLogger, type Logger, type LoggerOptions } from 'bytelog'
const p: pino.Logger = pino({ level: 'warn' }, pino.destination(2))
p.warn('typed')
const opts: LoggerOptions = { level: 'debug', time: 'iso' }
const log: Logger = createLogger(opts)
log.event('info').str('a', 'b').int('n', 1).msg('typed')
// @ts-expect-error: not a level
log.event('loud')
`

/** Runs the ESM and CommonJS consumers; with `types`, type-checks the TypeScript one too. */
function checkConsumer (dir: string, types: boolean): void {
  writeFileSync(join(dir, 'esm.mjs'), esm)
  writeFileSync(join(dir, 'cjs.cjs'), cjs)
  for (const [file, via] of [['esm.mjs', 'esm'], ['cjs.cjs', 'cjs']] as const) {
    const out = sh(dir, process.execPath, [file])
    const rec = JSON.parse(out) as Record<string, unknown>
    expect(rec).toMatchObject({ level: 30, name: 'face', via, msg: 'hello', pid: expect.any(Number) })
  }
  // The .d.ts are the same files either way: checked once, from the tarball (a full tsc
  // with skipLibCheck off is the slowest step here).
  if (!types) return
  writeFileSync(join(dir, 'typed.ts'), ts)
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', skipLibCheck: false, types: ['node'], typeRoots: [join(root, 'node_modules', '@types')] },
    files: ['typed.ts'],
  }))
  sh(dir, process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'])
}

describe.runIf(primary)('the package as a consumer installs it', () => {
  afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

  it('from a packed tarball (npm pack): import, require and types', () => {
    const packDir = tmp()
    sh(root, npm, ['pack', '--pack-destination', packDir, '--ignore-scripts'])
    const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'))!
    const app = tmp()
    writeFileSync(join(app, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true }\n')
    sh(app, npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', join(packDir, tarball)])
    checkConsumer(app, true)
  }, INSTALL_MS)

  it('the tarball holds LICENSE, CHANGELOG.md, and every source a source map names', () => {
    const [info] = JSON.parse(sh(root, npm, ['pack', '--dry-run', '--json', '--ignore-scripts'])) as Array<{ files: Array<{ path: string }> }>
    const files = new Set(info!.files.map((f) => f.path))
    for (const f of ['LICENSE', 'CHANGELOG.md', 'README.md', 'package.json', 'dist/cjs/index.js', 'dist/esm/index.js', 'dist/esm/index.d.ts', 'dist/esm/transport-worker.js']) {
      expect(files.has(f), f).toBe(true)
    }
    const maps = [...files].filter((f) => f.endsWith('.map'))
    expect(maps.length).toBeGreaterThan(0)
    for (const m of maps) {
      const { sources } = JSON.parse(readFileSync(join(root, m), 'utf8')) as { sources: string[] }
      for (const src of sources) expect(files.has(posix.normalize(posix.join(posix.dirname(m), src))), `${m} -> ${src}`).toBe(true)
    }
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License[\s\S]*bytelog contributors/)
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, { url?: string } | string>
    for (const k of ['repository', 'homepage', 'bugs']) expect(JSON.stringify(pkg[k]), k).toMatch(/github\.com\/bytelog\/bytelog/)
  })

  it('from a path to the checkout (npm install <path>)', () => {
    const app = tmp()
    writeFileSync(join(app, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true }\n')
    sh(app, npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', root])
    checkConsumer(app, false)
  }, INSTALL_MS)
})
