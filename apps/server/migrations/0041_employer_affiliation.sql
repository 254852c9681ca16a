-- 隶属关系 of an employer for declarations (issue 17): 《职业病危害项目申报办法》(国家安监总局令第48号) 第四条 —
-- 中央企业, 省属企业 and their units declare to the health department of the 设区的市 where they are; the
-- others to the county's (../shared/NATIONAL-DATA-SETS.md §3, V3). The national employer record
-- (exchange specification 2021) has no such field: the three values are the order's own words.
ALTER TABLE employer_profile
  ADD COLUMN affiliation text NOT NULL DEFAULT 'local'
    CHECK (affiliation IN ('central', 'provincial', 'local'));
