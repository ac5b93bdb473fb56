/**
 * pino's `redact`: paths compiled once, at logger creation, into a tree, and applied while
 * a record is encoded. The caller's object is never cloned or changed: a redacted value is
 * simply written as the censor (or left out with `remove`).
 *
 * Path syntax, as pino's (fast-redact): `a.b`, `a["b-c"]`, `a['b']`, `a[0]`, and `*` or
 * `[*]` for any key or index at that level (`*.password`, `a[*].b`).
 */
import type { ByteBuf } from './pool.js'
import { level, onStack, pop, push, truncate } from './encoder/ancestors.js'
import { appendArrayRest, appendCut, appendObjectRest, depthLimit, edgeLimit } from './encoder/limits.js'
import { appendKey, appendString } from './encoder/string.js'
import { appendUnserializable } from './encoder/unserializable.js'
import { appendValue, appendValueAt } from './encoder/value.js'

export type Censor = unknown | ((value: unknown, path: string[]) => unknown)

export interface RedactOptions {
  paths: string[]
  /** What a redacted value becomes: a value, or a function of (value, path). Default "[Redacted]". */
  censor?: Censor
  /** Leave redacted keys out instead. */
  remove?: boolean
}

/** A node of the path tree: what applies below one key. */
class Node {
  readonly children = new Map<string, Node>()
  wild: Node | null = null
  /** A path ends here: the value under this key is redacted. */
  terminal = false
  /**
   * What applies one key further down, worked out once (see seal()): the named key's node
   * plus the wildcard's, or the wildcard's alone for any other key. A record's keys are
   * then looked up without building an array.
   */
  readonly next = new Map<string, Node[]>()
  nextOther: Node[] | null = null

  child (key: string | null): Node {
    if (key === null) return (this.wild ??= new Node())
    let n = this.children.get(key)
    if (n === undefined) this.children.set(key, n = new Node())
    return n
  }

  /** Fills `next` for this node and every node below. */
  seal (): void {
    for (const [key, c] of this.children) this.next.set(key, this.wild === null ? [c] : [c, this.wild])
    this.nextOther = this.wild === null ? null : [this.wild]
    for (const c of this.children.values()) c.seal()
    this.wild?.seal()
  }
}

/** The nodes that apply one key further down; null when none does. */
function step (nodes: Node[], key: string): Node[] | null {
  if (nodes.length === 1) {
    const n = nodes[0]!
    return n.next.get(key) ?? n.nextOther
  }
  // Several nodes (overlapping wildcards): rare, built per key.
  let out: Node[] | null = null
  for (const n of nodes) {
    const c = n.children.get(key)
    if (c !== undefined) (out ??= []).push(c)
    if (n.wild !== null) (out ??= []).push(n.wild)
  }
  return out
}

function anyTerminal (nodes: Node[]): boolean {
  for (let i = 0; i < nodes.length; i++) if (nodes[i]!.terminal) return true
  return false
}

export class Redactor {
  readonly #root = new Node()
  /** [#root]: what top() steps from, made once. */
  readonly #rootNodes = [this.#root]
  /**
   * The keys from the top down to the value being written. Only a censor function sees it
   * (a copy); a stack, so a log call made from inside a censor or getter nests cleanly.
   */
  readonly #path: string[] = []
  readonly #censor: Censor
  readonly #censorFn: boolean
  readonly #remove: boolean

  constructor (opts: string[] | RedactOptions) {
    const o: RedactOptions = Array.isArray(opts) ? { paths: opts } : opts
    if (typeof o !== 'object' || o === null || !Array.isArray(o.paths)) {
      throw new TypeError('bytelog: redact must be an array of paths or { paths, censor, remove }')
    }
    for (const path of o.paths) {
      if (typeof path !== 'string') throw new TypeError('bytelog: redact paths must be strings')
      let n = this.#root
      for (const key of parsePath(path)) n = n.child(key)
      n.terminal = true
    }
    this.#root.seal()
    this.#censor = 'censor' in o ? o.censor : '[Redacted]'
    this.#censorFn = typeof this.#censor === 'function'
    this.#remove = o.remove === true
  }

