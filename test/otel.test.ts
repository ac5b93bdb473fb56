/**
 * OpenTelemetry: trace ids on records (`otel: true`) from a real tracer
 * (@opentelemetry/sdk-trace-base with the async-hooks context manager), checked against
 * the span's own spanContext() and against pino with the fields instrumentation-pino adds;
 * and records exported to a real LoggerProvider (@opentelemetry/sdk-logs, in memory).
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { context, INVALID_SPAN_CONTEXT, trace, TraceFlags, type Span, type SpanContext } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs'
import { AlwaysOffSampler, BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger, otelSink, type Logger } from '../src/index.js'
import { capture, cleanupTmp, DIST_ESM, ensureBuilt, tmpDir } from './helpers.js'

const spans = new InMemorySpanExporter()
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] })
const unsampled = new BasicTracerProvider({ sampler: new AlwaysOffSampler() })
const contextManager = new AsyncLocalStorageContextManager()

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable())
  trace.setGlobalTracerProvider(provider)
})
afterAll(() => {
  context.disable()
  trace.disable()
  cleanupTmp()
})

const tracer = () => provider.getTracer('test')

/** instrumentation-pino's fields for a span context (its mixin). */
function pinoFields (sc: SpanContext): Record<string, string> {
  return { trace_id: sc.traceId, span_id: sc.spanId, trace_flags: `0${sc.traceFlags.toString(16)}` }
}

/** bytelog with otel on, and pino with instrumentation-pino's mixin: same options. */
function both (): { log: Logger, lines: string[], ref: pino.Logger, refLines: string[] } {
  const out = capture()
  const refLines: string[] = []
  const log = createLogger({ otel: true, time: false, destination: out.destination })
  const ref = pino({
    timestamp: false,
    mixin () {
      const span = trace.getSpan(context.active())
      return span === undefined || !trace.isSpanContextValid(span.spanContext()) ? {} : pinoFields(span.spanContext())
    },
  }, { write: (s: string) => { refLines.push(s) } })
  return { log, lines: out.lines, ref, refLines }
}

type Call = (l: Logger | pino.Logger) => void
const CALLS: Array<[string, Call]> = [
  ['a message', (l) => l.info('hello')],
  ['an object', (l) => l.info({ user: 'ann', n: 3 }, 'signed in')],
  ['a warning with printf', (l) => l.warn('user %s', 'ann')],
]

