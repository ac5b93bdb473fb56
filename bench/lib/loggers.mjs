// The loggers under test, each set up as its users set it up, and the limit.
//
// Every entry makes a logger that writes to `path` (/dev/null when timed, a file in a tmp
// dir when its record is captured) with epoch-ms time and pid/hostname base fields, as
// far as the library allows (see NOTES). create() returns:
//   log    the library's own logger object, handed to the case
//   drain  null when nothing is held in memory between calls (sync writers), else a
//          function returning a Promise that settles once every accepted record is on
//          the fd. The harness awaits it between timed batches, never inside one.
//   close  flushes and closes the fd.
import * as fs from 'node:fs'
import { hostname } from 'node:os'
import { setImmediate as tick } from 'node:timers/promises'

// Each library is imported when its logger is first made: a timed process loads only the
// library it times.

const HOST = hostname()

/** How each peer's record differs from pino's, shown in RESULTS.md. */
export const NOTES = {
  'pino-sync4k': 'pino(pino.destination({ dest: fd, sync: true, minLength: 4096 })): sonic-boom (pino\'s own) holds records until 4 KiB ' +
    'have collected, then fs.writeSync()s them: pino\'s fastest configuration, which pino\'s own benchmarks time beside its defaults.',
  'pino-async4k': 'pino(pino.destination({ dest: fd, minLength: 4096 })): async sonic-boom, writes once 4 KiB are buffered. ' +
    'Its write() takes Buffer.byteLength() of the pending string (up to maxWrite, 16 KiB) on every record, which flattens that ' +
    'string each time: its cost per record grows with what is pending, which in a batch (no event-loop turn) is up to 16 KiB.',
  bytelog: 'createLogger({ destination: destination({ dest: fd }) }): the default, async.',
  'bytelog-sync4k': 'createLogger({ destination: destination({ dest: fd, sync: true, minLength: 4096 }) }): pino\'s fastest configuration, given to bytelog.',
  winston: 'winston.createLogger with format.combine(format.splat(), an `err` format, an epoch-ms `time` format, format.json()), ' +
    'defaultMeta { pid, hostname }, a Stream transport over fs.createWriteStream on the fd. Its level is the string "info" and its ' +
    'message key is "message" (compared as level 30 and "msg"); a record without a message is logged as log({ level, ...fields }). ' +
    'format.json() alone writes an Error field as {}: the `err` format writes it as pino does ({ type, message, stack }).',
  bunyan: "bunyan.createLogger({ name: 'bench', serializers: { err }, streams: [{ stream: fs.createWriteStream on the fd }] }). " +
    'It adds "name" and "v", writes time as an ISO string (it cannot write epoch ms) and an empty "msg" when there is ' +
    'none; its err serializer writes name/message/stack (compared: message and stack).',
  logtape: "@logtape/file getStreamFileSink(path, { formatter: getJsonLinesFormatter() }) (its high-volume sink: an fs.WriteStream; " +
    "getFileSink fsyncs after every write, which /dev/null refuses), logger getLogger(['bench']).with({ pid, hostname }). " +
    'It writes "@timestamp" (ISO), "level":"INFO", "message", "logger" and the fields under "properties" (compared flattened, as level 30 and "msg"). ' +
    'An object without a message is logged with its object overload, which renders the fields into "message" too ("{*}"); ' +
    'printf-style messages become a {placeholder} template whose string values it renders quoted (compared with the quotes removed) and keeps as fields too (left out of the comparison); a string message has its braces doubled, once, to be literal. ' +
    'Errors are written as name/message/stack (compared: message and stack).',
  limit: 'Copies the prebuilt bytes of the same record (bytelog\'s line) into a 16 KiB slab and fs.writeSync()s the slab when full.',
}

function openFd (path) {
  return fs.openSync(path, 'a')
}

/** Polls (one event-loop turn at a time) until `idle()` holds. */
async function until (idle) {
  while (!idle()) await tick()
}

/** Ends a stream and settles once it has closed its fd. */
function endStream (stream) {
  return new Promise((resolve) => { stream.once('close', resolve); stream.end() })
}

