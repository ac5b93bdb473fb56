// pino parity of transports (issue 11): pipelines, bundler overrides, the level-formatter
// guards, target paths, the config a transport is handed, the events of what transport()
// returns, and pino's eight-million-line run. Each case does the same thing with pino (in a
// child process, test/fixtures/transport/app.mjs, or here) and compares what the
// transport's files hold, what it was handed, or what was emitted.
import { spawnSync } from 'node:child_process'
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import pino from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { createLogger, transport, type Destination, type TransportOptions } from '../src/index.js'
import { ROOT } from './helpers.js'

const FIXTURES = join(ROOT, 'test', 'fixtures', 'transport')
const APP = join(FIXTURES, 'app.mjs')
const TO_FILE = join(FIXTURES, 'to-file.mjs')
const FILE_STAGE = join(FIXTURES, 'to-file-stream.mjs')
const TRANSFORM = join(FIXTURES, 'transform.mjs')
const REPORT = join(FIXTURES, 'report.mjs')
const PINO_WORKER = createRequire(join(ROOT, 'package.json')).resolve('pino/lib/worker.js')
const dir = mkdtempSync(join(tmpdir(), 'bytelog-transport-parity-'))
let n = 0
const tmp = (name: string): string => join(dir, `${n++}-${name}`)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

type Lib = 'bytelog' | 'pino'
const LIBS: Lib[] = ['bytelog', 'pino']
const ALL_LEVELS = ['trace', 'debug', 'info', 'audit', 'warn', 'error', 'fatal']

function app (lib: Lib, cfg: Record<string, unknown>): { status: number | null, stderr: string } {
  const r = spawnSync(process.execPath, [APP, lib, JSON.stringify(cfg)], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })
  return { status: r.status, stderr: r.stderr }
}

/** A file's lines, parsed, with what differs between two processes (time, pid) checked and set aside. */
function records (file: string): Array<Record<string, unknown>> {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => {
    const { time, pid, ...rest } = JSON.parse(l) as Record<string, unknown>
    expect(typeof time).toBe('number')
    expect(typeof pid).toBe('number')
    return rest
  })
}

/** Runs the same app with each logger, files named per logger; returns each file's records, by logger. */
function both (files: string[], cfg: (f: Record<string, string>) => Record<string, unknown>, expectStatus = 0): Record<Lib, Array<Array<Record<string, unknown>>>> {
  const out = {} as Record<Lib, Array<Array<Record<string, unknown>>>>
  for (const lib of LIBS) {
    const named: Record<string, string> = {}
    for (const f of files) named[f] = tmp(`${lib}-${f}.log`)
    const r = app(lib, cfg(named))
    expect(r.stderr).toBe('')
    expect(r.status).toBe(expectStatus)
    out[lib] = files.map((f) => records(named[f]!))
  }
  return out
}

const stage = (target: string, options: Record<string, unknown>): { target: string, options: Record<string, unknown> } => ({ target, options })

