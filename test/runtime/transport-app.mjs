// Logs through a pino transport (the worker thread) and ends by returning; exit ends the
// worker after it has written every record. Usage: <runtime> transport-app.mjs <file> <n> [pretty]
import { fileURLToPath } from 'node:url'
import pino from 'bytelog'

const [file, n, pretty] = process.argv.slice(2)
const target = fileURLToPath(new URL('../fixtures/transport/to-file.mjs', import.meta.url))
const log = pretty === 'pretty'
  ? pino({ pretty: { destination: file, colorize: false, sync: true } })
  : pino({ transport: { target, options: { file } } })
for (let i = 0; i < Number(n); i++) log.info({ i }, `record ${i}`)
