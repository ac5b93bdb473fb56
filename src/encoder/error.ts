/**
 * Errors in pino-std-serializers' shape: type, message (with causes), stack (with
 * "caused by:"), aggregateErrors, then the other enumerable properties. Errors nested under
 * other keys are written the same way; `cause` is folded into message and stack.
 */
import type { ByteBuf } from '../pool.js'
import { level, onStack, pop, push } from './ancestors.js'
import { appendBytes, bytes } from './bytes.js'
import { writeValue } from './dispatch.js'
import { writeProperty } from './object.js'
import { skips } from './resolve.js'
import { appendKey, appendString } from './string.js'
import { appendCut, depthLimit } from './limits.js'
import { appendUnserializable } from './unserializable.js'

const toStr = Object.prototype.toString

const TYPE = bytes('"type":')
/** The opening of the commonest error: `{"type":"Error",`. */
const ERROR_TYPE = bytes('{"type":"Error",')
const MESSAGE = bytes('"message":')
const STACK = bytes(',"stack":')

/** True for what pino's err serializer treats as an error: a string `message`. */
export function isErrorLike (v: unknown): v is { message: string } {
  if (typeof v !== 'object' || v === null) return false
  try {
    return typeof (v as { message?: unknown }).message === 'string'
  } catch {
    return false // a throwing `message` getter: then it is written as a plain object
  }
}

/** Writes `err` (already pushed on the ancestor stack) as `{"type",...}`. */
export function writeError (b: ByteBuf, err: object, base: number): void {
  const e = err as Error & { errors?: unknown, cause?: unknown }
  const ctor = e.constructor
  // pino-std-serializers' test, without Object.prototype.toString for the built-in
  // constructors (whose tag is known): a quarter of an error's fixed cost.
  const type: unknown = ctor === Error || ctor === TypeError || ctor === RangeError || toStr.call(ctor) === '[object Function]' ? ctor.name : e.name
  if (type === 'Error') {
    b.pos = appendBytes(b.reserve(ERROR_TYPE.length), b.pos, ERROR_TYPE)
  } else {
    b.reserve(1)[b.pos++] = 0x7b
    // As JSON.stringify drops an undefined "type" (a null-prototype error-like object).
    if (typeof type === 'string') {
      b.pos = appendBytes(b.reserve(TYPE.length), b.pos, TYPE)
      appendString(b, type)
      b.reserve(1)[b.pos++] = 0x2c
    }
  }
  const cause = e.cause
  const message = cause === undefined ? (typeof e.message === 'string' ? e.message : '') : messageWithCauses(e)
  b.pos = appendBytes(b.reserve(MESSAGE.length), b.pos, MESSAGE)
  appendString(b, message)
  const stackText = cause === undefined ? (e.stack || '') : stackWithCauses(e)
  b.pos = appendBytes(b.reserve(STACK.length), b.pos, STACK)
  appendString(b, String(stackText))
  if (Array.isArray(e.errors)) {
    b.reserve(1)[b.pos++] = 0x2c
    appendString(b, 'aggregateErrors')
    b.reserve(1)[b.pos++] = 0x3a
    const list = e.errors
    // The list is a level of its own, as in pino's serialized error (depthLimit counts it).
    if (level() - base >= depthLimit) {
      appendCut(b, list)
    } else {
      b.reserve(1)[b.pos++] = 0x5b
      push(list)
      for (let i = 0; i < list.length; i++) {
        if (i > 0) b.reserve(1)[b.pos++] = 0x2c
        const item = list[i]
        if (isErrorLike(item)) writeNestedError(b, item, base)
        else writeValue(b, skips(item) ? null : item, base)
      }
      pop()
      b.reserve(1)[b.pos++] = 0x5d
    }
  }
  // Other enumerable properties, with pino-std-serializers' rules: it copies a key only
  // where its output object has nothing yet, so keys inherited from Object.prototype
  // (toString...) and the non-enumerable `raw` never appear; error-like values get the
  // error shape, and `cause` is already folded into message and stack.
  for (const k in e) {
    if (k === 'type' || k === 'message' || k === 'stack' || k === 'raw' || k in Object.prototype) continue
    if (k === 'aggregateErrors' && Array.isArray(e.errors)) continue
    let v: unknown
    try {
      v = (e as unknown as Record<string, unknown>)[k]
    } catch (err2) {
      appendKey(b, k, true)
      appendUnserializable(b, err2)
      continue
    }
    if (v === undefined) continue
    if (isErrorLike(v)) {
      if (k === 'cause') continue
      appendKey(b, k, true)
      writeNestedError(b, v, base)
      continue
    }
    writeProperty(b, k, v, base, true, k)
  }
  b.reserve(1)[b.pos++] = 0x7d
}

/** An error-like value nested in an error: the error shape, or "[Circular]". */
function writeNestedError (b: ByteBuf, o: object, base: number): void {
  if (onStack(o, base)) {
    appendString(b, '[Circular]')
    return
  }
  if (level() - base >= depthLimit) {
    appendCut(b, o) // "[Object]": pino's serialized error is an object at that depth
    return
  }
  push(o)
  writeError(b, o, base)
  pop()
}

function causeOf (e: unknown): { message: string, stack?: unknown } | undefined {
  if (typeof e !== 'object' || e === null) return undefined
  const cause = (e as { cause?: unknown }).cause
  const c = typeof cause === 'function' ? (cause as (this: unknown) => unknown).call(e) : cause
  return isErrorLike(c) ? c : undefined
}

function messageWithCauses (e: Error): string {
  const seen = new Set<unknown>()
  let out = ''
  let cur: unknown = e
  let skip = false
  while (isErrorLike(cur)) {
    const msg = skip ? '' : (cur.message || '')
    if (seen.has(cur)) return out + msg + ': ...'
    const cause = causeOf(cur)
    if (cause === undefined) return out + msg
    seen.add(cur)
    skip = typeof (cur as { cause?: unknown }).cause === 'function'
    out += msg + (skip ? '' : ': ')
    cur = cause
  }
  return out
}

function stackWithCauses (e: Error): string {
  const seen = new Set<unknown>()
  let out = ''
  let cur: unknown = e
  while (isErrorLike(cur)) {
    const st = String((cur as { stack?: unknown }).stack || '')
    if (seen.has(cur)) return out + st + '\ncauses have become circular...'
    const cause = causeOf(cur)
    if (cause === undefined) return out + st
    seen.add(cur)
    out += st + '\ncaused by: '
    cur = cause
  }
  return out
}
