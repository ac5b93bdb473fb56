// A whole slab written without fs.writeSync's allocation (src/destination/whole.ts): what
// reaches the file is exactly buf[0, len) for each write, for more distinct lengths than
// views are kept (those past them go through fs.writeSync), with the buffer's bytes
// changing between writes (a view shows the bytes of the moment, not a copy).
import * as fs from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { writeWhole } from '../src/destination/whole.js'
import { cleanupTmp, tmpFile } from './helpers.js'

afterAll(cleanupTmp)

describe('writeWhole', () => {
  it('writes buf[0, len) exactly, for 200 lengths and again, the bytes changed in between', () => {
    const file = tmpFile('whole.log')
    const fd = fs.openSync(file, 'a')
    const buf = Buffer.allocUnsafeSlow(4096)
    const want: Buffer[] = []
    let total = 0
    for (let round = 0; round < 2; round++) {
      for (let len = 1; len <= 200; len++) {
        buf.fill(97 + ((len + round) % 26), 0, len)
        buf[len - 1] = 10
        const n = writeWhole(fd, buf, len)
        expect(n).toBe(len)
        want.push(Buffer.from(buf.subarray(0, len)))
        total += len
      }
    }
    fs.closeSync(fd)
    const got = fs.readFileSync(file)
    expect(got.length).toBe(total)
    expect(got.equals(Buffer.concat(want))).toBe(true)
  })

  it('throws what the write throws (an fd that is no one\'s: never a closed one, which another file may have taken)', () => {
    expect(() => writeWhole(2 ** 30, Buffer.from('x\n'), 2)).toThrow(/EBADF/)
  })
})
