// Log rotation: logrotate renames the file, then sends SIGHUP (its postrotate script);
// the app reopens its path, so later records go to a fresh file. Nothing is lost: records
// already written stay in the renamed file, everything else goes to the new one, in order.
//
// Run with `node examples/logrotate.mjs [dir]` (default: a new temp dir). The app logs a
// burst of records every millisecond while the example plays logrotate's part on itself,
// then prints where the records went (as JSON, on stdout).
import { once } from 'node:events'
import { mkdtempSync, readFileSync, renameSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { createLogger, destination } from 'bytelog'

const dir = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'bytelog-logrotate-'))
const file = join(dir, 'app.log')
const rotated = `${file}.1`

const dest = destination({ dest: file }) // async: records are written at the end of each tick
const log = createLogger({ destination: dest })
const report = createLogger() // stdout, for what the example found

let seq = 0

// The app's part, all it takes: reopen the path on SIGHUP.
process.on('SIGHUP', () => {
  dest.reopen()
  log.info({ nextSeq: seq }, 'log file reopened')
})

// A busy app: five records a millisecond.
const work = setInterval(() => {
  for (let i = 0; i < 5; i++) log.info({ seq: seq++ }, 'work')
}, 1)

// logrotate's part, as another process would do it: rename, then SIGHUP.
setTimeout(async () => {
  const recordsOnDisk = readFileSync(file, 'utf8').split('\n').length - 1
  renameSync(file, rotated)
  report.info({ recordsOnDisk, lastSeqBeforeRename: seq - 1 }, 'renamed')
  const handled = once(process, 'SIGHUP') // after the app's listener, added first
  process.kill(process.pid, 'SIGHUP')
  await handled

  await sleep(50) // the app goes on logging, now to the new file
  clearInterval(work)
  // end() writes what is buffered and closes the fd.
  dest.end(() => report.info({ file, rotated, records: seq }, 'done'))
}, 50)
