/** Fault injection through n8n's engine, access key (AK/SK signing) mode: see scenarios.ts. */
import { describeFaultScenarios } from './scenarios';

describeFaultScenarios('accessKey');
