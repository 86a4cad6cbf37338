// The reference for the api's read benchmark: a NestJS application on Fastify with one route that answers a
// small JSON object, on the same NestJS, Fastify and Node.js as the api, with nothing else (no auth, no hooks).
//   node bench/hello-nest.mjs <port>
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

class HelloController {
  hello() {
    return { hello: 'world' };
  }
}
Get('hello')(HelloController.prototype, 'hello', Object.getOwnPropertyDescriptor(HelloController.prototype, 'hello'));
Controller()(HelloController);

class HelloModule {}
Module({ controllers: [HelloController] })(HelloModule);

const app = await NestFactory.create(HelloModule, new FastifyAdapter(), { logger: false });
await app.listen(Number(process.argv[2] ?? 3940), '127.0.0.1');
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