/** A logger over an fs.WriteStream: drained once `idle()` holds, closed by ending the stream. */
function overStream (log, stream, idle) {
  return {
    log,
    drain: () => until(idle),
    async close () {
      await until(idle)
      await endStream(stream)
    },
  }
}

/**
 * pino writing to a pino.destination() with `opts`. `loggerOpts` (pino's options, or a
 * function of the path returning them) are given to pino() as its first argument; with a
 * `transport` among them there is no destination: the transport writes to the path itself.
 */
export function pinoLogger (opts, loggerOpts) {
  return {
    kind: 'pino',
    async create (path) {
      const { default: pino } = await import('pino')
      const lopts = typeof loggerOpts === 'function' ? loggerOpts(path) : loggerOpts
      if (lopts?.transport !== undefined) return pinoTransport(pino, pino(lopts))
      const dest = pino.destination({ dest: openFd(path), ...opts })
      const log = lopts === undefined ? pino(dest) : pino(lopts, dest)
      // sonic-boom's flush(cb) fsyncs, which /dev/null refuses (EINVAL): flush() without a
      // callback writes what is buffered, and its state says when that is done.
      const drain = async () => {
        while (dest._writing || dest._len > 0) {
          if (!dest._writing) dest.flush()
          await tick()
        }
      }
      return {
        log,
        drain: opts.sync ? null : drain,
        async close () {
          await drain()
          await new Promise((resolve) => { dest.once('close', resolve); dest.destroy() })
        },
      }
    },
  }
}

/** pino with a transport: its thread stream's flush(cb) waits until the worker has read everything. */
function pinoTransport (pino, log) {
  const stream = log[pino.symbols.streamSym]
  const drain = () => new Promise((resolve, reject) => log.flush((err) => (err ? reject(err) : resolve())))
  return {
    log,
    drain,
    async close () {
      await drain()
      // The worker ends its target and exits once the target has closed. pino unrefs the
      // worker: ref'd again, or nothing would keep the process alive until then.
      stream.ref()
      await endStream(stream)
    },
  }
}

/**
 * bytelog writing to a destination() with `opts`. `loggerOpts` (createLogger's options, or
 * a function of the path returning them) are added to createLogger's; with a `transport`
 * among them there is no destination: the transport writes to the path itself.
 */
export function bytelogLogger (opts, loggerOpts) {
  return {
    kind: 'bytelog',
    async create (path) {
      // scripts/bench.mjs builds src/ to a place of its own and says where.
      const { createLogger, destination } = await import(process.env.BENCH_BYTELOG ?? 'bytelog')
      const lopts = typeof loggerOpts === 'function' ? loggerOpts(path) : loggerOpts
      const dest = lopts?.transport !== undefined ? null : destination({ dest: openFd(path), ...opts })
      const log = dest === null ? createLogger(lopts) : createLogger({ ...lopts, destination: dest })
      const d = log.destination
      // A transport's flush(cb) calls back once the worker has read everything.
      const drain = () => new Promise((resolve, reject) => d.flush((err) => (err ? reject(err) : resolve())))
      return {
        log,
        drain: opts.sync && dest !== null ? null : drain,
        close: () => new Promise((resolve, reject) => {
          // A transport's worker is unref'd, and end(cb) calls back once it has closed:
          // a timer keeps the process alive until then (nothing else would).
          const alive = dest === null ? setInterval(() => {}, 1000) : null
          d.end((err) => {
            if (alive !== null) clearInterval(alive)
            if (err) reject(err)
            else resolve()
          })
        }),
      }
    },
  }
}

const winstonLogger = {
  kind: 'winston',
  async create (path) {
    const { default: winston } = await import('winston')
    // An epoch-ms `time` field, as pino writes it.
    const epochTime = winston.format((info) => {
      info.time = Date.now()
      return info
    })
    // format.json() would write an Error field as {}: written as pino's serializer does.
    const errField = winston.format((info) => {
      const err = info.err
      if (err instanceof Error) info.err = { type: err.constructor.name, message: err.message, stack: err.stack }
      return info
    })
    const stream = fs.createWriteStream(path, { fd: openFd(path) })
    const transport = new winston.transports.Stream({ stream })
    const log = winston.createLogger({
      level: 'info',
      format: winston.format.combine(winston.format.splat(), errField(), epochTime(), winston.format.json()),
      defaultMeta: { pid: process.pid, hostname: HOST },
      transports: [transport],
    })
    const idle = () => log.writableLength === 0 && log.readableLength === 0 &&
      transport.writableLength === 0 && stream.writableLength === 0
    return overStream(log, stream, idle)
  },
}

