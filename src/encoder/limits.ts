/**
 * pino's `depthLimit` and `edgeLimit`, applied to every value a logger that sets them
 * writes, with safe-stable-stringify's marks for what is cut (pino's fallback serializer,
 * configured with them as maximumDepth and maximumBreadth):
 *
 *   - a non-empty array or object `depthLimit` levels below a field's value (the value is
 *     level 0) is written as "[Array]" or "[Object]"; an empty one as [] or {};
 *   - an object with more own enumerable keys than `edgeLimit` is written with its first
 *     `edgeLimit` (in JSON.stringify's order) and `"...":"N items not stringified"`; an
 *     array with its first `edgeLimit` items and `"... N items not stringified"`.
 *
 * The limits are module state, not parameters: the walk passes only the buffer, the value
 * and the ancestors' base, and the files it runs through (error.ts among them) stay as
 * they are. A logger with limits installs them around each record, bindings or event
 * field it writes (useLimits) and puts back what was there, so a log call made from a
 * toJSON or getter while a record is written uses its own logger's limits and the outer
 * record then goes on with its own. Unset, the limits are Infinity, and the walk's only
 * checks are ones it makes anyway (see FAR_DEPTH).
 */
import type { ByteBuf } from '../pool.js'
import { appendBytes, bytes } from './bytes.js'
import { appendSafeInt } from './int.js'
import { appendKey } from './string.js'

/**
 * Past this depth a subtree is walked with an explicit stack instead of recursion (see
 * deep.ts), so any depth is written in full (JSON.stringify itself gives up near 4,000
 * levels; JSON.parse reads any depth).
 */
export const RECURSION_LIMIT = 500

/** A logger's limits, checked once when it is made. */
export class Limits {
  constructor (readonly depth: number, readonly breadth: number) {}
}

/** No limits: every value written whole (every logger without the options shares it). */
export const UNLIMITED = new Limits(Infinity, Infinity)

let current = UNLIMITED
/** Arrays and objects at this depth or deeper are cut (a field's value is at depth 0). */
export let depthLimit = Infinity
/** Items of an array, or own enumerable keys of an object, written before the rest is cut. */
export let edgeLimit = Infinity
/**
 * The depth from which writeObject looks closer at a container: the smaller of depthLimit
 * and RECURSION_LIMIT. It replaces the RECURSION_LIMIT check the walk always made, so an
 * unset depthLimit costs no comparison of its own.
 */
export let farDepth = RECURSION_LIMIT

/** Installs `l` for what is written next; returns the limits it replaces, to put back. */
export function useLimits (l: Limits): Limits {
  const prev = current
  if (l !== prev) {
    current = l
    depthLimit = l.depth
    edgeLimit = l.breadth
    farDepth = l.depth < RECURSION_LIMIT ? l.depth : RECURSION_LIMIT
  }
  return prev
}

const hasOwn = Object.prototype.hasOwnProperty

const ARRAY_MARK = bytes('"[Array]"')
const OBJECT_MARK = bytes('"[Object]"')
const EMPTY_ARRAY = bytes('[]')
const EMPTY_OBJECT = bytes('{}')
const REST_OPEN = bytes('"... ')
const REST_KEY_OPEN = bytes('"')
const ONE_ITEM = bytes(' item not stringified"')
const ITEMS = bytes(' items not stringified"')

/**
 * A container at depthLimit: "[Array]" or "[Object]", or [] / {} when it is empty, as
 * safe-stable-stringify writes it. An Error counts as an object (bytelog writes it as one,
 * never empty). May throw (a Proxy's ownKeys trap): the caller's guard writes the
 * placeholder.
 */
export function appendCut (b: ByteBuf, o: object): void {
  let mark: Buffer
  if (Array.isArray(o)) {
    mark = o.length === 0 ? EMPTY_ARRAY : ARRAY_MARK
  } else {
    mark = o instanceof Error || hasOwnKey(o) ? OBJECT_MARK : EMPTY_OBJECT
  }
  b.pos = appendBytes(b.reserve(mark.length), b.pos, mark)
}

function hasOwnKey (o: object): boolean {
  for (const k in o) if (hasOwn.call(o, k)) return true
  return false
}

/**
 * `,"... N items not stringified"` after the first edgeLimit items of an array (`cut` is
 * how many are left out). Written with digits, not a string made per call.
 */
export function appendArrayRest (b: ByteBuf, cut: number): void {
  b.reserve(1)[b.pos++] = 0x2c
  appendRestText(b, REST_OPEN, cut)
}

/** `"...":"N items not stringified"` (after a comma when `comma`) after an object's first edgeLimit keys. */
export function appendObjectRest (b: ByteBuf, cut: number, comma: boolean): void {
  appendKey(b, '...', comma)
  appendRestText(b, REST_KEY_OPEN, cut)
}

/** safe-stable-stringify's getItemCount: "1 item", "N items". */
function appendRestText (b: ByteBuf, open: Buffer, cut: number): void {
  const tail = cut === 1 ? ONE_ITEM : ITEMS
  const buf = b.reserve(open.length + 17 + tail.length)
  b.pos = appendBytes(buf, appendSafeInt(buf, appendBytes(buf, b.pos, open), cut), tail)
}
