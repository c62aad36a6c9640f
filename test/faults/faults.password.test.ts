/** Fault injection through n8n's engine, password (IAM token) mode: see scenarios.ts. */
import { describeFaultScenarios } from './scenarios';

describeFaultScenarios('password');
