-- The legal basis of the outbound notice period is shown to users (外出体检告知): it cites the notice,
-- not the path of the research note it was checked against (../shared/…), which no user can open
-- (as 0028 did for the clocks). Where the rule was checked stays in docs/STANDARDS.md.
UPDATE outbound_setting
   SET legal_basis = regexp_replace(legal_basis, '（\.\./shared/[^）]*）', '', 'g')
 WHERE legal_basis LIKE '%../shared/%';
