// Every example runs, and what it prints is checked: each stdout line is one JSON record.
import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

function runExample (name: string): Array<Record<string, unknown>> {
  const out = execFileSync(process.execPath, [join(root, 'examples', name)], { cwd: root, encoding: 'utf8', timeout: 30_000 })
  return out.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
}

describe('examples/quickstart.mjs', () => {
  it('logs one valid record per feature, as the comments say', () => {
    rmSync('/tmp/bytelog-quickstart.log', { force: true })
    const recs = runExample('quickstart.mjs')
    const byMsg = new Map(recs.map((r) => [r.msg, r]))
    expect(byMsg.get('hello world')).toMatchObject({ level: 30, pid: expect.any(Number), hostname: expect.any(String), time: expect.any(Number) })
    expect(byMsg.get('signed in')).toMatchObject({ user: 'ann', items: 3 })
    expect(byMsg.get('user ann has 3 items ({"plan":"pro"})')).toMatchObject({ level: 30 })
    expect(byMsg.get('request failed')).toMatchObject({ level: 50, err: { type: 'Error', message: 'connection refused' } })
    expect(byMsg.get('checkout')).toMatchObject({ user: 'ann', items: 3, ratio: 0.5, ok: true })
    expect(recs.find((r) => r.cache === 'miss')).toMatchObject({ level: 20 })
    expect(recs.find((r) => r.cache === 'miss')).not.toHaveProperty('msg')
    expect(byMsg.get('slow request')).toMatchObject({ level: 40, reqId: 'r-1', ms: 1042.5 })
    const iso = byMsg.get('iso time')!
    expect(new Date(iso.time as string).toISOString()).toBe(iso.time)
    expect(byMsg.get('patterned time')!.time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/)
    expect(byMsg.has('not written: info is below warn')).toBe(false)
    const file = readFileSync('/tmp/bytelog-quickstart.log', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { msg: string })
    expect(file.map((r) => r.msg)).toEqual(['to a file'])
  })
})
