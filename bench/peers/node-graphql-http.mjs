#!/usr/bin/env node
// The Node peer of make bench's HTTP and footprint rows (bench/README.md):
// graphql-js 16 behind graphql-http's handler on Node's http module, serving
// the hardware base schema + telemetry.graphql with telemetry.json in memory.
//   node bench/peers/node-graphql-http.mjs PORT
// Modules come from third_party/js/node_modules (scripts/install-deps.sh), or
// from $JS_NODE_MODULES.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const MODULES = process.env.JS_NODE_MODULES || path.join(REPO, 'third_party', 'js', 'node_modules');
// Both through require: graphql-http's CommonJS build requires graphql's, and
// one schema must not mix graphql's ESM and CommonJS copies.
const require = createRequire(path.join(MODULES, 'index.js'));
const { buildSchema } = require(path.join(MODULES, 'graphql'));
const { createHandler } = require(path.join(MODULES, 'graphql-http', 'lib', 'use', 'http.js'));

const sdl =
  fs.readFileSync(path.join(REPO, 'lib', 'service', 'schema', 'hardware_base.graphql'), 'utf8') +
  '\n' +
  fs.readFileSync(path.join(HERE, 'telemetry.graphql'), 'utf8');
const telemetry = JSON.parse(fs.readFileSync(path.join(HERE, 'telemetry.json'), 'utf8'));
const schema = buildSchema(sdl);
const rootValue = { ping: 'pong', telemetry: () => telemetry };
const handler = createHandler({ schema, rootValue });

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node-graphql-http.mjs PORT');
  process.exit(2);
}
http.createServer(handler).listen(port, '127.0.0.1');
