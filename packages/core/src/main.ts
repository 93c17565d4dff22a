#!/usr/bin/env node
// sysmaster: the core manager, started by init (packages/init) with the sctl sockets at fds 3, 4.
import { start } from './start';

void start();
