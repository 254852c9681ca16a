/**
 * What a reader of the catalogue pages is told about each catalogue: its edition and where it comes
 * from, as a sentence in zh-CN and en. `catalogues.ts` keeps the working notes (source packages,
 * transcription details) for docs/DATA-SOURCES.md; those are not shown in the interface.
 */
import type { CatalogueId } from './catalogues';
import { exchangeCatalogueDisplay } from './exchange-catalogues';

export type CatalogueDisplay = {
  editionZh: string;
  editionEn: string;
  provenanceZh: string;
  provenanceEn: string;
};

export const catalogueDisplay: Readonly<Record<CatalogueId, CatalogueDisplay>> = Object.freeze({
  regions: {
    editionZh: '2023 年统计用区划代码（截至 2023 年 6 月 30 日）',
    editionEn: 'Statistical division codes 2023 (as of 30 June 2023)',
    provenanceZh:
      '依据国家统计局《2023年统计用区划代码》整理，经开源数据转录，尚未与国家统计局、民政部公布的名单逐条核对；乡镇级只收录了吉林省。',
    provenanceEn:
      'Compiled from the National Bureau of Statistics’ 2023 statistical division codes through an open-source transcription; not yet checked line by line against the NBS and Ministry of Civil Affairs lists. Townships are included for Jilin only.',
  },
  industries: {
    editionZh: 'GB/T 4754-2017',
    editionEn: 'GB/T 4754-2017',
    provenanceZh:
      '依据国家标准 GB/T 4754-2017《国民经济行业分类》转录并校对；是否已含 2019 年第 1 号修改单尚待确认，尚未与国家统计局发布的文本逐条核对。',
    provenanceEn:
      'Transcribed and proof-read from GB/T 4754-2017; whether amendment No. 1 of 2019 is included is still to be confirmed, and the text has not yet been checked line by line against the NBS publication.',
  },
  'industry-risk-classes': {
    editionZh: '2021 年版（国卫办职健发〔2021〕5号）',
    editionEn: '2021 (国卫办职健发〔2021〕5号)',
    provenanceZh:
      '依据国家卫生健康委《建设项目职业病危害风险分类管理目录》（国卫办职健发〔2021〕5号）附件整理；目前只有一个来源，尚待与原文核对。',
    provenanceEn:
      'From the attachment to the National Health Commission’s 2021 catalogue of occupational-hazard risk classes of construction projects; one source so far, still to be checked against the original.',
  },
  'hazard-factors': {
    editionZh: '2015 年版（国卫疾控发〔2015〕92号）',
    editionEn: '2015 (国卫疾控发〔2015〕92号)',
    provenanceZh:
      '依据《职业病危害因素分类目录》（国卫疾控发〔2015〕92号）转录并校对，部分条目已与另一份独立文本核对；原文中 4 个校验位不正确的 CAS 号未收录。',
    provenanceEn:
      'Transcribed and proof-read from the 2015 catalogue of occupational-disease hazard factors, partly cross-checked with an independent copy; four printed CAS numbers with a wrong check digit are left empty.',
  },
  'diseases-2013': {
    editionZh: '2013 年版（国卫疾控发〔2013〕48号）',
    editionEn: '2013 (国卫疾控发〔2013〕48号)',
    provenanceZh:
      '依据《职业病分类和目录》（国卫疾控发〔2013〕48号）整理，共 10 类 132 种，已于 2025 年 7 月 31 日废止；其中 8 条尚待核实，已逐条标注。',
    provenanceEn:
      'From the 2013 classification and catalogue of occupational diseases: 132 items in 10 categories, repealed on 31 July 2025; 8 items still to be confirmed are marked.',
  },
  'diseases-2024': {
    editionZh: '2024 年版（国卫职健发〔2024〕39号）',
    editionEn: '2024 (国卫职健发〔2024〕39号)',
    provenanceZh:
      '依据《职业病分类和目录》（国卫职健发〔2024〕39号）转录并校对，共 12 类 135 种，自 2025 年 8 月 1 日起施行；目前只有一个来源，其中 12 条尚待核实，已逐条标注。',
    provenanceEn:
      'Transcribed and proof-read from the 2024 classification and catalogue of occupational diseases: 135 items in 12 categories, in force from 1 August 2025; one source so far, 12 items still to be confirmed are marked.',
  },
  'exam-types': {
    editionZh: '个案卡代码表 C_ZYB_1.3',
    editionEn: 'Code table C_ZYB_1.3',
    provenanceZh: '依据职业健康检查个案卡代码表 C_ZYB_1.3 整理，尚需与国家职业病报告系统的字典核对。',
    provenanceEn:
      'From the examination record code table C_ZYB_1.3; still to be checked against the dictionary of the national reporting system.',
  },
  'exam-conclusions': {
    editionZh: 'GBZ 188-2014；代码表 C_ZYB_1.6',
    editionEn: 'GBZ 188-2014; code table C_ZYB_1.6',
    provenanceZh: '结论依据 GBZ 188-2014，代码依据个案卡代码表 C_ZYB_1.6 整理；代码尚需与国家字典核对。',
    provenanceEn:
      'Conclusions from GBZ 188-2014, codes from code table C_ZYB_1.6; the codes are still to be checked against the national dictionary.',
  },
  'filing-categories': {
    editionZh: '本平台自定',
    editionEn: 'Defined by this platform',
    provenanceZh:
      '类别名称依据职业健康检查机构备案要求整理，尚未与《职业健康检查管理办法》原文核对；代码为本平台自定，不是国家代码。',
    provenanceEn:
      'Category names follow the filing rules for examination institutions, not yet checked against the regulation’s text; the codes are this platform’s own, not national codes.',
  },
  'enterprise-sizes': {
    editionZh: '2017 年划分办法；代码表 C_ZYB_1.7',
    editionEn: '2017 rules; code table C_ZYB_1.7',
    provenanceZh:
      '划分标准依据国家统计局《统计上大中小微型企业划分办法（2017）》，代码依据代码表 C_ZYB_1.7；尚未与官方原文逐条核对。',
    provenanceEn:
      'Thresholds from the NBS rules for classifying enterprises by size (2017), codes from code table C_ZYB_1.7; not yet checked against the official text.',
  },
  'economic-types': {
    editionZh: '1998 年版（2011 年调整）',
    editionEn: '1998, adjusted 2011',
    provenanceZh:
      '依据《关于划分企业登记注册类型的规定》整理，名称为简称；部分代码尚待核实，已逐条标注。统计上已由 2023 年的市场主体统计分类取代（本平台未收录）。',
    provenanceEn:
      'From the rules on enterprise registration types; names are abbreviated and codes still to be confirmed are marked. For statistics it has been replaced by the 2023 classification of market entities (not included).',
  },
  'id-document-types': {
    editionZh: 'WS 364.3 值域代码 CV02.01.101',
    editionEn: 'WS 364.3 value set CV02.01.101',
    provenanceZh:
      '依据卫生行业标准 WS 364.3 值域代码 CV02.01.101 整理；代码 88“暂未获取”为省级接口的扩展，尚待核实。',
    provenanceEn:
      'From value set CV02.01.101 of health standard WS 364.3; code 88 (not yet obtained) is a provincial interface extension and still to be confirmed.',
  },
  sexes: {
    editionZh: 'GB/T 2261.1-2003',
    editionEn: 'GB/T 2261.1-2003',
    provenanceZh: '依据国家标准 GB/T 2261.1-2003 整理，尚未与标准原文核对。',
    provenanceEn: 'From GB/T 2261.1-2003; not yet checked against the standard’s text.',
  },
  'working-calendar': {
    editionZh: '2024—2026 年国务院节假日安排',
    editionEn: 'State Council holiday notices 2024–2026',
    provenanceZh:
      '依据国务院办公厅 2024—2026 年部分节假日安排的通知整理，经开源数据转录，尚未与通知原文逐条核对；2027 年起暂按周一至周五为工作日计算，结果标为暂定。',
    provenanceEn:
      'From the State Council’s holiday notices for 2024–2026 through an open-source transcription, not yet checked against the notices; from 2027 Monday to Friday count as workdays and results are marked provisional.',
  },
  ...exchangeCatalogueDisplay,
});
