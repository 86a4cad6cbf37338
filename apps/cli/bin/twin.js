#!/usr/bin/env node
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('twin: not built yet; run `npm install` (or `npm run build`) at the repository root\n');
  process.exit(3);
}
await import(entry.href);
