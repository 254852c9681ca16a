-- The lists behind the figures (issue 18 item 3), as the web app's routes are (a test now checks every
-- list_path against apps/web/src/app/router.tsx):
--  * the QC rectification rate opens the rates page (整改率: the same figure by region, drillable, and by
--    institution, over the period the dashboard passes), not the ledger, which filters on neither;
--  * the declaration rates live at /declaration-oversight (there is no /declaration-oversight/rates page);
--  * equipment compliance at /equipment/compliance (/equipment has no page of its own).
UPDATE indicator_definition SET list_path = '/rectifications/rates'
 WHERE list_path = '/rectifications';
UPDATE indicator_definition SET list_path = '/declaration-oversight'
 WHERE list_path = '/declaration-oversight/rates';
UPDATE indicator_definition SET list_path = '/equipment/compliance'
 WHERE list_path = '/equipment';
