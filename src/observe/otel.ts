/**
 * OpenTelemetry correlation (`otel: true`): the active span's ids on every record, with the
 * keys and format of @opentelemetry/instrumentation-pino (`trace_id`, `span_id`, and
 * `trace_flags` as two hex digits), right after the bindings. One context lookup per
 * record; nothing when there is no span or its context is not valid.
 *
 * @opentelemetry/api is an optional peer dependency, loaded only when the option is on. Its
 * API keeps one global registration per major version, so the copy found from the app's
 * directory sees the app's tracer provider and context manager.
 */
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { ByteBuf } from '../pool.js'

/** What we use of @opentelemetry/api. */
interface SpanContext { traceId: string, spanId: string, traceFlags: number }
interface OtelApi {
  context: { active (): unknown }
  trace: { getSpan (ctx: unknown): { spanContext (): SpanContext } | undefined }
}

const TRACE_ID = Buffer.from(',"trace_id":"', 'latin1')
const SPAN_ID = Buffer.from('","span_id":"', 'latin1')
const TRACE_FLAGS = Buffer.from('","trace_flags":"', 'latin1')
const HEX = Buffer.from('0123456789abcdef', 'latin1')
/** The three fields with their ids (32 and 16 hex digits) and flags. */
const ROOM = TRACE_ID.length + 32 + SPAN_ID.length + 16 + TRACE_FLAGS.length + 3

/** Finds @opentelemetry/api from the app (its directory, then its main script's). */
export function loadOtelApi (): OtelApi {
  const from = [join(process.cwd(), 'index.js')]
  if (typeof process.argv[1] === 'string') from.push(process.argv[1])
  for (const f of from) {
    try {
      return createRequire(f)('@opentelemetry/api') as OtelApi
    } catch {
      // Not found from there: the next place.
    }
  }
  throw new TypeError('bytelog: otel: true needs @opentelemetry/api (npm install @opentelemetry/api)')
}

export class OtelIds {
  readonly #api: OtelApi

  constructor (api: OtelApi) {
    this.#api = api
  }

  /** `,"trace_id":"…","span_id":"…","trace_flags":"01"` of the active span, if any. */
  append (rb: ByteBuf): void {
    const api = this.#api
    const span = api.trace.getSpan(api.context.active())
    if (span === undefined) return
    const sc = span.spanContext()
    const buf = rb.reserve(ROOM)
    // The ids are checked while they are copied (api.isSpanContextValid's regexes cost more
    // than the rest of the record): valid is 32 and 16 hex digits (either case), not all zero,
    // as the API defines it. Otherwise rb.pos stays where it was and nothing is added.
    let pos = appendHexId(buf, copy(buf, rb.pos, TRACE_ID), sc.traceId, 32)
    if (pos < 0) return
    pos = appendHexId(buf, copy(buf, pos, SPAN_ID), sc.spanId, 16)
    if (pos < 0) return
    pos = copy(buf, pos, TRACE_FLAGS)
    const f = sc.traceFlags & 0xff
    buf[pos++] = HEX[f >> 4]!
    buf[pos++] = HEX[f & 15]!
    buf[pos++] = 0x22 // "
    rb.pos = pos
  }
}

function copy (buf: Buffer, pos: number, src: Buffer): number {
  buf.set(src, pos)
  return pos + src.length
}

/**
 * Copies an id of `len` hex digits byte by byte (no string is made); -1 if it is
 * not one, or is all zeros (the API's invalid id).
 */
function appendHexId (buf: Buffer, pos: number, s: unknown, len: number): number {
  if (typeof s !== 'string' || s.length !== len) return -1
  let nonZero = 0
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i)
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46))) return -1
    nonZero |= c ^ 0x30
    buf[pos + i] = c
  }
  return nonZero === 0 ? -1 : pos + len
}
