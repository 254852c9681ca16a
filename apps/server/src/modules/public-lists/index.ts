/**
 * 信息公开 (issue 16 item 8; R45, R51, R52): the provincial commission publishes the filed institutions,
 * the QC-qualified list, the institutions or items lacking capability and the institutions refusing
 * rectification — frozen publications with their dates, shown without login at /public.
 */
export { registerPublicListRoutes, DEMO_PUBLIC_LIST_IDS } from './public-lists.routes.js';
export { seedDemoPublicLists } from './public-lists.demo.js';
