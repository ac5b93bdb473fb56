// bytelog as fastify's logger. fastify makes a child logger per request with the request
// id bound (`request.log`), and logs each request and its response through it.
// Run with `node examples/fastify.mjs`: it answers a few requests with app.inject (no
// socket is opened), then closes the app.
import Fastify from 'fastify'
import { createLogger } from 'bytelog'

// Any bytelog option works here; fastify adds its req/res/err serializers on top.
const app = Fastify({ loggerInstance: createLogger({ level: 'info' }) })

app.get('/hello/:name', async (request) => {
  // The same child logger fastify logs the request with: this record carries its reqId.
  request.log.info({ name: request.params.name }, 'saying hello')
  return { hello: request.params.name }
})

app.get('/fail', async (request) => {
  request.log.warn('about to fail')
  throw new Error('no such thing')
})

await app.ready()
for (const url of ['/hello/ann', '/hello/bob', '/fail', '/nowhere']) {
  const res = await app.inject({ method: 'GET', url })
  // app.log is the root logger: no reqId.
  app.log.info({ url, statusCode: res.statusCode }, 'injected')
}
await app.close()
