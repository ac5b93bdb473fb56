/**
 * The README's Usage snippet runs as written: it is taken from README.md, its import
 * pointed at the build, and run in a child process in a temporary folder; the records it
 * prints and the file it writes are read back with JSON.parse.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { cleanupTmp, DIST_ESM, ROOT, tmpDir } from './helpers.js'

afterAll(cleanupTmp)

describe('README', () => {
  it('the Usage snippet runs as written and writes what its comments say', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    const usage = readme.slice(readme.indexOf('## Usage'))
    const code = usage.slice(usage.indexOf('```ts\n') + 6, usage.indexOf('\n```', usage.indexOf('```ts\n')))
    expect(code).toContain("from 'bytelog'")
    const dir = tmpDir()
    const script = join(dir, 'usage.mjs')
    writeFileSync(script, code.replace("from 'bytelog'", `from ${JSON.stringify(pathToFileURL(DIST_ESM).href)}`))
    const out = execFileSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' })
    const records = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(records.map((r) => r.msg)).toEqual(['hello world', 'signed in', 'request failed', 'user ann has 3 items', 'signed in', 'handled'])
    expect(records[2]).toMatchObject({ level: 50, err: { type: 'Error', message: 'connection reset' } })
    expect(records[4]).toMatchObject({ user: 'ann', items: 3, ratio: 0.5, ok: true, err: { message: 'connection reset' }, extra: { a: 1 } })
    expect(records[5]).toMatchObject({ reqId: 'r-1' })
    const file = readFileSync(join(dir, 'app.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(file).toMatchObject([{ level: 40, name: 'app', msg: 'to a file' }])
  })
})
