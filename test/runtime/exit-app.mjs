// Logs n numbered records, then ends as argv says; the parent (core.mjs) checks what reached
// the file or its pipe. Usage: <runtime> exit-app.mjs <async|sync> <return|exit3|throw|sigterm> <file|-> <n>
import { createLogger, destination } from 'bytelog'

const [mode, way, file, n] = process.argv.slice(2)
const log = createLogger({ destination: destination({ dest: file === '-' ? 1 : file, sync: mode === 'sync' }) })
for (let i = 0; i < Number(n); i++) log.info({ i }, 'record')
if (way === 'exit3') process.exit(3)
if (way === 'throw') throw new Error('uncaught on purpose')
if (way === 'sigterm') {
  process.kill(process.pid, 'SIGTERM')
  setTimeout(() => {}, 10_000)
}