describe('transport.pipeline', () => {
  it('each record goes through two Transform stages into a file stage: the file holds what pino\'s holds', () => {
    const got = both(['out'], (f) => ({
      logger: {
        level: 'trace',
        customLevels: { audit: 35 },
        transport: { pipeline: [stage(TRANSFORM, { tag: 'a' }), stage(TRANSFORM, { tag: 'b' }), stage(FILE_STAGE, { file: f.out })] },
      },
      records: 14,
      levels: ALL_LEVELS,
      child: true,
    }))
    expect(got.bytelog[0]).toHaveLength(15)
    expect(got.bytelog[0]!.every((r) => JSON.stringify(r.stages) === '["a","b"]')).toBe(true)
    expect(got.bytelog).toEqual(got.pino)
  })

  it.each([false, true])('targets holding pipelines, with levels (dedupe: %s): each file holds what pino\'s holds', (dedupe) => {
    const got = both(['warn', 'info', 'all'], (f) => ({
      logger: {
        level: 'trace',
        customLevels: { audit: 35 },
        transport: {
          dedupe,
          targets: [
            { target: FILE_STAGE, options: { file: f.warn }, level: 'warn' },
            { pipeline: [stage(TRANSFORM, { tag: 'x' }), stage(FILE_STAGE, { file: f.info })], level: 'audit' },
            { pipeline: [stage(TRANSFORM, { tag: 'y' }), stage(TRANSFORM, { tag: 'z' }), stage(FILE_STAGE, { file: f.all })] },
          ],
        },
      },
      records: 14,
      levels: ALL_LEVELS,
      child: true,
    }))
    // warn and up (7 with the child's warn); audit and up; info and up (pino's default for no level).
    expect(got.bytelog.map((f) => f.length)).toEqual(dedupe ? [7, 2, 2] : [7, 9, 11])
    expect(got.bytelog[2]!.every((r) => JSON.stringify(r.stages) === '["y","z"]')).toBe(true)
    expect(got.bytelog).toEqual(got.pino)
  })

  it('a pipeline made by transport() and given as the stream; process.exit(): every record arrives, in order, as with pino', () => {
    const got = both(['out'], (f) => ({
      stream: true,
      logger: { transport: { pipeline: [stage(TRANSFORM, { tag: 't' }), stage(FILE_STAGE, { file: f.out })] } },
      records: 5000,
      end: 'exit',
    }), 3)
    expect(got.bytelog[0]!.map((r) => r.i)).toEqual(Array.from({ length: 5000 }, (_, i) => i))
    expect(got.bytelog).toEqual(got.pino)
  })

  it('a pipeline that is not a list of stages is refused when the logger is made', () => {
    expect(() => createLogger({ transport: { pipeline: [] } })).toThrow(/pipeline must be a non-empty array/)
    expect(() => createLogger({ transport: { targets: [{ pipeline: [] }] } })).toThrow(/pipeline must be a non-empty array/)
    expect(() => createLogger({ transport: { pipeline: [{ options: {} } as never] } })).toThrow(/target must be a non-empty string/)
    expect(() => createLogger({ transport: { targets: [{ options: {} } as never] } })).toThrow(/\{ target, options, level \} or \{ pipeline, level \}/)
    expect(() => createLogger({ transport: { target: TO_FILE, pipeline: [stage(TO_FILE, {})] } as never })).toThrow(/one of target, targets and pipeline/)
  })
})

describe('globalThis.__bundlerPathsOverrides', () => {
  it.each([
    ['an absolute path', TO_FILE],
    ['a file: URL', pathToFileURL(TO_FILE).href],
  ])('a target named by the app, overridden with %s: the records reach it as they reach pino\'s', (_what, path) => {
    const got = both(['out'], (f) => ({
      overrides: { 'my-transport': path },
      logger: { transport: { target: 'my-transport', options: { file: f.out } } },
      records: 6,
      levels: ['info', 'warn'],
    }))
    expect(got.bytelog[0]).toHaveLength(6)
    expect(got.bytelog).toEqual(got.pino)
  })

  it('an override that is a module name is resolved as a target, as pino resolves it (pino-pretty)', () => {
    const text: Record<string, string> = {}
    for (const lib of LIBS) {
      const file = tmp(`${lib}-pretty.log`)
      const r = app(lib, {
        overrides: { 'my-pretty': 'pino-pretty' },
        logger: { timestamp: 'fixed', base: 'fixed', level: 'trace', transport: { target: 'my-pretty', options: { destination: file, colorize: false } } },
        records: 7,
        levels: ALL_LEVELS.filter((l) => l !== 'audit'),
      })
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      text[lib] = readFileSync(file, 'utf8')
    }
    expect(text.bytelog).toContain('INFO (1): record 2')
    expect(text.bytelog).toBe(text.pino)
  })

  it('pino-worker (pino\'s own lib/worker.js): bytelog\'s targets and pipelines run in it, and the files match pino\'s', () => {
    const got = both(['warn', 'piped'], (f) => ({
      overrides: { 'pino-worker': PINO_WORKER },
      logger: {
        level: 'debug',
        transport: {
          targets: [
            { target: FILE_STAGE, options: { file: f.warn }, level: 'warn' },
            { pipeline: [stage(TRANSFORM, { tag: 'p' }), stage(FILE_STAGE, { file: f.piped })], level: 'debug' },
          ],
        },
      },
      records: 10,
      levels: ['debug', 'info', 'warn', 'error'],
    }))
    expect(got.bytelog.map((f) => f.length)).toEqual([4, 10])
    expect(got.bytelog).toEqual(got.pino)
  })

  it('bytelog-worker is read before pino-worker; a path in it that does not exist throws', async () => {
    const g = globalThis as { __bundlerPathsOverrides?: unknown }
    const before = g.__bundlerPathsOverrides
    const file = tmp('bytelog-worker.log')
    try {
      g.__bundlerPathsOverrides = { 'bytelog-worker': join(ROOT, 'dist', 'esm', 'transport-worker.js'), 'pino-worker': '/no/such/worker.js' }
      const t = transport({ targets: [{ target: TO_FILE, options: { file } }] })
      const log = createLogger({ destination: t })
      log.info('through bytelog-worker')
      await new Promise<void>((resolve) => t.end(() => resolve()))
      g.__bundlerPathsOverrides = { 'bytelog-worker': '/no/such/worker.js' }
      expect(() => transport({ targets: [{ target: TO_FILE, options: { file } }] })).toThrow('bytelog: cannot find the transport target "bytelog-worker": /no/such/worker.js does not exist (its globalThis.__bundlerPathsOverrides entry)')
    } finally {
      // Deleted, not set to undefined: thread-stream reads it once the key exists.
      if (before === undefined) delete g.__bundlerPathsOverrides
      else g.__bundlerPathsOverrides = before
    }
    expect(records(file).map((r) => r.msg)).toEqual(['through bytelog-worker'])
  })
})

