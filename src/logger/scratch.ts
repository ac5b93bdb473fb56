import { BufferPool } from '../pool.js'

/**
 * Buffers for setup-time and rare-path encoding (bindings, odd messages): never a
 * destination's slab, so such encoding cannot interleave with a record being written.
 */
export const scratchPool = new BufferPool({ bufferSize: 1024, maxBuffers: 2 })
