/** What JSON.stringify does to a value before writing it: toJSON, boxed primitives, skips. */

const OBJECT_PROTO = Object.prototype
const ARRAY_PROTO = Array.prototype
const DATE_TO_JSON = Date.prototype.toJSON
const DATE_TO_ISO = Date.prototype.toISOString

/**
 * Resolves toJSON and boxed primitives as JSON.stringify does. Returns the value to
 * write; `undefined` (or a function or symbol) means "skip this property".
 */
export function resolve (v: unknown, key: string): unknown {
  if ((typeof v === 'object' && v !== null) || typeof v === 'function') {
    const toJSON = (v as { toJSON?: unknown }).toJSON
    // Plain objects and arrays (most values) need only the toJSON check.
    const proto: unknown = Object.getPrototypeOf(v)
    if (proto === OBJECT_PROTO || proto === ARRAY_PROTO || proto === null) {
      return typeof toJSON === 'function' ? toJSON.call(v, key) : v
    }
    if (v instanceof Error) return v
    if (typeof toJSON === 'function' && !isPlainDate(v)) return toJSON.call(v, key)
    if (v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof BigInt) {
      return v.valueOf()
    }
  } else if (typeof v === 'bigint') {
    const toJSON = (BigInt.prototype as { toJSON?: unknown }).toJSON
    if (typeof toJSON === 'function') return toJSON.call(v, key)
  }
  return v
}

/**
 * A Date whose toJSON and toISOString are the built-in ones (toJSON calls toISOString):
 * written by appendIsoDate without the strings toISOString would allocate.
 */
export function isPlainDate (v: object): v is Date {
  return v instanceof Date && v.toJSON === DATE_TO_JSON && v.toISOString === DATE_TO_ISO
}

/** True where JSON.stringify leaves a property out (and writes null in an array). */
export function skips (v: unknown): boolean {
  const t = typeof v
  return t === 'undefined' || t === 'function' || t === 'symbol'
}