const bunyanLogger = {
  kind: 'bunyan',
  async create (path) {
    const { default: bunyan } = await import('bunyan')
    const stream = fs.createWriteStream(path, { fd: openFd(path) })
    const log = bunyan.createLogger({
      name: 'bench',
      serializers: { err: bunyan.stdSerializers.err },
      streams: [{ level: 'info', stream }],
    })
    return overStream(log, stream, () => stream.writableLength === 0)
  },
}

/** An fs write (FSReqCallback) is in flight in this process. */
function fsWriteInFlight () {
  return process.getActiveResourcesInfo().includes('FSReqCallback')
}

/**
 * LogTape's configuration is global: one LogTape logger exists at a time. Its sink is
 * @logtape/file's getStreamFileSink, the one it recommends for high-volume logging
 * (getFileSink fsyncs after each write, which /dev/null refuses with EINVAL). That sink
 * keeps its fs.WriteStream to itself, so the drain waits until no fs write is in flight
 * over two event-loop turns: a WriteStream with bytes buffered always has one.
 */
const logtapeLogger = {
  kind: 'logtape',
  async create (path) {
    const { configure, dispose, getJsonLinesFormatter, getLogger } = await import('@logtape/logtape')
    const { getStreamFileSink } = await import('@logtape/file')
    await configure({
      reset: true,
      sinks: { file: getStreamFileSink(path, { formatter: getJsonLinesFormatter() }) },
      loggers: [
        { category: ['bench'], lowestLevel: 'info', sinks: ['file'] },
        { category: ['logtape', 'meta'], lowestLevel: 'warning', sinks: [] },
      ],
    })
    const log = getLogger(['bench']).with({ pid: process.pid, hostname: HOST })
    const drain = async () => {
      for (let quiet = 0; quiet < 2;) {
        await tick()
        quiet = fsWriteInFlight() ? 0 : quiet + 1
      }
    }
    return {
      log,
      drain,
      close: async () => {
        await drain()
        await dispose()
      },
    }
  },
}

const SLAB = 16 * 1024

/**
 * The physical limit: the finished bytes of the record, copied into a slab that is
 * written with one fs.writeSync per 16 KiB. No encoding, no clock, no allocation.
 */
const limitLogger = {
  kind: 'limit',
  async create (path, record) {
    if (!Buffer.isBuffer(record) || record.length > SLAB) throw new Error('limit: needs the record, at most 16 KiB')
    const fd = openFd(path)
    const slab = Buffer.allocUnsafeSlow(SLAB)
    const len = record.length
    let pos = 0
    const write = () => {
      if (pos + len > SLAB) {
        fs.writeSync(fd, slab, 0, pos)
        pos = 0
      }
      record.copy(slab, pos)
      pos += len
    }
    return {
      log: write,
      drain: null,
      async close () {
        if (pos > 0) fs.writeSync(fd, slab, 0, pos)
        fs.closeSync(fd)
      },
    }
  },
}

/** The two pino setups; every ratio is taken against the faster of them, case by case. */
export const PINOS = ['pino-sync4k', 'pino-async4k']
/** bytelog's two setups, both reported. */
export const BYTELOGS = ['bytelog', 'bytelog-sync4k']

/** In table order: pino's two setups first, the limit last. */
export const LOGGERS = [
  { name: 'pino-sync4k', ...pinoLogger({ sync: true, minLength: 4096 }) },
  { name: 'pino-async4k', ...pinoLogger({ minLength: 4096 }) },
  { name: 'bytelog', ...bytelogLogger({}) },
  { name: 'bytelog-sync4k', ...bytelogLogger({ sync: true, minLength: 4096 }) },
  { name: 'winston', ...winstonLogger, peer: true },
  { name: 'bunyan', ...bunyanLogger, peer: true },
  { name: 'logtape', ...logtapeLogger, peer: true },
  { name: 'limit', ...limitLogger },
]
