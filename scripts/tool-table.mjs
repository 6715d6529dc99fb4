#!/usr/bin/env node
// Rewrites README.md's tool table from the built registry (run after `npm run build`); --check only compares.
import { readFileSync, writeFileSync } from 'node:fs';
import { ALL_TOOLS } from '../dist/tools/index.js';
import { withToolTable } from '../dist/tools/readme-table.js';

const file = new URL('../README.md', import.meta.url);
const current = readFileSync(file, 'utf8');
const next = withToolTable(current, ALL_TOOLS);
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('README.md tool table is out of date: run npm run docs:tools');
    process.exit(1);
  }
  console.log('README.md tool table is current');
} else if (next !== current) {
  writeFileSync(file, next);
  console.log('README.md tool table rewritten');
}
