/**
 * Seeds the demo province the browser journeys start from (helpers.mjs, demoTemplate), so that the
 * journeys find it ready. `npm test` runs this beside the web app's build, once the server is built;
 * the journeys would otherwise seed it themselves, while the second file waits. Not a test file.
 */
import { prepareDemoProvince } from './helpers.mjs';

const started = Date.now();
const dir = await prepareDemoProvince();
console.log(`demo province ready in ${dir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
