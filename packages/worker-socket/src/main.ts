#!/usr/bin/env node
// sm-socket: the socket unit-type worker. Started by the core (units/workers/socket.conf).
import { start } from './start';

void start();
