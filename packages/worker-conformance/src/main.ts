#!/usr/bin/env node
// sm-verify-worker (package.json "bin"); everything happens in start().
import { start } from './start';

start();