describe('formatters.level with several targets', () => {
  const label = (l: string): object => ({ level: l })
  const targets = (): Record<string, unknown> => ({ targets: [{ target: TO_FILE, options: { file: tmp('a') } }, { target: TO_FILE, options: { file: tmp('b') }, level: 'warn' }] })

  /** What happens with each logger: the error thrown, or nothing (the logger then is ended). */
  async function outcome (lib: Lib, opts: Record<string, unknown>): Promise<string | null> {
    try {
      const stream = (lib === 'pino'
        ? (pino(opts as pino.LoggerOptions) as unknown as Record<symbol, unknown>)[pino.symbols.streamSym]
        : createLogger(opts as never).destination) as { end (): void, once (e: string, f: () => void): void }
      await new Promise<void>((resolve) => {
        stream.once('close', resolve)
        stream.end()
      })
      return null
    } catch (err) {
      return (err as Error).message
    }
  }

  it.each([
    ['targets', targets, 'option.transport.targets do not allow custom level formatters'],
    ['targets holding a pipeline', () => ({ targets: [{ pipeline: [stage(TO_FILE, { file: tmp('p') })] }] }), 'option.transport.targets do not allow custom level formatters'],
    ['one target', () => ({ target: TO_FILE, options: { file: tmp('one') } }), null],
    ['a pipeline', () => ({ pipeline: [stage(TO_FILE, { file: tmp('pl') })] }), null],
  ])('the transport option with %s and a custom level formatter: throws where pino throws, with its message', async (_what, t, expected) => {
    for (const lib of LIBS) expect(await outcome(lib, { formatters: { level: label }, transport: t() })).toBe(expected)
  })

  /** The warnings a logger made with this stream and formatter emits as it is made. */
  async function warnings (lib: Lib, t: Record<string, unknown>, level: ((l: string, n: number) => object) | undefined): Promise<Array<Record<string, unknown>>> {
    const seen: Array<Record<string, unknown>> = []
    const on = (w: Error & { code?: string }): void => { seen.push({ name: w.name, message: w.message, code: w.code }) }
    process.on('warning', on)
    const stream = lib === 'pino' ? pino.transport(t as never) : transport(t)
    const opts = level === undefined ? {} : { formatters: { level } }
    if (lib === 'pino') pino(opts, stream as pino.DestinationStream)
    else createLogger({ ...opts, destination: stream as Destination })
    await new Promise((resolve) => setTimeout(resolve, 20))
    process.off('warning', on)
    await new Promise<void>((resolve) => {
      stream.once('close', resolve)
      stream.end()
    })
    return seen
  }

  it.each([
    ['several targets, a label formatter', targets, label, 1],
    ['one target with a level, a label formatter', () => ({ targets: [{ target: TO_FILE, options: { file: tmp('l') }, level: 'info' }] }), label, 1],
    ['several targets, a formatter that keeps the number', targets, (l: string, num: number) => ({ level: num, severity: l }), 0],
    ['several targets, no formatter', targets, undefined, 0],
    ['one target without a level, a label formatter', () => ({ targets: [{ target: TO_FILE, options: { file: tmp('nl') } }] }), label, 0],
    ['a pipeline, a label formatter', () => ({ pipeline: [stage(TO_FILE, { file: tmp('wp') })] }), label, 0],
  ])('a transport given as the stream (%s): warns where pino warns, as pino', async (_what, t, level, count) => {
    const ours = await warnings('bytelog', t(), level)
    expect(ours).toHaveLength(count)
    expect(ours).toEqual(await warnings('pino', t(), level))
    if (count > 0) expect(ours[0]).toMatchObject({ code: 'PINO_TRANSPORT_MULTI_TARGETS_LEVEL_FORMATTER' })
  })
})

