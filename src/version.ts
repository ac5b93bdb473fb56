/** bytelog's version: package.json's (test/pino-face.test.ts checks that they agree). */
export const VERSION = '0.1.0'
