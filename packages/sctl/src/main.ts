#!/usr/bin/env node
// The sctl executable (package.json "bin"); everything happens in start().
import { start } from './start';

start();
