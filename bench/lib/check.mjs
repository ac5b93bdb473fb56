// Before anything is timed: every logger writes one record of the case to a file of its
// own, and the records must parse to the same JSON (time aside), so that no logger wins
// by writing less. pino-sync4k's record is the reference (in the options case, the
// record of the pino given the same option: each logger names its reference as `ref`).
//
// - pino and bytelog: the same keys in the same order with the same values, and an
//   epoch-ms integer time. (bytelog claims byte compatibility; JSON equality is the bar.)
// - winston, bunyan, LogTape: their record shapes differ from pino's. Each is mapped to
//   pino's shape (see NOTES in loggers.mjs for what is mapped and what they cannot carry),
//   then compared key order aside.
// - The limit writes bytelog's record verbatim.
import { hostname } from 'node:os'

const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 }

export class RecordMismatch extends Error {}

function fail (msg) {
  throw new RecordMismatch(msg)
}

/** Parses the lines a logger wrote; a case writes `records` records (one unless it says; none for a disabled level). */
export function parseLines (name, text) {
  const lines = text.split('\n')
  if (lines.pop() !== '') fail(`${name}: output does not end with a newline: ${JSON.stringify(text.slice(-80))}`)
  return lines.map((line) => {
    try {
      return JSON.parse(line)
    } catch (err) {
      return fail(`${name}: not JSON (${err.message}): ${line.slice(0, 200)}`)
    }
  })
}

function checkEpochMs (name, t) {
  if (!Number.isSafeInteger(t) || Math.abs(t - Date.now()) > 120_000) fail(`${name}: time ${JSON.stringify(t)} is not epoch ms of now`)
}

function checkIso (name, t) {
  if (typeof t !== 'string' || Number.isNaN(Date.parse(t)) || Math.abs(Date.parse(t) - Date.now()) > 120_000) {
    fail(`${name}: time ${JSON.stringify(t)} is not an ISO timestamp of now`)
  }
}

/** Sorted keys at every depth: for comparisons where key order is the library's business. */
function canonical (v) {
  if (Array.isArray(v)) return v.map(canonical)
  if (v === null || typeof v !== 'object') return v
  const out = {}
  for (const k of Object.keys(v).sort()) out[k] = canonical(v[k])
  return out
}

/** What every library can say about an error: its message and stack. */
function errorCore (e) {
  return e && typeof e === 'object' ? { message: e.message, stack: e.stack } : e
}

/** Maps a peer's record to pino's shape; `ref` is pino's record (time removed), also adjusted. */
const TO_PINO = {
  winston (rec, ref, name) {
    checkEpochMs(name, rec.time)
    delete rec.time
    if (typeof rec.level === 'string') rec.level = LEVELS[rec.level] ?? rec.level
    if ('message' in rec) {
      rec.msg = rec.message
      delete rec.message
    }
  },
  bunyan (rec, ref, name) {
    checkIso(name, rec.time)
    delete rec.time
    if (rec.v !== 0) fail(`${name}: expected bunyan's "v":0`)
    delete rec.v
    if (!('name' in ref) && rec.name === 'bench') delete rec.name
    if (!('msg' in ref) && rec.msg === '') delete rec.msg
    if ('err' in rec) rec.err = errorCore(rec.err)
    if ('err' in ref) ref.err = errorCore(ref.err)
  },
  logtape (rec, ref, name) {
    checkIso(name, rec['@timestamp'])
    delete rec['@timestamp']
    if (rec.logger !== 'bench') fail(`${name}: expected "logger":"bench"`)
    delete rec.logger
    if (typeof rec.level === 'string') rec.level = LEVELS[rec.level.toLowerCase()] ?? rec.level
    const props = rec.properties ?? {}
    delete rec.properties
    if ('message' in rec) {
      rec.msg = rec.message
      delete rec.message
    }
    // The object overload renders the fields as its message ("{*}"); pino has none.
    if (!('msg' in ref)) delete rec.msg
    Object.assign(rec, props)
    if ('err' in rec) rec.err = errorCore(rec.err)
    if ('err' in ref) ref.err = errorCore(ref.err)
  },
}

