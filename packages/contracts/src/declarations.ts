/**
 * Contracts of 职业病危害项目申报 (hazard-project declarations) (issue 17): request and response schemas, filled in by the module.
 */
export {};
