// Tables and bench/RESULTS.md. RESULTS.md holds one section per suite between markers;
// each suite rewrites its own section and leaves the other's as it was.
import * as fs from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'RESULTS.md')

const HEADER = '# bytelog benchmark results\n\n' +
  'Written by `npm run bench` (micro-benchmarks), `npm run bench:options` (the cost of each option) and `npm run bench:http` (HTTP server): the figures are those of ' +
  'the last real run of each, never edited by hand. The machine: see each section.\n'

/** The sections of RESULTS.md, in the order they are kept. */
const SECTION_ORDER = ['micro', 'options', 'http']

/** Replaces (or appends) the section `name` of RESULTS.md. */
export function writeSection (name, body) {
  const start = `<!-- bench:${name}:start -->`
  const end = `<!-- bench:${name}:end -->`
  const block = `${start}\n${body.trim()}\n${end}`
  let text = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : HEADER
  const a = text.indexOf(start)
  const b = text.indexOf(end)
  if (a >= 0 && b > a) text = text.slice(0, a) + block + text.slice(b + end.length)
  else text = `${text.trimEnd()}\n\n${block}\n`
  // The micro-benchmarks come first, then the options, then HTTP, whichever suite ran first.
  const blocks = SECTION_ORDER
    .map((n) => new RegExp(`<!-- bench:${n}:start -->[\\s\\S]*?<!-- bench:${n}:end -->`).exec(text))
    .filter((m) => m !== null)
  if (blocks.some((m, i) => i > 0 && m.index < blocks[i - 1].index)) {
    const at = Math.min(...blocks.map((m) => m.index))
    for (const m of blocks) text = text.replace(m[0], '')
    text = text.slice(0, at) + blocks.map((m) => m[0]).join('\n\n') + '\n\n' + text.slice(at)
    text = text.replace(/\n{3,}/g, '\n\n')
  }
  fs.writeFileSync(RESULTS, text.endsWith('\n') ? text : `${text}\n`)
}

export function machine () {
  const cpu = cpus()
  return { cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length }
}

/** A markdown table; numbers are expected to be formatted already. */
export function table (head, rows, align) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)))
  const line = (cells) => '| ' + cells.map((c, i) => {
    const s = String(c)
    return align?.[i] === 'l' ? s.padEnd(widths[i]) : s.padStart(widths[i])
  }).join(' | ') + ' |'
  const rule = '| ' + widths.map((w, i) => (align?.[i] === 'l' ? '-'.repeat(w) : '-'.repeat(w - 1) + ':')).join(' | ') + ' |'
  return [line(head), rule, ...rows.map(line)].join('\n')
}

export function ns (v) {
  if (!Number.isFinite(v)) return '—'
  if (v >= 100_000) return `${(v / 1000).toFixed(0)}k`
  if (v >= 10_000) return `${(v / 1000).toFixed(1)}k`
  if (v >= 100) return v.toFixed(0)
  return v.toFixed(1)
}

export function bytes (v) {
  if (!Number.isFinite(v)) return '—'
  if (v >= 10_000) return `${(v / 1000).toFixed(1)}k`
  if (v >= 100) return v.toFixed(0)
  return v.toFixed(2)
}

export function ratio (v) {
  if (!Number.isFinite(v)) return '—'
  return v >= 100 ? `${v.toFixed(0)}×` : v >= 10 ? `${v.toFixed(1)}×` : `${v.toFixed(2)}×`
}

export function ms (v) {
  return Number.isFinite(v) ? `${v.toFixed(1)} ms` : '—'
}
