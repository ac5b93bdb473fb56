// The encoder cases of issue 8, shared by the timing and the heap scripts.
import { DATE, ERROR, PINO_PACKAGE, TEN_FIELDS, tenFields, TEN_FIELDS_MESSAGE, USER } from '../lib/fixtures.mjs'
import { requestFields, responseFields } from '../lib/fixtures.mjs'

/** 2,000 printable ASCII characters, nothing to escape. */
export const ASCII_2000 = (() => {
  const words = 'the quick brown fox jumps over a lazy dog while logging records to dev null '
  let s = ''
  while (s.length < 2000) s += words
  return s.slice(0, 2000)
})()

/** 2,000 characters of mixed text: quotes, backslashes, tabs, newlines, accented, CJK. */
export const MIXED_2000 = (() => {
  const parts = ['plain words ', '"quoted" ', 'C:\\path\\to ', 'tab\there ', 'line\n', 'café crème ', 'naïve résumé ', '日本語のテキスト ', '中文字符 ', 'ok ']
  let s = ''
  for (let i = 0; s.length < 2000; i++) s += parts[i % parts.length]
  return s.slice(0, 2000)
})()

const CREATED = new Date(Date.UTC(2024, 0, 15, 10, 30, 0, 123))

/** name -> (log) => () => void */
export const CASES = {
  basic: (log) => () => log.info('hello world'),
  object: (log) => () => log.info({ hello: 'world' }),
  small3: (log) => () => log.info({ name: 'ann', email: 'ann@example.com', createdAt: CREATED }),
  fields: (log) => () => log.info(tenFields(), TEN_FIELDS_MESSAGE),
  error: (log) => () => log.error(ERROR, 'request failed'),
  ascii: (log) => () => log.info(ASCII_2000),
  mixed: (log) => () => log.info(MIXED_2000),
  deep: (log) => () => log.info(PINO_PACKAGE),
  printf: (log) => () => log.info('hello %s %j %d', 'world', { obj: true }, 4),
  child: (log) => { const c = log.child({ reqId: 'req-1' }); return () => c.info('hello world') },
  context: (log) => { const c = log.child(TEN_FIELDS); return () => c.info(TEN_FIELDS_MESSAGE) },
  request: (log) => {
    const c = log.child({ reqId: 'req-1' })
    return () => { c.info(requestFields(), 'incoming request'); c.info(responseFields(), 'request completed') }
  },
  childNew: (log) => () => log.child({ reqId: 'req-1' }),
  // fastify's child per request: its bindings, and its route's logger options (none: {}).
  childFastify: (log) => { let n = 0; return () => log.child({ reqId: 'req-' + (++n).toString(36) }, {}) },
  childFastifyNoOpts: (log) => { let n = 0; return () => log.child({ reqId: 'req-' + (++n).toString(36) }) },
  // fastify's request logging in one call: a child per request (its reqId), 'incoming
  // request', the handler's record, 'request completed'.
  fastifyish: (log) => {
    let n = 0
    return () => {
      const c = log.child({ reqId: 'req-' + (++n).toString(36) }, {})
      c.info(requestFields(), 'incoming request')
      c.info({ user: USER }, 'fetching user')
      c.info(responseFields(), 'request completed')
    }
  },
  nested: (log) => { const c = log.child({ reqId: 'req-1' }); return () => c.info({ res: { statusCode: 200 } }, 'request completed') },
  // fastify's 'request completed': a measured duration, 16 or 17 significant digits.
  duration: (log) => {
    const c = log.child({ reqId: 'req-1' })
    // A new value each call, as each request's is: Number#toString keeps a cache of recent ones.
    let x = 0.4
    return () => {
      x = x * 1.0000001 + 1e-7
      c.info({ res: { statusCode: 200 }, responseTime: x }, 'request completed')
    }
  },
  // pino-http's req as pino-std-serializers builds it: a nested headers object, an empty query.
  reqHeaders: (log) => () => log.info({
    req: { id: 1, method: 'GET', url: '/users/42', query: {}, params: {}, headers: { host: 'localhost:3000', 'user-agent': 'curl/8.5.0', accept: '*/*' }, remoteAddress: '127.0.0.1', remotePort: 51234 },
  }, 'request completed'),
  // fields-event for bytelog; pino (no event API) logs the same fields through its object API.
  event: (log) => log.event === undefined
    ? () => log.info(tenFields(), TEN_FIELDS_MESSAGE)
    : () => log.event('info').int('int', 1).int('int64', 1234567890123).str('str', 'a string')
      .str('str2', 'another string').str('str3', 'yet another string').num('float', 3.14159).bool('bool', true)
      .obj('at', DATE).obj('user', USER).err(ERROR).msg(TEN_FIELDS_MESSAGE),
}

/** The loggers: pino at its fastest, and bytelog builds by dist path (default destination). */
export async function makeLoggers (builds, path = '/dev/null') {
  const fs = await import('node:fs')
  const { default: pino } = await import('pino')
  const out = {}
  const pdest = pino.destination({ dest: fs.openSync(path, 'a'), sync: true, minLength: 4096 })
  out.pino = pino(pdest)
  for (const [name, dir] of Object.entries(builds)) {
    const { createLogger, destination } = await import(dir + '/esm/index.js')
    out[name] = createLogger({ destination: destination({ dest: fs.openSync(path, 'a') }) })
  }
  return out
}

/** OLD_DIST / NEW_DIST (default: /tmp/walker-old/dist and this checkout's dist). */
export function buildsFromEnv () {
  const here = new URL('../../dist', import.meta.url).pathname
  const builds = { old: process.env.OLD_DIST ?? '/tmp/walker-old/dist', new: process.env.NEW_DIST ?? here }
  if (process.env.ONLY_NEW) delete builds.old
  return builds
}
