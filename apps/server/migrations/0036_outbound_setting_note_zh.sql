-- The note of the Jilin notice period is shown on the settings page (外出体检设置) in a Chinese-first
-- product: say it in Chinese (0030 wrote it in English). Only the shipped wording is replaced; a note the
-- province has edited stays as it is.
UPDATE outbound_setting
   SET note = '天数（5 个工作日）出自吉卫规〔2024〕2号 三。告知当日是否计入未作规定：在本省明确之前，按较严格的“净工作日”口径执行（告知日与开始日之间须有 5 个完整工作日）。'
 WHERE province_code = '22' AND note LIKE 'The number (5) is from the source.%';
