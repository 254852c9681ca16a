-- The legal basis of a clock is shown to users (待办事项, 疑似职业病追踪): it cites the laws and notices,
-- not the paths of the research notes they were checked against (../shared/…), which no user can open.
-- Where each rule was checked stays in docs/DATA-SOURCES.md and docs/STANDARDS.md.
UPDATE deadline_rule
   SET legal_basis = regexp_replace(legal_basis, '（\.\./shared/[^）]*）', '', 'g'),
       note = regexp_replace(note, ' ?\(\.\./shared/[^)]*\)', '', 'g')
 WHERE legal_basis LIKE '%../shared/%' OR note LIKE '%../shared/%';
