#!/usr/bin/node
// The `init` executable (the kernel's init=/rdinit=, a sandbox's PID 1, or a dev run).
import { start } from './init';

start();
