/**
 * Child bindings, encoded once as `,"k":v...` bytes (pino's asChindings), and the two of
 * pino's private symbols some tools read from a logger.
 */
import { appendRange } from '../encoder/bytes.js'
import { type Limits, useLimits } from '../encoder/limits.js'
import { appendMember } from '../encoder/value.js'
import type { Serializers } from '../options.js'
import type { Redactor } from '../redact.js'
import { appendGeneral } from './fields.js'
import { scratchPool } from './scratch.js'

const hasOwn = Object.prototype.hasOwnProperty

/**
 * Encodes bindings through the serializers and redaction, skipping the keys pino reserves,
 * with the logger's depthLimit and edgeLimit, after the parent's bytes (`before`): one
 * Buffer holds both.
 */
export function encodeBindings (bindings: Record<string, unknown>, serializers: Serializers | null, redact: Redactor | null, limits: Limits, before?: Buffer): Buffer {
  const b = scratchPool.get()
  const outer = useLimits(limits)
  try {
    for (const k in bindings) {
      if (!hasOwn.call(bindings, k)) continue
      if (k === 'level' || k === 'serializers' || k === 'formatters' || k === 'customLevels') continue
      const f = serializers?.[k]
      const nodes = redact === null ? null : redact.top(k)
      if (typeof f === 'function' || nodes !== null) appendGeneral(b, k, bindings, typeof f === 'function' ? f : null, redact, nodes)
      else appendMember(b, bindings, k)
    }
    const n = before === undefined ? 0 : before.length
    const out = Buffer.allocUnsafe(n + b.pos)
    if (n > 0) out.set(before!, 0)
    // appendRange, not Buffer#copy: a child's few bytes by a loop, without copy's checks.
    appendRange(out, n, b.buf, b.pos)
    return out
  } finally {
    useLimits(outer)
    scratchPool.put(b)
  }
}

/** The encoded bindings as an object, as pino's bindings() returns them: pid and hostname left out. */
export function decodeBindings (chindings: Buffer): Record<string, unknown> {
  const all = JSON.parse(`{${chindings.toString('utf8').slice(1)}}`) as Record<string, unknown>
  delete all.pid
  delete all.hostname
  return all
}
