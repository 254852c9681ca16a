/**
 * Contracts of 用人单位数据库 (potential-employer database: lists, matching, follow-ups) (issue 17): request and response schemas, filled in by the module.
 */
export {};