describe('a target path that does not exist', () => {
  const missing = join(dir, 'no-such-transport.mjs')
  it.each<[string, TransportOptions & { target?: string }]>([
    ['target', { target: missing }],
    ['target as a file: URL', { target: pathToFileURL(missing).href }],
    ['a target of targets', { targets: [{ target: TO_FILE, options: { file: tmp('x') } }, { target: missing }] }],
    ['a pipeline stage', { pipeline: [stage(TRANSFORM, {}), stage(missing, {})] }],
  ])('(%s) throws from createLogger, before any worker starts', (_what, t) => {
    expect(() => createLogger({ transport: t })).toThrow(`bytelog: cannot find the transport target ${JSON.stringify(t.target ?? missing)}: ${missing} does not exist`)
    expect(() => transport(t)).toThrow(/cannot find the transport target/)
  })
})

describe('the logger\'s config reaches the worker', () => {
  /** What report.mjs was handed (options, workerData, PINO_CONFIG) and the records it read with it. */
  function reports (cfg: (file: string) => Record<string, unknown>): Record<Lib, unknown[]> {
    const out = {} as Record<Lib, unknown[]>
    for (const lib of LIBS) {
      const f = tmp(`${lib}-report.log`)
      const r = app(lib, cfg(f))
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      // The files' names differ by logger; everything else must not.
      const text = readFileSync(f, 'utf8').split(f).join('<file>')
      out[lib] = text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown)
    }
    return out
  }
  const logger = { level: 'trace', customLevels: { audit: 35 }, messageKey: 'message', errorKey: 'error' }

  it.each([false, true])('one target (made by transport() and given as the stream: %s): what it is handed is what pino hands it', (stream) => {
    const got = reports((file) => ({ stream, logger: { ...logger, transport: { target: REPORT, options: { file } } }, records: 7, levels: ALL_LEVELS, child: true }))
    const head = got.bytelog[0] as { config: { messageKey: string, errorKey: string, levels: { values: Record<string, number> } } }
    // The logger's keys and levels, not the defaults.
    expect(head.config).toMatchObject({ messageKey: 'message', errorKey: 'error', levels: { values: { audit: 35 } } })
    expect(got.bytelog).toContainEqual({ label: 'audit', msg: 'record 3' })
    expect(got.bytelog).toEqual(got.pino)
  })

  it.each([false, true])('targets (made by transport() and given as the stream: %s): what each is handed is what pino hands it', (stream) => {
    const got = reports((file) => ({
      stream,
      // pino's `levels` option names the custom level for transport(); the transport option
      // puts the logger's customLevels in its place.
      logger: { ...logger, transport: { levels: { audit: 35 }, targets: [{ target: REPORT, options: { file }, level: 'audit' }, { target: TO_FILE, options: { file: `${file}.all` } }] } },
      records: 7,
      levels: ALL_LEVELS,
    }))
    expect((got.bytelog[0] as { config: unknown }).config).toMatchObject({ messageKey: 'message', errorKey: 'error' })
    expect(got.bytelog.slice(1).map((r) => (r as { label: string }).label)).toEqual(['audit', 'warn', 'error', 'fatal'])
    expect(got.bytelog).toEqual(got.pino)
  })

  it('a custom level name in targets, with no levels option: bytelog throws (pino\'s worker would never match it)', () => {
    expect(() => transport({ targets: [{ target: TO_FILE, options: { file: tmp('u') }, level: 'audit' }] })).toThrow(/unknown transport level "audit".*levels option/)
  })

  it('useOnlyCustomLevels: the worker is handed the custom levels alone, as pino hands them', () => {
    const got = reports((file) => ({
      logger: { level: 'low', customLevels: { low: 5, high: 70 }, useOnlyCustomLevels: true, transport: { target: REPORT, options: { file } } },
      records: 4,
      levels: ['low', 'high'],
    }))
    expect((got.bytelog[0] as { config: { levels: unknown } }).config.levels).toEqual({ labels: { 5: 'low', 70: 'high' }, values: { low: 5, high: 70 } })
    expect(got.bytelog).toEqual(got.pino)
  })
})

