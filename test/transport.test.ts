// pino transports under bytelog: the `transport` and `pretty` options, tested in child
// processes (test/fixtures/transport/app.mjs) against pino running the same transport
// with the same options, and against real files and a real TCP listener.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger, transport } from '../src/index.js'
import { ROOT } from './helpers.js'

const APP = join(ROOT, 'test', 'fixtures', 'transport', 'app.mjs')
const TO_FILE = join(ROOT, 'test', 'fixtures', 'transport', 'to-file.mjs')
const dir = mkdtempSync(join(tmpdir(), 'bytelog-transport-'))
let n = 0
const tmp = (name: string): string => join(dir, `${n++}-${name}`)

interface Run { status: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string }

function app (lib: 'bytelog' | 'pino', cfg: Record<string, unknown>): Run {
  const r = spawnSync(process.execPath, [APP, lib, JSON.stringify(cfg)], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 })
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr }
}

function records (file: string): Array<Record<string, unknown>> {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>)
}

/** Records with what differs between two processes (time, pid) set aside. */
function comparable (recs: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  return recs.map(({ time, pid, ...rest }) => {
    expect(typeof time).toBe('number')
    expect(typeof pid).toBe('number')
    return rest
  })
}

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('transport: { target, options }', () => {
  it('a pino transport gets the records pino would give it, and pino\'s config handshake', () => {
    const run = (lib: 'bytelog' | 'pino'): Array<Record<string, unknown>> => {
      const file = tmp(`${lib}.log`)
      const r = app(lib, {
        logger: { transport: { target: TO_FILE, options: { file } }, level: 'trace', customLevels: { audit: 35 }, messageKey: 'message', errorKey: 'error' },
        records: 12,
        levels: ['trace', 'debug', 'info', 'audit', 'warn', 'error', 'fatal'],
        child: true,
      })
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      return records(file)
    }
    const ours = run('bytelog')
    expect(ours).toHaveLength(13)
    // The handshake reached the transport: it saw our keys and level names.
    expect(ours[0]!.seen).toEqual({ messageKey: 'message', errorKey: 'error', label: 'trace' })
    expect(ours.find((r) => r.level === 35)!.seen).toMatchObject({ label: 'audit' })
    expect(comparable(ours)).toEqual(comparable(run('pino')))
  })

  it.each(['return', 'exit', 'throw', 'sigterm'])('20,000 records, then %s: every record reaches the transport, in order', (end) => {
    const file = tmp(`end-${end}.log`)
    const r = app('bytelog', { logger: { transport: { target: TO_FILE, options: { file } } }, records: 20_000, end })
    if (end === 'sigterm') expect(r.signal).toBe('SIGTERM')
    else expect(r.status).toBe(end === 'exit' ? 3 : end === 'throw' ? 1 : 0)
    const got = records(file).map((x) => x.i)
    expect(got).toEqual(Array.from({ length: 20_000 }, (_, i) => i))
  })

  it('sync: true hands each record over before the call returns; all arrive', () => {
    const file = tmp('sync.log')
    const r = app('bytelog', { logger: { transport: { target: TO_FILE, options: { file }, sync: true } }, records: 2000, end: 'exit' })
    expect(r.status).toBe(3)
    expect(records(file).map((x) => x.i)).toEqual(Array.from({ length: 2000 }, (_, i) => i))
  })

  it.each(['flush', 'end'])('log.%s(cb) calls back once the transport has the records', (end) => {
    const file = tmp(`${end}-cb.log`)
    const r = app('bytelog', { logger: { transport: { target: TO_FILE, options: { file } } }, records: 500, end, checkFile: file })
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout.trim())).toEqual({ err: null, lines: 500 })
  })

  it('a target named as a module resolves from the app (pino-socket, from the registry, to a TCP listener)', async () => {
    const got: string[] = []
    const server: Server = createServer((sock) => {
      let rest = ''
      sock.setEncoding('utf8')
      sock.on('data', (d: string) => {
        const parts = (rest + d).split('\n')
        rest = parts.pop()!
        got.push(...parts)
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    try {
      const cfg = { logger: { transport: { target: 'pino-socket', options: { address: '127.0.0.1', port, mode: 'tcp' } } }, records: 3000, end: 'exit' }
      const r = await new Promise<number | null>((resolve) => {
        // Asynchronous: the listener runs in this process's event loop.
        import('node:child_process').then(({ spawn }) => {
          const child = spawn(process.execPath, [APP, 'bytelog', JSON.stringify(cfg)], { cwd: ROOT, stdio: 'inherit' })
          child.on('exit', (code) => resolve(code))
        }, () => resolve(null))
      })
      expect(r).toBe(3)
      // The socket's last bytes may still be on their way in when the child is gone.
      for (let i = 0; i < 100 && got.length < 3000; i++) await new Promise((resolve) => setTimeout(resolve, 20))
      expect(got.map((l) => (JSON.parse(l) as { i: number }).i)).toEqual(Array.from({ length: 3000 }, (_, i) => i))
    } finally {
      server.close()
    }
  })
})

describe('transport from CommonJS', () => {
  it('require(\'bytelog\') starts the same worker', () => {
    const file = tmp('cjs.log')
    const code = `const { createLogger } = require(${JSON.stringify(join(ROOT, 'dist', 'cjs', 'index.js'))})
      const log = createLogger({ transport: { targets: [{ target: ${JSON.stringify(TO_FILE)}, options: { file: ${JSON.stringify(file)} }, level: 'info' }] } })
      log.info('from cjs'); log.debug('not sent')`
    const r = spawnSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 })
    expect(r.stderr).toBe('')
    expect(records(file).map((x) => [x.level, x.msg])).toEqual([[30, 'from cjs']])
  })
})