describe('otel: true adds the active span\'s ids, as instrumentation-pino does', () => {
  it.each(CALLS)('inside a span, the record is pino\'s with instrumentation-pino\'s fields: %s', (_name, call) => {
    const { log, lines, ref, refLines } = both()
    tracer().startActiveSpan('op', (span) => {
      call(log)
      call(ref)
      span.end()
    })
    expect(lines).toEqual(refLines)
    const rec = JSON.parse(lines[0]!) as Record<string, unknown>
    const sc = spans.getFinishedSpans().at(-1)!.spanContext()
    expect(rec).toMatchObject({ trace_id: sc.traceId, span_id: sc.spanId, trace_flags: '01' })
  })

  it('outside any span: no fields, the same record as without the option', () => {
    const { log, lines, ref, refLines } = both()
    log.info({ a: 1 }, 'no span')
    ref.info({ a: 1 }, 'no span')
    expect(lines).toEqual(refLines)
    expect(lines[0]).not.toContain('trace_id')
  })

  const T = '0af7651916cd43dd8448eb211c80319c'
  const S = 'b7ad6b7169203331'
  it.each([
    ['the API\'s invalid context (all zeros)', INVALID_SPAN_CONTEXT],
    ['a trace id not hex', { traceId: 'zz'.repeat(16), spanId: S, traceFlags: 1 }],
    ['a span id not hex', { traceId: T, spanId: 'b7ad6b71692033"}', traceFlags: 1 }],
    ['a short trace id', { traceId: T.slice(1), spanId: S, traceFlags: 1 }],
    ['a long span id', { traceId: T, spanId: S + '0', traceFlags: 1 }],
    ['a zero span id', { traceId: T, spanId: '0'.repeat(16), traceFlags: 1 }],
    ['a valid context in capitals', { traceId: T.toUpperCase(), spanId: S.toUpperCase(), traceFlags: 1 }],
    ['a valid context', { traceId: T, spanId: S, traceFlags: 1 }],
  ])('%s: fields exactly when the API calls it valid, the record pino\'s', (_name, sc) => {
    const { log, lines, ref, refLines } = both()
    context.with(trace.setSpan(context.active(), trace.wrapSpanContext(sc)), () => { log.info('x'); ref.info('x') })
    expect(lines).toEqual(refLines)
    expect('trace_id' in (JSON.parse(lines[0]!) as Record<string, unknown>)).toBe(trace.isSpanContextValid(sc))
  })

  it.each([
    [TraceFlags.NONE, '00'],
    [TraceFlags.SAMPLED, '01'],
  ])('trace flags %d as two hex digits: %s', (flags, hex) => {
    const { log, lines, ref, refLines } = both()
    const sc: SpanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: flags }
    context.with(trace.setSpan(context.active(), trace.wrapSpanContext(sc)), () => { log.info('x'); ref.info('x') })
    expect(lines).toEqual(refLines)
    expect(JSON.parse(lines[0]!)).toMatchObject({ trace_id: sc.traceId, span_id: sc.spanId, trace_flags: hex })
  })

  it('an unsampled span from a real tracer: its ids with trace_flags "00"', () => {
    const { log, lines } = both()
    unsampled.getTracer('off').startActiveSpan('quiet', (span) => {
      log.info('unsampled')
      const sc = span.spanContext()
      expect(JSON.parse(lines[0]!)).toMatchObject({ trace_id: sc.traceId, span_id: sc.spanId, trace_flags: '00' })
      span.end()
    })
  })

  it('nested spans and async continuations: each record has the span active where it was logged', async () => {
    const out = capture()
    const log = createLogger({ otel: true, time: false, base: null, destination: out.destination })
    const seen: Array<[string, SpanContext]> = []
    await tracer().startActiveSpan('outer', async (outer: Span) => {
      log.info('outer')
      seen.push(['outer', outer.spanContext()])
      await tracer().startActiveSpan('inner', async (inner: Span) => {
        await sleep(2)
        log.info('inner')
        seen.push(['inner', inner.spanContext()])
        inner.end()
      })
      log.info('outer again')
      seen.push(['outer again', outer.spanContext()])
      outer.end()
    })
    log.info('after')
    const recs = out.records()
    expect(recs.map((r) => r.msg)).toEqual(['outer', 'inner', 'outer again', 'after'])
    for (const [i, [msg, sc]] of seen.entries()) {
      expect(recs[i]).toEqual({ level: 30, trace_id: sc.traceId, span_id: sc.spanId, trace_flags: '01', msg })
    }
    expect(recs[1]!.trace_id).toBe(recs[0]!.trace_id)
    expect(recs[1]!.span_id).not.toBe(recs[0]!.span_id)
    expect(recs[3]).toEqual({ level: 30, msg: 'after' })
  })

  it('key order: level, time, base, bindings, context bindings, span ids, fields, message; event API too', () => {
    const out = capture()
    const log = createLogger({ otel: true, destination: out.destination })
    tracer().startActiveSpan('op', (span) => {
      log.withBindings({ reqId: 'r-1' }, () => {
        log.child({ mod: 'db' }).info({ q: 1 }, 'query')
        log.event('warn').str('k', 'v').msg('event')
      })
      span.end()
    })
    const [a, b] = out.records()
    expect(Object.keys(a!)).toEqual(['level', 'time', 'pid', 'hostname', 'mod', 'reqId', 'trace_id', 'span_id', 'trace_flags', 'q', 'msg'])
    expect(Object.keys(b!)).toEqual(['level', 'time', 'pid', 'hostname', 'reqId', 'trace_id', 'span_id', 'trace_flags', 'k', 'msg'])
  })

  it('without @opentelemetry/api installed: a TypeError at creation that says what to install', () => {
    ensureBuilt()
    const dir = tmpDir()
    const script = join(dir, 'no-otel.mjs')
    writeFileSync(script, `import { createLogger } from ${JSON.stringify(DIST_ESM)}
try { createLogger({ otel: true }); console.log('created') } catch (e) { console.log(e.constructor.name + ': ' + e.message) }
`)
    const out = execFileSync(process.execPath, [script], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } })
    expect(out.trim()).toBe('TypeError: bytelog: otel: true needs @opentelemetry/api (npm install @opentelemetry/api)')
  })

  it('otel must be a boolean', () => {
    expect(() => createLogger({ otel: 'yes' as unknown as boolean })).toThrow(TypeError)
  })
})

