/**
 * Long strings escaped sixteen bytes at a time, by a small WebAssembly SIMD module
 * (escape.wat): utf8Write puts the string's bytes into the module's memory, escape() writes
 * them escaped beside them, and Buffer#copy moves the result into the slab. Three native
 * passes and no JS loop over the bytes: on 2,000 ASCII characters the JS word scan alone
 * took ~850 ns (Node 24), more than ten times the utf8Write before it.
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
  readonly output: number
}

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
    return { mem: Buffer.from(memory.buffer), escape, output: OUTPUT }
  } catch {
    return null
  }
}

export const simd: SimdEscaper | null = load()
