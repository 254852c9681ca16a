/**
 * Contracts of 用人单位库 (employer base database) and self-registration (issue 17): request and response schemas, filled in by the module.
 */
export {};