/**
 * Compares the captured output of every logger of a case.
 * @param {string} caseName
 * @param {Array<{ name: string, kind: string, ref?: string, text: string }>} captures
 *   `ref`: the name of the pino logger whose record this one must equal (itself for that
 *   logger); pino-sync4k's when not given. A case with its own loggers (the options
 *   case) checks each pair on its own.
 * @param {object} spec the case module (its `normalize` hooks)
 * @returns {Array<{ name: string, bytes: number }>} bytes per record of each logger
 */
export function compareRecords (caseName, captures, spec) {
  const byName = new Map(captures.map((c) => [c.name, c]))
  const parsed = new Map(captures.map((c) => [c.name, parseLines(`${caseName}/${c.name}`, c.text)]))
  const groups = new Map()
  for (const c of captures) {
    const ref = c.ref ?? 'pino-sync4k'
    if (!groups.has(ref)) groups.set(ref, [])
    groups.get(ref).push(c)
  }
  for (const [refName, group] of groups) compareGroup(caseName, refName, group, byName, parsed, spec)
  return captures.map((c) => ({ name: c.name, bytes: Buffer.byteLength(c.text) }))
}

/** Every capture of `group` against the record of `refName`, a pino logger. */
function compareGroup (caseName, refName, group, byName, parsed, spec) {
  const refCap = byName.get(refName)
  if (refCap === undefined) fail(`${caseName}: no ${refName} record to compare against`)
  const refLines = parsed.get(refName)
  for (const c of group) {
    const lines = parsed.get(c.name)
    if (lines.length !== refLines.length) {
      fail(`${caseName}/${c.name}: wrote ${lines.length} records, ${refName} wrote ${refLines.length}:\n${c.text}`)
    }
  }
  if (refLines.length === 0) return
  const want = spec.records ?? 1
  if (refLines.length !== want) fail(`${caseName}: the case writes ${want} record(s), ${refName} wrote ${refLines.length}`)
  for (let i = 0; i < refLines.length; i++) compareRecord(`${caseName}${want > 1 ? `#${i + 1}` : ''}`, refName, refLines[i], group, parsed, i, spec)
}

/** Record `i` of every capture of `group` against `ref`, the pino logger's record `i`. */
function compareRecord (caseName, refName, ref, group, parsed, i, spec) {
  checkEpochMs(`${caseName}/${refName}`, ref.time)
  if (ref.pid !== process.pid || ref.hostname !== hostname()) fail(`${caseName}: pino's record lacks pid/hostname`)
  const refNoTime = { ...ref }
  delete refNoTime.time

  for (const c of group) {
    const name = `${caseName}/${c.name}`
    const rec = parsed.get(c.name)[i]
    if (c.kind === 'pino' || c.kind === 'bytelog' || c.kind === 'limit') {
      if (c.kind !== 'limit') checkEpochMs(name, rec.time)
      const got = { ...rec }
      delete got.time
      const a = JSON.stringify(got)
      const b = JSON.stringify(refNoTime)
      if (a !== b) fail(`${name}: record differs from pino's (time aside):\n  pino:  ${b}\n  ${c.name}: ${a}`)
      continue
    }
    const toPino = TO_PINO[c.kind]
    if (toPino === undefined) fail(`${name}: no mapping for logger kind ${c.kind}`)
    const want = structuredClone(refNoTime)
    toPino(rec, want, name)
    spec.normalize?.[c.kind]?.(rec, want)
    const a = JSON.stringify(canonical(rec))
    const b = JSON.stringify(canonical(want))
    if (a !== b) fail(`${name}: record differs from pino's once mapped to its shape:\n  pino:  ${b}\n  ${c.name}: ${a}\n  raw:   ${c.text.trim()}`)
  }
}
