// The cost of issue 12's options, bytelog against bytelog, side by side in one mitata run:
//
//   node --expose-gc bench/context-implicit.bench.mjs        (after `node scripts/build.mjs`)
//
// Not a case of scripts/bench.mjs (it compares bytelog configurations, not loggers). Every
// logger writes to a destination that drops the bytes. Three groups:
// - context: a record inside log.withBindings({ reqId, user }) against the same record from
//   a child made with those bindings, and a root that never entered a context;
// - sampling: a sampled-out call against a disabled level and a written record;
// - otel: a record inside an active span with otel: true against one without the option
//   (only when the OpenTelemetry packages are installed).
// mitata's heap column (--expose-gc) is its per-iteration heap figure.
import { bench, group, run, summary } from 'mitata'
import { createLogger } from '../dist/esm/index.js'

const BINDINGS = { reqId: 'r-1f6c', user: 'ann' }
// A destination that drops each chunk: the logger's own cost, no I/O (mitata's loop never
// yields, so an async fd would pile records up in memory and time the pile).
const dest = () => ({ write () {} })

const plain = createLogger({ destination: dest() })
const child = plain.child(BINDINGS)
const inContext = createLogger({ destination: dest() })
const sampled = createLogger({ destination: dest(), sample: { interval: 1e9, first: 1, thereafter: 1e9 } })
sampled.info('noisy') // the one that passes; every later call is sampled out

group('context: info("hello world") with { reqId, user }', () => {
  summary(() => {
    bench('child logger with the bindings', () => child.info('hello world'))
    bench('root inside withBindings', () => inContext.info('hello world'))
    bench('root, no context ever entered', () => plain.info('hello world'))
  })
})

group('sampling: one call', () => {
  summary(() => {
    bench('disabled level (debug on info)', () => plain.debug('hello world'))
    bench('sampled out (sample option)', () => sampled.info('noisy'))
    bench('written (no sample option)', () => plain.info('hello world'))
  })
})

let inSpan = (fn) => fn()
try {
  const api = await import('@opentelemetry/api')
  const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks')
  const { BasicTracerProvider } = await import('@opentelemetry/sdk-trace-base')
  api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
  api.trace.setGlobalTracerProvider(new BasicTracerProvider())
  const otel = createLogger({ destination: dest(), otel: true })
  const tracer = api.trace.getTracer('bench')
  inSpan = (fn) => tracer.startActiveSpan('bench', fn)
  group('otel: info("hello world") inside an active span', () => {
    summary(() => {
      bench('otel: true', () => otel.info('hello world'))
      bench('no otel option', () => plain.info('hello world'))
    })
  })
} catch (err) {
  console.error(`otel group skipped: ${err.message}`)
}

// The whole run inside one span and one context of `inContext`'s root: only the loggers
// that use them look them up.
await inSpan(() => inContext.withBindings(BINDINGS, () => run()))
