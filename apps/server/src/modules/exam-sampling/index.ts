/**
 * 个案卡抽查 (card sampling, issue 15 item 8): draws of N cards per exam institution with a recorded
 * seed (reproducible, method sha256-v1) and the check of each drawn card against the paper report.
 */
export { registerExamSamplingRoutes } from './exam-sampling.routes.js';
export { seedDemoSamples } from './exam-sampling.demo.js';
export { candidateDigest, drawKey, drawSample, type Candidate } from './exam-sampling.draw.js';
