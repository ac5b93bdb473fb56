// The package as a consumer gets it: `npm pack`, then `npm install <tarball>` in a fresh
// project, then import (ESM), require (CommonJS) and the .d.ts types. Also a consumer that
// installs the checkout itself (`npm install <path>`). Runs once per `npm test` (in the
// first runtime's pass), since it installs from the npm cache.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const primary = process.env.BYTELOG_TEST_PRIMARY !== '0'
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const dirs: string[] = []

function tmp (): string {
  const d = mkdtempSync(join(tmpdir(), 'bytelog-pkg-'))
  dirs.push(d)
  return d
}

function sh (cwd: string, cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 })
}

const esm = `import { createLogger, destination } from 'bytelog'
const lines = []
const log = createLogger({ destination: { write (c) { lines.push(Buffer.from(c).toString()) } } })
log.info({ via: 'esm' }, 'hello')
if (typeof destination !== 'function') throw new Error('no destination export')
process.stdout.write(lines.join(''))
`
const cjs = `const { createLogger } = require('bytelog')
const lines = []
const log = createLogger({ destination: { write (c) { lines.push(Buffer.from(c).toString()) } } })
log.info({ via: 'cjs' }, 'hello')
process.stdout.write(lines.join(''))
`
const ts = `import { createLogger, type Logger, type LoggerOptions } from 'bytelog'
const opts: LoggerOptions = { level: 'debug', time: 'iso' }
const log: Logger = createLogger(opts)
log.event('info').str('a', 'b').int('n', 1).msg('typed')
// @ts-expect-error: not a level
log.event('loud')
`

function checkConsumer (dir: string): void {
  writeFileSync(join(dir, 'esm.mjs'), esm)
  writeFileSync(join(dir, 'cjs.cjs'), cjs)
  for (const [file, via] of [['esm.mjs', 'esm'], ['cjs.cjs', 'cjs']] as const) {
    const out = sh(dir, process.execPath, [file])
    const rec = JSON.parse(out) as Record<string, unknown>
    expect(rec).toMatchObject({ level: 30, via, msg: 'hello', pid: expect.any(Number) })
  }
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
    checkConsumer(app)
  })

  it('from a path to the checkout (npm install <path>)', () => {
    const app = tmp()
    writeFileSync(join(app, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true }\n')
    sh(app, npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', root])
    checkConsumer(app)
  })
})
