// bytelog with node:http: one child logger per request, so every record of a request
// carries its reqId. Run with `node examples/http-server.mjs`: it starts a server on a free
// port, sends a few concurrent requests to itself, closes the server and exits.
import { createServer } from 'node:http'
import { createLogger } from 'bytelog'

const log = createLogger()

let lastId = 0

const server = createServer((req, res) => {
  const start = performance.now()
  const reqId = `req-${++lastId}`
  // The bindings are encoded to bytes once, here; each record of this request copies them.
  const reqLog = log.child({ reqId })
  res.setHeader('x-request-id', reqId) // so that a client can quote it back
  reqLog.info({ method: req.method, url: req.url }, 'request started')

  // 'finish': the response has been handed to the OS, whichever route answered. (A request
  // the client aborts gets 'close' without 'finish'.)
  res.on('finish', () => {
    const durationMs = Math.round((performance.now() - start) * 1000) / 1000
    reqLog.info({ method: req.method, url: req.url, statusCode: res.statusCode, durationMs }, 'request completed')
  })

  route(req, res, reqLog)
})

function route (req, res, reqLog) {
  if (req.url === '/') {
    res.end('hello\n')
  } else if (req.url === '/slow') {
    // Other requests are served meanwhile: their records interleave with this one's.
    reqLog.debug('not written: debug is below the default level, info')
    setTimeout(() => {
      reqLog.info({ waitedMs: 50 }, 'slow work done')
      res.end('slow\n')
    }, 50)
  } else if (req.url === '/fail') {
    reqLog.error(new Error('database unavailable'), 'handler failed')
    res.statusCode = 500
    res.end()
  } else {
    res.statusCode = 404
    res.end()
  }
}

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address()
  log.info({ port }, 'listening')

  const urls = ['/slow', '/', '/missing', '/fail', '/']
  // What the client saw, logged without a reqId field of its own.
  const seen = await Promise.all(urls.map(async (url) => {
    const res = await fetch(`http://127.0.0.1:${port}${url}`)
    await res.arrayBuffer()
    return { url, status: res.status, requestId: res.headers.get('x-request-id') }
  }))
  for (const s of seen) log.info(s, 'client got response')

  server.close(() => log.info('server closed'))
})