  /**
   * A value as a whole record's object would be redacted: pino redacts the objects a printf
   * message interpolates (%j, %o, %O) with the logger's paths from their top. Bound once.
   */
  readonly appendRoot = (b: ByteBuf, v: unknown): boolean => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return appendValue(b, v)
    const base = level()
    try {
      this.#appendValue(b, v, this.#rootNodes, base)
    } finally {
      truncate(base)
    }
    return true
  }

  /** The nodes that apply under top-level key `k`; null when nothing does. */
  top (k: string): Node[] | null {
    return step(this.#rootNodes, k)
  }

  /**
   * Writes `,"k":v` with the redaction `nodes` apply to v (as returned by top()). Values
   * below no path are written by the plain encoder.
   *
   * The objects and arrays the paths lead through are walked here, and pushed on the
   * encoder's ancestor stack as the encoder's own walk pushes them: a cycle through them is
   * "[Circular]", and depthLimit and edgeLimit count them (v is at depth 0).
   */
  appendField (b: ByteBuf, k: string, v: unknown, nodes: Node[], comma = true): void {
    const base = level()
    try {
      this.#field(b, k, v, nodes, comma, base)
    } finally {
      truncate(base)
    }
  }

  #field (b: ByteBuf, k: string, v: unknown, nodes: Node[], comma: boolean, base: number): void {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return
    const path = this.#path
    path.push(k)
    try {
      this.#appendField(b, k, v, nodes, comma, base)
    } finally {
      path.pop()
    }
  }

  /** Calls the censor function with a copy of the path (its own to keep). */
  #censored (v: unknown): unknown {
    return this.#censorFn ? (this.#censor as (v: unknown, p: string[]) => unknown)(v, this.#path.slice()) : this.#censor
  }

  #appendField (b: ByteBuf, k: string, v: unknown, nodes: Node[], comma: boolean, base: number): void {
    const start = b.pos
    if (anyTerminal(nodes)) {
      if (this.#remove) return
      appendKey(b, k, comma)
      try {
        if (!appendValueAt(b, this.#censored(v), base)) b.pos = start // a censor of undefined: the key goes too
      } catch (err) {
        appendUnserializable(b, err)
      }
      return
    }
    appendKey(b, k, comma)
    this.#appendValue(b, v, nodes, base)
  }

  #appendValue (b: ByteBuf, v: unknown, nodes: Node[], base: number): void {
    if (typeof v !== 'object' || v === null || v instanceof Date || v instanceof Error ||
        typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      // Redaction looks into plain objects and arrays, as fast-redact does.
      appendValueAt(b, v, base)
      return
    }
    if (onStack(v, base)) {
      appendString(b, '[Circular]')
      return
    }
    if (level() - base >= depthLimit) {
      // Cut above the paths below it: nothing of what they censor is written.
      appendCut(b, v)
      return
    }
    push(v)
    if (Array.isArray(v)) {
      b.reserve(1)[b.pos++] = 0x5b
      const n = v.length > edgeLimit ? edgeLimit : v.length
      for (let i = 0; i < n; i++) {
        if (i > 0) b.reserve(1)[b.pos++] = 0x2c
        const next = step(nodes, String(i))
        const item: unknown = v[i]
        if (next === null) {
          if (!appendValueAt(b, item, base)) b.pos = appendNull(b)
          continue
        }
        this.#path.push(String(i))
        try {
          if (anyTerminal(next)) {
            if (this.#remove || !appendValueAt(b, this.#censored(item), base)) b.pos = appendNull(b)
          } else {
            this.#appendValue(b, item, next, base)
          }
        } finally {
          this.#path.pop()
        }
      }
      if (n < v.length) appendArrayRest(b, v.length - n)
      b.reserve(1)[b.pos++] = 0x5d
      pop()
      return
    }
    b.reserve(1)[b.pos++] = 0x7b
    const open = b.pos
    const o = v as Record<string, unknown>
    const keys = Object.keys(o)
    const n = keys.length > edgeLimit ? edgeLimit : keys.length
    for (let i = 0; i < n; i++) {
      const k = keys[i]!
      const next = step(nodes, k)
      let item: unknown
      try {
        item = o[k]
      } catch (err) {
        appendKey(b, k, b.pos !== open)
        appendUnserializable(b, err)
        continue
      }
      if (next === null) {
        const at = b.pos
        appendKey(b, k, b.pos !== open)
        if (!appendValueAt(b, item, base)) b.pos = at
        continue
      }
      this.#field(b, k, item, next, b.pos !== open, base)
    }
    if (n < keys.length) appendObjectRest(b, keys.length - n, b.pos !== open)
    b.reserve(1)[b.pos++] = 0x7d
    pop()
  }
}

function appendNull (b: ByteBuf): number {
  const buf = b.reserve(4)
  buf[b.pos] = 0x6e; buf[b.pos + 1] = 0x75; buf[b.pos + 2] = 0x6c; buf[b.pos + 3] = 0x6c
  return b.pos + 4
}

/**
 * `a.b["c-d"][0][*].e` -> ['a', 'b', 'c-d', '0', null, 'e'] (null: any key). As pino
 * (fast-redact) reads paths: a bracket holds `*`, an index, a bare name or a key quoted
 * with ", ' or a backtick; a comma outside quotes, an empty segment or an open bracket is
 * an error, thrown when the logger is made.
 */
export function parsePath (path: string): Array<string | null> {
  const keys: Array<string | null> = []
  let i = 0
  const bad = (): never => { throw new TypeError(`bytelog: bad redact path ${JSON.stringify(path)}`) }
  if (path === '') bad()
  while (i < path.length) {
    if (path[i] === '[') {
      const end = closingBracket(path, i)
      if (end < 0) bad()
      const inner = path.slice(i + 1, end).trim()
      if (inner === '*') keys.push(null)
      else if (/^(["'`]).*\1$/s.test(inner)) keys.push(inner.slice(1, -1))
      else if (/^[^"'`,\s[\]]+$/.test(inner)) keys.push(inner)
      else bad()
      i = end + 1
      if (path[i] === '.') {
        i++
        if (i >= path.length) bad()
      } else if (i < path.length && path[i] !== '[') {
        bad()
      }
      continue
    }
    let j = i
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++
    const key = path.slice(i, j)
    if (key === '' || key.includes(',')) bad()
    keys.push(key === '*' ? null : key)
    i = j
    if (path[i] === '.') {
      i++
      if (i >= path.length) bad()
    }
  }
  return keys
}

/** The index of the `]` closing the bracket at `open`, skipping a quoted key; -1 if none. */
function closingBracket (path: string, open: number): number {
  let i = open + 1
  while (i < path.length && path[i] === ' ') i++
  const q = path[i]
  if (q === '"' || q === "'" || q === '`') {
    const close = path.indexOf(q, i + 1)
    if (close < 0) return -1
    i = close + 1
  }
  return path.indexOf(']', i)
}