describe('transport: { targets }', () => {
  it.each([
    [false, [10, 6, 8]],
    [true, [2, 6, 2]],
  ])('dedupe: %s: routes each record to the targets pino routes it to', (dedupe, counts) => {
    const run = (lib: 'bytelog' | 'pino'): Array<Array<Record<string, unknown>>> => {
      const files = [tmp(`${lib}-all.log`), tmp(`${lib}-warn.log`), tmp(`${lib}-audit.log`)]
      const r = app(lib, {
        logger: {
          level: 'debug',
          customLevels: { audit: 35 },
          transport: {
            dedupe,
            targets: [
              { target: TO_FILE, options: { file: files[0] } },
              { target: TO_FILE, options: { file: files[1] }, level: 'warn' },
              { target: TO_FILE, options: { file: files[2] }, level: 'audit' },
            ],
          },
        },
        records: 14,
        levels: ['trace', 'debug', 'info', 'audit', 'warn', 'error', 'fatal'],
      })
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      // Compared by what each file holds; the `seen` stamp is the transport's.
      return files.map((f) => records(f).map(({ seen, ...rest }) => rest))
    }
    const ours = run('bytelog')
    expect(ours.map((f) => f.length)).toEqual(counts)
    const theirs = run('pino')
    for (let i = 0; i < 3; i++) expect(comparable(ours[i]!)).toEqual(comparable(theirs[i]!))
  })

  it('a target whose level is not a level name is refused when the logger is made', () => {
    expect(() => createLogger({ transport: { targets: [{ target: TO_FILE, options: { file: tmp('x') }, level: 'loud' }] } })).toThrow(/unknown transport level/)
  })
})

describe('pretty', () => {
  it('pretty: { colorize: false } prints what pino with the pino-pretty transport prints', () => {
    const run = (lib: 'bytelog' | 'pino'): string => {
      const logger = lib === 'pino'
        ? { transport: { target: 'pino-pretty', options: { colorize: false } } }
        : { pretty: { colorize: false } }
      const r = app(lib, { logger: { ...logger, timestamp: 'fixed', base: 'fixed', level: 'trace' }, records: 7, levels: ['trace', 'debug', 'info', 'warn', 'error', 'fatal'], child: true })
      expect(r.status).toBe(0)
      return r.stdout
    }
    const ours = run('bytelog')
    expect(ours).toContain('INFO')
    expect(ours).toContain('with an error')
    expect(ours).toBe(run('pino'))
  })
})

describe('failures stay in the logger', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'esm', 'transport-worker.js'))) throw new Error('run the build first (npm test does)')
  })

  it('a target that cannot be found is refused when the logger is made', () => {
    expect(() => createLogger({ transport: { target: 'no-such-transport-xyz' } })).toThrow(/cannot find the transport target/)
    expect(() => createLogger({ transport: { target: TO_FILE }, destination: { write () {} } })).toThrow(/only one of/)
    expect(() => transport({ target: TO_FILE, targets: [] })).toThrow(/one of target, targets and pipeline/)
  })

  it('a transport that fails to start: log calls neither throw nor hang; the logger reports the error', async () => {
    const broken = join(ROOT, 'test', 'fixtures', 'transport', 'broken.mjs')
    const log = createLogger({ transport: { target: broken } })
    const errors: Error[] = []
    log.destination.on('error', (err: Error) => errors.push(err))
    for (let i = 0; i < 100; i++) log.info({ i }, 'into the void')
    await new Promise<void>((resolve) => log.flush(() => resolve()))
    for (let i = 0; i < 20 && errors.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(errors.map((e) => e.message).join('\n')).toMatch(/transport failed on purpose/)
    expect(() => log.info('after the failure')).not.toThrow()
    log.flushSync()
  })
})
