#!/usr/bin/env node
import { run } from '../dist/rcuser.js';

process.exitCode = await run(process.argv.slice(2));
