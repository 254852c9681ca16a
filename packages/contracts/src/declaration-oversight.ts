/**
 * Contracts of 申报调度 (declaration rates, dispatch, sampling check, white/black lists) (issue 17): request and response schemas, filled in by the module.
 */
export {};
