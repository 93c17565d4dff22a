#!/usr/bin/env node
// sm-service: the service unit-type worker. Started by the core (units/workers/service.conf).
import { start } from './start';

void start();