describe('what transport() returns emits the thread stream\'s events, as pino\'s ThreadStream does', () => {
  const EVENTS = ['ready', 'finish', 'close', 'error', 'workerData', 'line']

  /** The events of one transport's life: made, given to a logger, two records, ended once they arrived. */
  async function life (lib: Lib, target: string): Promise<{ names: string[], args: Record<string, unknown[]> }> {
    const t = lib === 'pino' ? pino.transport({ target }) : transport({ target })
    const names: string[] = []
    const args: Record<string, unknown[]> = {}
    for (const e of EVENTS) {
      t.on(e, (...a: unknown[]) => {
        names.push(e)
        args[e] = e === 'error' ? [(a[0] as Error).message] : a
      })
    }
    const log = lib === 'pino' ? pino(t as pino.DestinationStream) : createLogger({ destination: t as Destination })
    log.info('one')
    log.info('two')
    const closed = new Promise<void>((resolve) => t.once('close', () => resolve()))
    for (let i = 0; i < 200 && !names.includes('line') && !names.includes('error'); i++) await new Promise((resolve) => setTimeout(resolve, 10))
    t.end()
    await closed
    return { names, args }
  }

  it('ready, the events a transport posts (with their arguments), finish and close', async () => {
    const target = join(FIXTURES, 'post-event.mjs')
    const ours = await life('bytelog', target)
    const theirs = await life('pino', target)
    // 'ready' races with everything before 'close' (thread-stream emits it once the worker has
    // read what was waiting; a CI run saw pino's come after 'finish'); the rest is in order.
    expect([...ours.names].sort()).toEqual([...theirs.names].sort())
    const ordered = (names: string[]): string[] => names.filter((n) => n !== 'ready')
    expect(ordered(ours.names).slice(-2)).toEqual(['finish', 'close'])
    expect(ordered(ours.names).slice(-2)).toEqual(ordered(theirs.names).slice(-2))
    expect(ours.names.at(-1)).toBe('close')
    expect(theirs.names.at(-1)).toBe('close')
    expect(ours.args.line).toHaveLength(1)
    expect(String(ours.args.line![0])).toMatch(/"msg":"one"}\n.*"msg":"two"}\n$/)
    // What the worker was handed, as pino hands it.
    expect(ours.args.workerData).toEqual(theirs.args.workerData)
    expect(ours.args.workerData![0]).toMatchObject({ pinoWillSendConfig: true })
  })

  it('a transport that fails to start: error, with pino\'s error, and close', async () => {
    const target = join(FIXTURES, 'broken.mjs')
    const ours = await life('bytelog', target)
    const theirs = await life('pino', target)
    // thread-stream emits 'error' on setImmediate and 'close' once worker.terminate() has
    // resolved, which under load can come first (pino's own order varies the same way).
    expect([...ours.names].sort()).toEqual(['close', 'error'])
    expect([...theirs.names].sort()).toEqual(['close', 'error'])
    expect(ours.args).toEqual(theirs.args)
  })
})

describe('eight million lines', () => {
  it('8,000,000 lines through a transport (one target at info, as pino\'s test) all reach the file', async () => {
    const file = tmp('eight-million.log')
    const r = spawnSync(process.execPath, [join(FIXTURES, 'many-lines.mjs'), file, '8'], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    let lines = 0
    let last = ''
    for await (const chunk of createReadStream(file)) {
      const b = chunk as Buffer
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) lines++
      last = b.toString('utf8', Math.max(0, b.length - 200))
    }
    expect(lines).toBe(8_000_000)
    expect(JSON.parse(last.slice(last.lastIndexOf('\n', last.length - 2) + 1))).toMatchObject({ level: 30, msg: 'hello 999999' })
  }, 180_000)
})
