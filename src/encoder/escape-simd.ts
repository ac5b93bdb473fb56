/**
 * Long strings escaped sixteen bytes at a time, by a small WebAssembly SIMD module
 * (escape.wat): utf8Write puts the string's bytes into the module's memory, escape() writes
 * them escaped beside them, and TypedArray#set of a view moves the result into the slab
 * (copyResult). Three native passes and no JS loop over the bytes: on 2,000 ASCII
 * characters the JS word scan alone took ~850 ns (Node 24), more than ten times the
 * utf8Write before it.
 *
 * Used where Buffer#copy of a range allocates nothing (Node 24 and later: measured 0 B a
 * call, where Node 20's made a Uint8Array view per call) and the runtime has WebAssembly
 * SIMD; elsewhere `simd` is null and long-string.ts escapes as before.
 */
import { NODE_MAJOR, RUNTIME } from '../runtime.js'
import { ESCAPE_WASM } from './escape-wasm.js'

/** Input bytes the module's memory holds (its layout: see escape.wat). */
export const SIMD_INPUT = 0x10000
const OUTPUT = 0x10000

export interface SimdEscaper {
  /** A view of the module's memory: input at 0, output at OUTPUT. Never grown, so never detached. */
  readonly mem: Buffer
  /** Escapes mem[0, n) and returns the escaped length, at mem[OUTPUT, OUTPUT + length). */
  readonly escape: (n: number) => number
  /**
   * Views of the output, `i * VIEW_STEP` bytes long (from index 1), made once each as first
   * needed. TypedArray#set of a whole view copies natively in 12-14 ns, where Buffer#copy
   * of a range takes 30-48 ns (Node 24 and 26): the result is copied rounded up to a
   * view's length, into room the caller reserved, and the extra bytes are left past the
   * record's end for the next write to cover.
   */
  readonly views: Array<Uint8Array | undefined>
}

/** Granularity of the output views: at most this many bytes are copied beyond the result. */
const VIEW_SHIFT = 6
export const VIEW_STEP = 1 << VIEW_SHIFT
/** The longest result copied through a view; a longer one (rare) goes by Buffer#copy. */
export const VIEW_MAX = 4096

/** The part of the WebAssembly API used here (the project's lib has no WebAssembly types). */
interface Wasm {
  validate (bytes: Uint8Array): boolean
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object) => { exports: { memory: { buffer: ArrayBuffer }, escape: (n: number) => number } }
}

function load (): SimdEscaper | null {
  const wasm = (globalThis as { WebAssembly?: Wasm }).WebAssembly
  if (RUNTIME !== 'node' || NODE_MAJOR < 24 || wasm === undefined) return null
  try {
    const bytes = Buffer.from(ESCAPE_WASM, 'base64')
    if (!wasm.validate(bytes)) return null // no SIMD here
    const { memory, escape } = new wasm.Instance(new wasm.Module(bytes)).exports
    return { mem: Buffer.from(memory.buffer), escape, views: new Array<Uint8Array | undefined>(VIEW_MAX / VIEW_STEP + 1).fill(undefined) }
  } catch {
    return null
  }
}

export const simd: SimdEscaper | null = load()

/**
 * Copies the result, mem[OUTPUT, OUTPUT + m), to buf[pos...]. Past VIEW_MAX bytes it is
 * Buffer#copy; below, the view of the next length up (see views): the caller has reserved
 * room for m rounded up to VIEW_STEP.
 */
export function copyResult (e: SimdEscaper, buf: Buffer, pos: number, m: number): void {
  if (m > VIEW_MAX) {
    e.mem.copy(buf, pos, OUTPUT, OUTPUT + m)
    return
  }
  const i = (m + VIEW_STEP - 1) >>> VIEW_SHIFT
  let view = e.views[i]
  if (view === undefined) {
    view = new Uint8Array(e.mem.buffer, OUTPUT, i * VIEW_STEP)
    e.views[i] = view
  }
  buf.set(view, pos)
}