describe('otelSink: records to an OpenTelemetry LoggerProvider', () => {
  function sinkLogger (level: 'trace' | 'info' = 'trace'): { log: Logger, exporter: InMemoryLogRecordExporter } {
    const exporter = new InMemoryLogRecordExporter()
    const loggerProvider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] })
    return { log: createLogger({ level, destination: otelSink({ loggerProvider }) }), exporter }
  }

  it.each([
    ['trace', 1, 'TRACE'], ['debug', 5, 'DEBUG'], ['info', 9, 'INFO'],
    ['warn', 13, 'WARN'], ['error', 17, 'ERROR'], ['fatal', 21, 'FATAL'],
  ] as const)('%s → severityNumber %d (%s), msg → body, fields → attributes, time → timestamp', (method, number, text) => {
    const { log, exporter } = sinkLogger()
    const before = Date.now()
    log.child({ reqId: 'r-1' })[method]({ user: 'ann', n: 3, nested: { a: [1, 2] } }, 'hello')
    log.flushSync()
    const [rec] = exporter.getFinishedLogRecords()
    expect(rec).toBeDefined()
    expect(rec!.severityNumber).toBe(number)
    expect(rec!.severityText).toBe(text)
    expect(rec!.body).toBe('hello')
    expect(rec!.attributes).toEqual({ pid: process.pid, hostname: expect.any(String), reqId: 'r-1', user: 'ann', n: 3, nested: { a: [1, 2] } })
    const ms = rec!.hrTime[0] * 1000 + Math.floor(rec!.hrTime[1] / 1e6)
    expect(ms).toBeGreaterThanOrEqual(before)
    expect(ms).toBeLessThanOrEqual(Date.now())
  })

  it('err → exception.type, exception.message, exception.stacktrace', () => {
    const { log, exporter } = sinkLogger()
    const err = new TypeError('bad input')
    log.error(err)
    log.flushSync()
    const [rec] = exporter.getFinishedLogRecords()
    expect(rec!.body).toBe('bad input')
    expect(rec!.attributes).toMatchObject({ 'exception.type': 'TypeError', 'exception.message': 'bad input', 'exception.stacktrace': err.stack })
    expect(rec!.attributes).not.toHaveProperty('err')
  })

  it('many records, in order, one LogRecord each', () => {
    const { log, exporter } = sinkLogger()
    for (let i = 0; i < 500; i++) log.info({ i }, `m${i}`)
    log.flushSync()
    const recs = exporter.getFinishedLogRecords()
    expect(recs.map((r) => r.body)).toEqual(Array.from({ length: 500 }, (_, i) => `m${i}`))
    expect(recs.map((r) => r.attributes.i)).toEqual(Array.from({ length: 500 }, (_, i) => i))
  })

  it('needs a LoggerProvider', () => {
    expect(() => otelSink({} as never)).toThrow(TypeError)
  })
})
