/**
 * The message table of the standards engine: every reason and every refusal, in zh-CN and en.
 * Templates name their parameters in braces; see ./messages for rendering. zh-CN text uses no English
 * words except units, formula symbols and standard designations (a test checks the examples).
 */
export const standardsMessages = {
  'text.bilingual': {
    'zh-CN': '{zh}',
    en: '{en}',
  },
  'text.list': {
    'zh-CN': '{items}',
    en: '{items}',
  },
  'term.total': {
    'zh-CN': '总尘',
    en: 'total dust',
  },
  'term.respirable': {
    'zh-CN': '呼尘',
    en: 'respirable dust',
  },
  'term.ear.left': {
    'zh-CN': '左耳',
    en: 'the left ear',
  },
  'term.ear.right': {
    'zh-CN': '右耳',
    en: 'the right ear',
  },
  'term.sex.M': {
    'zh-CN': '男性',
    en: 'men',
  },
  'term.sex.F': {
    'zh-CN': '女性',
    en: 'women',
  },
  'term.hearing.mild': {
    'zh-CN': '轻度噪声聋',
    en: 'mild occupational noise-induced deafness (轻度噪声聋)',
  },
  'term.hearing.moderate': {
    'zh-CN': '中度噪声聋',
    en: 'moderate occupational noise-induced deafness (中度噪声聋)',
  },
  'term.hearing.severe': {
    'zh-CN': '重度噪声聋',
    en: 'severe occupational noise-induced deafness (重度噪声聋)',
  },
  'term.noiseGrade.1': {
    'zh-CN': 'Ⅰ级 轻度危害',
    en: 'grade Ⅰ, slight hazard (轻度危害)',
  },
  'term.noiseGrade.2': {
    'zh-CN': 'Ⅱ级 中度危害',
    en: 'grade Ⅱ, moderate hazard (中度危害)',
  },
  'term.noiseGrade.3': {
    'zh-CN': 'Ⅲ级 重度危害',
    en: 'grade Ⅲ, severe hazard (重度危害)',
  },
  'term.noiseGrade.4': {
    'zh-CN': 'Ⅳ级 极重危害',
    en: 'grade Ⅳ, extreme hazard (极重危害)',
  },
  'term.risk.severe': {
    'zh-CN': '严重',
    en: 'severe (严重)',
  },
  'term.risk.general': {
    'zh-CN': '一般',
    en: 'general (一般)',
  },
  'term.stage.1': {
    'zh-CN': '尘肺壹期',
    en: 'stage Ⅰ pneumoconiosis (尘肺壹期)',
  },
  'term.stage.2': {
    'zh-CN': '尘肺贰期',
    en: 'stage Ⅱ pneumoconiosis (尘肺贰期)',
  },
  'term.stage.3': {
    'zh-CN': '尘肺叁期',
    en: 'stage Ⅲ pneumoconiosis (尘肺叁期)',
  },
  'term.present': {
    'zh-CN': '有',
    en: 'present',
  },
  'term.absent': {
    'zh-CN': '无',
    en: 'absent',
  },
  'term.input': {
    'zh-CN': '输入',
    en: 'the input',
  },
  'term.type.object': {
    'zh-CN': '对象',
    en: 'an object',
  },
  'term.type.array': {
    'zh-CN': '数组',
    en: 'an array',
  },
  'term.type.string': {
    'zh-CN': '文本',
    en: 'text',
  },
  'term.type.number': {
    'zh-CN': '数值',
    en: 'a number',
  },
  'term.type.integer': {
    'zh-CN': '整数',
    en: 'a whole number',
  },
  'term.type.boolean': {
    'zh-CN': '是或否（true 或 false）',
    en: 'true or false',
  },
  'edition.notCovered': {
    'zh-CN': '{date} 没有已载入的 {standard} 版本在实施；已载入：{loaded}',
    en: 'no loaded edition of {standard} is in force on {date}; loaded: {loaded}',
  },
  'edition.range': {
    'zh-CN': '{edition}（{from} 至 {to}）',
    en: '{edition} ({from} – {to})',
  },
  'edition.rangeOpen': {
    'zh-CN': '{edition}（{from} 起现行）',
    en: '{edition} ({from} – current)',
  },
  'cite.row': {
    'zh-CN': '{designation} 表{table} 第{seq}行',
    en: '{designation} Table {table}, row {seq}',
  },
  'cite.amended': {
    'zh-CN': '{amendments}，修改 {designation} 表{table} 第{seq}行',
    en: '{amendments}, amending {designation} Table {table}, row {seq}',
  },
  'cite.added': {
    'zh-CN': '{amendments}，增列表{table} 第{seq}行',
    en: '{amendments}, adding Table {table}, row {seq}',
  },
  'cite.imported': {
    'zh-CN': '管理员导入的 {designation} 表{table} 第{seq}行',
    en: '{designation} Table {table}, row {seq}, as imported by an administrator',
  },
  'cite.amendment': {
    'zh-CN': '{designation} 第{no}号修改单',
    en: '{designation} Amendment No. {no}',
  },
  'ref.row': {
    'zh-CN': '限值行 {id}',
    en: 'row {id}',
  },
  'ref.cas': {
    'zh-CN': 'CAS {cas}',
    en: 'CAS {cas}',
  },
  'ref.name': {
    'zh-CN': '“{name}”',
    en: '"{name}"',
  },
  'oel.before2019': {
    'zh-CN': '{edition} 自 {from} 起实施；{date} 适用 GBZ 2.1—2007，本系统未载入该版本',
    en: '{edition} is in force from {from}; {date} falls under GBZ 2.1—2007, which is not loaded',
  },
  'oel.notLoaded': {
    'zh-CN':
      '未载入{ref}的 GBZ 2.1—2019 限值行（表1 已载入 {loaded1}/358 行，表2 已载入 {loaded2}/49 行）；{who}',
    en: 'no GBZ 2.1—2019 limit row for {ref} is loaded (Table 1 has {loaded1} of 358 rows, Table 2 has {loaded2} of 49); {who}',
  },
  'oel.notLoadedRow': {
    'zh-CN':
      '{ref}是 GBZ 2.1—2019 表{table} 第{seq}行 {name}，该行未载入：{why}（表1 已载入 {loaded1}/358 行，表2 已载入 {loaded2}/49 行）；{who}',
    en: '{ref} is GBZ 2.1—2019 Table {table}, row {seq} {name}, which is not loaded: {why} (Table 1 has {loaded1} of 358 rows, Table 2 has {loaded2} of 49); {who}',
  },
  'oel.missing.noPublicCopy': {
    'zh-CN': '未找到该行 2019 年版限值的公开文本',
    en: 'no public copy of its GBZ 2.1—2019 values was found',
  },
  'oel.missing.pgTeq': {
    'zh-CN': '其限值以 pgTEQ/m³ 表示，而不是 mg/m³',
    en: 'its limit is printed in pgTEQ/m³, not mg/m³',
  },
  'oel.who.import': {
    'zh-CN': '省级质控中心人员（具有标准数据管理权限）可在“标准计算器”页面的“导入标准数据”面板中导入缺失的行',
    en: "an administrator can import the missing row: a user holding the standards:manage permission (the provincial QC centre's role), on the Standards page (标准计算器), panel “Import standards data” (导入标准数据)",
  },
  'oel.who.amendment': {
    'zh-CN':
      '请由省级质控中心人员（具有标准数据管理权限）先在“标准计算器”页面的“GBZ 2.1 修改单生效日期”面板中设置该日期',
    en: "The date must first be set by a user holding the standards:manage permission (the provincial QC centre's role), on the Standards page (标准计算器), panel “GBZ 2.1 amendments: effective dates” (GBZ 2.1 修改单生效日期)",
  },
  'oel.amendmentDateUnset': {
    'zh-CN':
      '{ref}的限值被{amendment}（{title}）修改，但该修改单的生效日期尚未设置（有资料记为 {reported}，未说明是发布还是实施日期，也未找到官方公告），因此无法判断 {date} 适用哪个限值。{who}',
    en: '{ref} is changed by {amendment} ({title}), whose effective date is not set (reported as {reported}, issue or effect not stated; no official notice of the date was found), so no verdict can say which limit applies on {date}. {who}',
  },
  'oel.amendmentAddsUnset': {
    'zh-CN': '{ref}由{amendment}增列，但该修改单的生效日期尚未设置。{who}',
    en: '{ref} is added by {amendment}, whose effective date is not set. {who}',
  },
  'oel.ambiguous': {
    'zh-CN': '{ref}对应 {count} 个限值行，请按限值行号指定其一：{candidates}',
    en: '{ref} matches {count} limit rows; name one by its row id: {candidates}',
  },
  'oel.addedLater': {
    'zh-CN': '{amendment}自 {from} 起增列该物质，晚于 {date}',
    en: '{amendment} adds this substance from {from}, after {date}',
  },
  'oel.noFractionLimit': {
    'zh-CN': '{name}在 {cite} 中没有{fraction}的 PC-TWA（按已载入数据）',
    en: '{name} has no {fraction} PC-TWA in {cite} (as loaded)',
  },
  'air.twa.sum': {
    'zh-CN': 'Σ CᵢTᵢ = {dose} mg·h/m³（接触 {hours} h）；C_TWA = Σ CᵢTᵢ / 8 = {cTwa} mg/m³',
    en: 'Σ CᵢTᵢ = {dose} mg·h/m³ over {hours} h exposed; C_TWA = Σ CᵢTᵢ / 8 = {cTwa} mg/m³',
  },
  'air.twa.shortShift': {
    'zh-CN': '班次 {shift} h：8 h 内其余时间按未接触（C = 0）计',
    en: 'shift of {shift} h: the rest of the 8 h counts as unexposed (C = 0)',
  },
  'air.twa.longShift': {
    'zh-CN':
      '班次 {shift} h 超过 8 h：按长时间工作的约定，以班次平均浓度 Σ CᵢTᵢ / {shift} = {avg} mg/m³ 与 RF × PC-TWA 比较',
    en: 'shift of {shift} h > 8 h: the long-shift convention compares the shift average Σ CᵢTᵢ / {shift} = {avg} mg/m³ with RF × PC-TWA',
  },
  'air.ste.value': {
    'zh-CN': 'C_STE = Σ Cᵢtᵢ / 15 min = {cSte} mg/m³',
    en: 'C_STE = Σ Cᵢtᵢ / 15 min = {cSte} mg/m³',
  },
  'air.ste.short': {
    'zh-CN': '接触 {minutes} min，不足 15 min：其余 {rest} min 按 0 计',
    en: 'exposure of {minutes} min < 15 min: the remaining {rest} min count as 0',
  },
  'air.rf.daily': {
    'zh-CN': '每日工作 {h} h：RF = (8/{h})·(24−{h})/16 = {rf}',
    en: '{h} h a day: RF = (8/{h})·(24−{h})/16 = {rf}',
  },
  'air.rf.dailyNone': {
    'zh-CN': '每日工作 {h} h ≤ 8 h：不折减（RF = 1）',
    en: '{h} h a day ≤ 8 h: no reduction (RF = 1)',
  },
  'air.rf.weekly': {
    'zh-CN': '每周工作 {h} h：RF = (40/{h})·(168−{h})/128 = {rf}',
    en: '{h} h a week: RF = (40/{h})·(168−{h})/128 = {rf}',
  },
  'air.rf.weeklyNone': {
    'zh-CN': '每周工作 {h} h ≤ 40 h：不折减（RF = 1）',
    en: '{h} h a week ≤ 40 h: no reduction (RF = 1)',
  },
  'air.rf.scope': {
    'zh-CN': '折减因子只用于 PC-TWA，不用于 MAC、PC-STEL 和峰值接触倍数',
    en: 'the reduction factor applies to PC-TWA only, never to MAC, PC-STEL or the peak-excursion multiples',
  },
  'air.check': {
    'zh-CN': '{name} {what} {value} mg/m³ {op} {limitName} {limit} mg/m³（{cite}）',
    en: '{name} {what} {value} mg/m³ {op} {limitName} {limit} mg/m³ ({cite})',
  },
  'air.checkBare': {
    'zh-CN': '{what} {value} mg/m³ {op} {limitName} {limit} mg/m³',
    en: '{what} {value} mg/m³ {op} {limitName} {limit} mg/m³',
  },
  'air.dustName': {
    'zh-CN': '{name}（{fraction}）',
    en: '{name} ({fraction})',
  },
  'air.limit': {
    'zh-CN': '{name}的职业接触限值：{limits}（{cite}）',
    en: 'occupational exposure limit of {name}: {limits} ({cite})',
  },
  'air.missing.cm': {
    'zh-CN': '未给出最高浓度 C_M',
    en: 'no maximum concentration (C_M) given',
  },
  'air.missing.pe': {
    'zh-CN': '未给出峰值浓度 C_PE',
    en: 'no peak concentration (C_PE) given',
  },
  'air.missing.ste': {
    'zh-CN': '未给出 15 min 短时间接触浓度（C_STE 或 15 min 采样）',
    en: 'no 15-minute exposure (C_STE or 15-minute samples) given',
  },
  'air.missing.twa': {
    'zh-CN': '未给出全班次接触（分段浓度或 C_TWA）',
    en: 'no full-shift exposure (exposure segments or C_TWA) given',
  },
  'air.incomplete': {
    'zh-CN': '有检查项缺少测定值，结论为“资料不全”',
    en: 'a check lacks its measurement: the verdict is incomplete',
  },
  'air.longShift.compared': {
    'zh-CN': '按长时间工作的约定，以班次平均浓度 {avg} mg/m³ 与 RF × PC-TWA 比较',
    en: 'long-shift convention: the shift average {avg} mg/m³ is compared with RF × PC-TWA',
  },
  'air.longShift.none': {
    'zh-CN': '不折减：以 Σ CᵢTᵢ / 8 = {cTwa} mg/m³ 与 PC-TWA 比较',
    en: 'no reduction: Σ CᵢTᵢ / 8 = {cTwa} mg/m³ is compared with PC-TWA',
  },
  'air.pe.noExcursion': {
    'zh-CN': '{check}：未超过 3 倍 PC-TWA，不构成超限',
    en: '{check}: no excursion above 3 × PC-TWA',
  },
  'air.pe.noLog': {
    'zh-CN': '{check}，但未给出超限记录（每次超限的开始时间和持续时间），无法证明符合峰值接触要求',
    en: '{check}, but no excursion log (start and duration of each excursion) was given: the peak rule cannot be shown to hold',
  },
  'air.pe.problems': {
    'zh-CN': '峰值接触不符合要求：{problems}',
    en: 'the peak rule is not met: {problems}',
  },
  'air.pe.tooLong': {
    'zh-CN': '第 {start} min 开始的超限持续 {minutes} min，超过 15 min',
    en: 'the excursion at minute {start} lasts {minutes} min > 15 min',
  },
  'air.pe.tooMany': {
    'zh-CN': '超限 {count} 次，超过每班 4 次',
    en: '{count} excursions > 4 per shift',
  },
  'air.pe.tooClose': {
    'zh-CN': '第 {a} min 与第 {b} min 开始的两次超限相隔 {gap} min，不足 60 min',
    en: 'the excursions at minutes {a} and {b} are {gap} min apart (< 60)',
  },
  'air.pe.peakNotLogged': {
    'zh-CN': '超限记录中没有最高浓度 {peak} mg/m³',
    en: 'the excursion log does not contain the peak of {peak} mg/m³',
  },
  'air.pe.ok': {
    'zh-CN': '超过 3 倍 PC-TWA（{three} mg/m³）的超限 {count} 次：每次 ≤ 15 min，每班 ≤ 4 次，间隔 ≥ 60 min',
    en: '{count} excursion(s) above 3 × PC-TWA = {three} mg/m³, each ≤ 15 min, ≤ 4 per shift, ≥ 60 min apart',
  },
  'air.mix.notAdditive': {
    'zh-CN': '未声明各组分具有相加作用：不适用 Σ C/L，应逐一判定各物质',
    en: 'the components are not declared additive: Σ C/L does not apply; judge each substance on its own',
  },
  'air.mix.term': {
    'zh-CN': '{name} {c} mg/m³ / {limitType} {limit} mg/m³ = {ratio}（{cite}）',
    en: '{name} {c} mg/m³ / {limitType} {limit} mg/m³ = {ratio} ({cite})',
  },
  'air.mix.sum': {
    'zh-CN': '相加作用：Σ C/L = {terms} = {sum} {op} {one}',
    en: 'additive effect: Σ C/L = {terms} = {sum} {op} {one}',
  },
  'noise.lex8h.segments': {
    'zh-CN': 'L_EX,8h = 10·lg[(1/8)·Σ Tᵢ·10^(0.1·L_Aeq,Tᵢ)]（共 {hours} h）= {value} dB(A)',
    en: 'L_EX,8h = 10·lg[(1/8)·Σ Tᵢ·10^(0.1·L_Aeq,Tᵢ)] over {hours} h = {value} dB(A)',
  },
  'noise.lex8h.laeq': {
    'zh-CN': 'L_EX,8h = L_Aeq,Te + 10·lg(Te/8) = {l} + 10·lg({te}/8) = {value} dB(A)',
    en: 'L_EX,8h = L_Aeq,Te + 10·lg(Te/8) = {l} + 10·lg({te}/8) = {value} dB(A)',
  },
  'noise.lex8h.given': {
    'zh-CN': '给定 L_EX,8h = {value} dB(A)',
    en: 'L_EX,8h given: {value} dB(A)',
  },
  'noise.lexw': {
    'zh-CN': 'L_EX,W = 10·lg[(1/5)·Σ 10^(0.1·L_EX,8h,i)]（{days} 个工作日）= {value} dB(A)',
    en: 'L_EX,W = 10·lg[(1/5)·Σ 10^(0.1·L_EX,8h,i)] over {days} working day(s) = {value} dB(A)',
  },
  'noise.judge': {
    'zh-CN': '{quantity} {value} dB(A) {op} {limit} dB(A)（{standard} 第11章；“不超过 85 dB(A)”含 85）',
    en: '{quantity} {value} dB(A) {op} {limit} dB(A) ({standard} §11; "not above 85 dB(A)" includes 85)',
  },
  'noise.noiseWork': {
    'zh-CN': '{quantity} ≥ 80 dB(A)：属于噪声作业，应进行职业健康监护',
    en: '{quantity} ≥ 80 dB(A): noise work (health surveillance applies)',
  },
  'noise.notNoiseWork': {
    'zh-CN': '{quantity} < 80 dB(A)：不属于噪声作业',
    en: '{quantity} < 80 dB(A): not noise work',
  },
  'noise.grade': {
    'zh-CN': '{level} dB(A) → {grade}（{standard} 分级表未经核实）',
    en: '{level} dB(A) → {grade} ({standard} grade table, UNVERIFIED)',
  },
  'noise.belowGrade': {
    'zh-CN': '{level} dB(A) < 85 dB(A)：85 dB(A) 以下未载入分级',
    en: '{level} dB(A) < 85 dB(A): no grade is loaded below 85 dB(A)',
  },
  'noise.impulse.notCovered': {
    'zh-CN': '每班脉冲 {n} 次，超过 10000 次：{standard} 未规定该次数的峰值限值',
    en: '{n} impulses per shift > 10000: {standard} gives no peak limit for this count',
  },
  'noise.impulse.band': {
    'zh-CN': '每班脉冲 {n} 次（{band}）→ 峰值限值 {limit} dB（{standard} 第11章）',
    en: '{n} impulses per shift ({band}) → peak limit {limit} dB ({standard} §11)',
  },
  'noise.impulse.peak': {
    'zh-CN': '峰值 {peak} dB {op} {limit} dB',
    en: 'peak {peak} dB {op} {limit} dB',
  },
  'noise.equivalent': {
    'zh-CN': '85 + 10·lg(8/{t}) = {limit} dB(A)（{standard} 附录B 取整数分贝：4 h 88、2 h 91、1 h 94）',
    en: '85 + 10·lg(8/{t}) = {limit} dB(A) ({standard} App. B prints whole decibels: 4 h 88, 2 h 91, 1 h 94)',
  },
  'hearing.noCorrectionUnder20': {
    'zh-CN': '年龄 {age} 岁 < 20 岁：不作年龄校正（GB/T 7582 表自 20 岁起）',
    en: 'age {age} < 20: no correction (the GB/T 7582 table starts at 20)',
  },
  'hearing.corrected': {
    'zh-CN':
      '按 GB/T 7582—2004 {sex} {tableAge} 岁组的中位数校正（{age} 岁所在年龄段；按年龄段取值是资料来源的约定，未经核实）',
    en: "corrected by the GB/T 7582—2004 medians for {sex} at age {tableAge} (the decade of age {age}; decade banding is the source's convention, unverified)",
  },
  'hearing.alreadyCorrected': {
    'zh-CN': '输入已声明经过年龄、性别校正，此处不再校正',
    en: 'input declared already corrected for age and sex; no correction applied here',
  },
  'hearing.weighted': {
    'zh-CN': '单耳听阈加权值：左耳 {left} dB，右耳 {right} dB；较好耳为{ear}，{better} dB',
    en: 'monaural weighted thresholds: left {left} dB, right {right} dB; the better ear is {ear}, {better} dB',
  },
  'hearing.hf': {
    'zh-CN': '双耳高频平均听阈 {value} dB {op} {limit} dB',
    en: 'binaural high-frequency average {value} dB {op} {limit} dB',
  },
  'hearing.years': {
    'zh-CN': '噪声作业工龄 {years} 年 {op} {limit} 年',
    en: 'noise exposure {years} years {op} {limit}',
  },
  'hearing.notMet.years': {
    'zh-CN': '不符合：连续噪声作业工龄不足 3 年',
    en: 'does not meet: less than 3 years of noise work',
  },
  'hearing.notMet.hf': {
    'zh-CN': '不符合：双耳高频平均听阈低于 40 dB',
    en: 'does not meet: binaural high-frequency average below 40 dB',
  },
  'hearing.notMet.grade': {
    'zh-CN': '不符合：较好耳听阈加权值 {better} dB 低于 26 dB',
    en: 'does not meet: better-ear weighted threshold {better} dB below 26 dB',
  },
  'hearing.grade': {
    'zh-CN': '较好耳 {better} dB → {grade}（{standard}）',
    en: 'better ear {better} dB → {grade} ({standard})',
  },
  'surv.fixed': {
    'zh-CN': '每 {months} 个月检查 1 次',
    en: '1 exam every {months} months',
  },
  'surv.noiseMissing': {
    'zh-CN': '需要噪声水平（L_EX,8h）才能确定周期',
    en: 'the noise level (L_EX,8h) is needed for this hazard',
  },
  'surv.noiseBelow': {
    'zh-CN': 'L_EX,8h {level} dB(A) < {lowest} dB(A)：已载入条目未规定在岗期间检查周期',
    en: 'L_EX,8h {level} dB(A) < {lowest} dB(A): no periodic cycle in the loaded row',
  },
  'surv.noiseBand': {
    'zh-CN': 'L_EX,8h {level} dB(A) ≥ {min} dB(A)：每 {months} 个月检查 1 次',
    en: 'L_EX,8h {level} dB(A) ≥ {min} dB(A): every {months} months',
  },
  'surv.gradeMissing': {
    'zh-CN': '需要作业分级才能确定周期',
    en: 'the work grade (作业分级) is needed for this hazard',
  },
  'surv.ungraded': {
    'zh-CN': '未分级：从严按每 {months} 个月检查 1 次',
    en: 'not graded: every {months} months (the stricter cycle)',
  },
  'surv.gradeNone': {
    'zh-CN': '作业分级 {grade} 级：已载入条目未规定周期',
    en: 'work grade {grade}: no cycle in the loaded row',
  },
  'surv.gradeBand': {
    'zh-CN': '作业分级 {grade} 级（≥ {min} 级）：每 {months} 个月检查 1 次',
    en: 'work grade {grade} (≥ {min}): every {months} months',
  },
  'surv.row': {
    'zh-CN': '{edition} {section} {name}：{detail}',
    en: '{edition} {section} {name}: {detail}',
  },
  'surv.rowUnverified': {
    'zh-CN': '{edition} {section} {name}：{detail}（条目未经核实）',
    en: '{edition} {section} {name}: {detail} (UNVERIFIED row)',
  },
  'surv.noRow': {
    'zh-CN': '{edition}：未载入{name}的条目（只随附项目资料中的条目）；{who}',
    en: '{edition}: no row for {name} is loaded (only the rows of the project notes ship); {who}',
  },
  'surv.who.import': {
    'zh-CN': '省级质控中心人员（具有标准数据管理权限）可在“标准计算器”页面的“导入标准数据”面板中导入完整的表',
    en: 'a user holding the standards:manage permission can import the full table on the Standards page (标准计算器), panel “Import standards data” (导入标准数据)',
  },
  'surv.governs': {
    'zh-CN': '以最短周期 {months} 个月（{name}）为准：下次在岗期间职业健康检查应不晚于 {date}',
    en: 'the shortest cycle, {months} months ({name}), governs: the next periodic exam is due by {date}',
  },
  'surv.partial': {
    'zh-CN': '部分危害因素未覆盖或缺少输入：其周期可能比上述周期更短',
    en: 'some hazards are not covered or lack input: their cycle may be shorter than the one given',
  },
  'testing.before2021': {
    'zh-CN': '2021 年版风险分类管理目录自 {from} 起适用；2012 年版目录（三类）未载入',
    en: 'the 2021 risk catalogue applies from {from}; the 2012 catalogue (3 classes) is not loaded',
  },
  'testing.listed': {
    'zh-CN': '行业 {code} 列入《建设项目职业病危害风险分类管理目录（2021 年版）》：{rows}',
    en: 'industry {code} is listed in the 2021 risk catalogue (建设项目职业病危害风险分类管理目录): {rows}',
  },
  'testing.row': {
    'zh-CN': '{name}（{cls}）',
    en: '{name} ({cls})',
  },
  'testing.multiRow': {
    'zh-CN': '行业 {code} 对应多个类别不同的目录行，无法仅凭代码区分，按较高类别计',
    en: 'industry {code} matches several rows of different classes that its code cannot tell apart: the higher class applies',
  },
  'testing.starred': {
    'zh-CN': '行业 {code} 为带“*”的行：不使用含苯类物质的原辅料时按一般类管理',
    en: 'industry {code} is a starred row: general (一般) management applies if no benzene-type materials are used',
  },
  'testing.unlisted': {
    'zh-CN': '行业 {codes} 未列入目录，其类别需经评价确定',
    en: 'industries not listed in the catalogue: {codes}; their class is decided by evaluation',
  },
  'testing.severe': {
    'zh-CN':
      '严重类：职业病危害因素检测至少每 12 个月 1 次，现状评价至少每 36 个月 1 次（《工作场所职业卫生管理规定》，条款号未核实）',
    en: 'severe (严重): testing at least every 12 months, status evaluation (现状评价) at least every 36 months (工作场所职业卫生管理规定; article number unverified)',
  },
  'testing.general': {
    'zh-CN': '一般类：职业病危害因素检测至少每 36 个月 1 次（《工作场所职业卫生管理规定》，条款号未核实）',
    en: 'general (一般): testing at least every 36 months (工作场所职业卫生管理规定; article number unverified)',
  },
  'testing.needsEvaluation': {
    'zh-CN': '类别需经评价确定：确定之前无法给出检测周期',
    en: 'the class is decided by evaluation (评价): no interval until the class is known',
  },
  'testing.nextTest': {
    'zh-CN': '上次检测 {last}：下次检测应不晚于 {date}',
    en: 'last test {last}: the next test is due by {date}',
  },
  'testing.nextEvaluation': {
    'zh-CN': '上次现状评价 {last}：下次现状评价应不晚于 {date}',
    en: 'last status evaluation {last}: the next one is due by {date}',
  },
  'pneu.summary': {
    'zh-CN':
      '总体密集度 {overall} 级；分布范围 {extent} 个肺区（密集度 ≥ 1 级）；小阴影聚集：{aggregation}；大阴影 {large} 个',
    en: 'overall profusion {overall}; extent {extent} zone(s) (category ≥ 1); small-opacity aggregation: {aggregation}; {large} large opacity(ies)',
  },
  'pneu.summaryBig': {
    'zh-CN':
      '总体密集度 {overall} 级；分布范围 {extent} 个肺区（密集度 ≥ 1 级）；小阴影聚集：{aggregation}；大阴影 {large} 个（有长径 ≥ 20 mm 且短径 ≥ 10 mm 者）',
    en: 'overall profusion {overall}; extent {extent} zone(s) (category ≥ 1); small-opacity aggregation: {aggregation}; {large} large opacity(ies) (one at least 20 × 10 mm)',
  },
  'pneu.asbestos': {
    'zh-CN': '石棉：{plaques}胸膜斑',
    en: 'asbestos: pleural plaques {plaques}',
  },
  'pneu.none': {
    'zh-CN': '未满足任何分期标准（按叁期 → 贰期 → 壹期依次判断）：影像学上不诊断尘肺病',
    en: 'no stage criterion matched (evaluated 叁期 → 贰期 → 壹期): not pneumoconiosis by imaging',
  },
  'pneu.staged': {
    'zh-CN': '{stage}：{criterion}（分期标准未按 2015 年版原文核实）',
    en: '{stage}: {criterion} (criteria UNVERIFIED against the 2015 text)',
  },
  'pneu.crit.3a': {
    'zh-CN': '大阴影长径 ≥ 20 mm 且短径 ≥ 10 mm',
    en: 'a large opacity with long axis ≥ 20 mm and short axis ≥ 10 mm',
  },
  'pneu.crit.3b': {
    'zh-CN': '总体密集度 3 级，分布范围 > 4 个肺区，伴小阴影聚集',
    en: 'overall profusion 3, extent > 4 zones, with small-opacity aggregation',
  },
  'pneu.crit.3c': {
    'zh-CN': '总体密集度 3 级，分布范围 > 4 个肺区，伴大阴影',
    en: 'overall profusion 3, extent > 4 zones, with a large opacity',
  },
  'pneu.crit.3asb': {
    'zh-CN': '石棉肺：总体密集度 3 级，分布范围 > 4 个肺区，胸膜斑长度之和 > 单侧胸壁长度的 1/2 或心缘蓬乱',
    en: "asbestosis: overall profusion 3, extent > 4 zones, plaques longer than ½ of one side's chest wall or a shaggy heart border",
  },
  'pneu.crit.2a': {
    'zh-CN': '总体密集度 2 级，分布范围 > 4 个肺区',
    en: 'overall profusion 2, extent > 4 zones',
  },
  'pneu.crit.2b': {
    'zh-CN': '总体密集度 3 级，分布范围达到 4 个肺区（按 ≥ 4 理解）',
    en: 'overall profusion 3, extent 4 zones (read as ≥ 4)',
  },
  'pneu.crit.2asb': {
    'zh-CN':
      '石棉肺：总体密集度 1 级、分布范围 > 4 个肺区，或 2 级、达到 4 个肺区，伴胸膜斑累及部分心缘或膈面',
    en: 'asbestosis: overall profusion 1 with extent > 4 zones, or 2 with 4 zones, with plaques involving part of the heart border or diaphragm',
  },
  'pneu.crit.1a': {
    'zh-CN': '总体密集度 1 级（按 ≥ 1 理解），分布范围至少达到 2 个肺区',
    en: 'overall profusion 1 (read as ≥ 1), extent at least 2 zones',
  },
  'pneu.crit.1asb': {
    'zh-CN':
      '石棉肺：总体密集度 1 级、分布范围 1 个肺区，伴胸膜斑；或总体密集度 0 级但至少 2 个肺区为 0/1，伴胸膜斑',
    en: 'asbestosis: overall profusion 1 in 1 zone with plaques; or profusion 0 with at least 2 zones at 0/1, with plaques',
  },
  'pneu.convention.1': {
    'zh-CN': '只录入小阴影分布占该肺区 2/3 以上的肺区密集度（由读片者判断），其余肺区按 0/0 录入',
    en: 'a zone profusion is entered only for zones where small opacities cover ≥ 2/3 of the zone (the reader judges this); other zones are entered as 0/0',
  },
  'pneu.convention.2': {
    'zh-CN':
      '总体密集度 = 各肺区密集度的最高级别；分布范围 = 密集度 ≥ 1 级的肺区数（各期相同，包括“3 级……分布范围超过 4 个肺区”）',
    en: '总体密集度 (overall profusion) = the highest zone category; 分布范围 = number of zones with category ≥ 1 (for every stage, including "3级 … 分布范围超过4个肺区")',
  },
  'pneu.convention.3': {
    'zh-CN': '石棉肺贰期“2 级达到 4 个肺区”按总体密集度 ≥ 2 级、≥ 4 个肺区理解',
    en: '石棉肺 贰期 "2级 达到4个肺区" is read as overall profusion ≥ 2 in ≥ 4 zones',
  },
  'pneu.convention.4': {
    'zh-CN':
      '壹期“总体密集度 1 级，分布范围至少达到 2 个肺区”按总体密集度 ≥ 1 级、≥ 2 个肺区理解，使肺区数不足贰期的 2、3 级密集度归入壹期，而不是不分期',
    en: '壹期 "总体密集度1级, 分布范围至少达到2个肺区" is read as overall profusion ≥ 1 in ≥ 2 zones, so that 2/3 级 profusions in too few zones for 贰期 fall to 壹期 rather than to no stage',
  },
  'pneu.convention.5': {
    'zh-CN':
      '贰期“3 级……分布范围达到 4 个肺区”按 ≥ 4 个肺区理解，使无聚集、无大阴影而超过 4 个肺区的 3 级归入贰期',
    en: '贰期 "3级 … 分布范围达到4个肺区" is read as ≥ 4 zones, so that 3级 in > 4 zones without aggregation or large opacity is 贰期',
  },
  'pneu.convention.6': {
    'zh-CN': '叁期“有大阴影”（伴 3 级、超过 4 个肺区）计入所给的任何大阴影，不论大小',
    en: '叁期 "有大阴影" (with 3级 > 4 zones) counts any large opacity given, whatever its size',
  },
  'pneu.convention.7': {
    'zh-CN': '石棉肺壹期“1 级、1 个肺区、伴胸膜斑”按总体密集度 ≥ 1 级、≥ 1 个肺区、伴胸膜斑理解',
    en: 'asbestos 壹期 "1级 in 1 zone + 胸膜斑" is read as overall profusion ≥ 1 in ≥ 1 zone + plaques',
  },
  'hd.catalogueNotCovered': {
    'zh-CN': '{date} 没有已载入的职业病分类和目录（最早的 2013 年版自 2013-12-23 起实施）',
    en: 'no occupational-disease catalogue is shipped for {date}: the earliest edition (2013) is in force from 2013-12-23',
  },
  'hd.catalogue': {
    'zh-CN': '《职业病分类和目录》（{edition} 年版，{documentNo}）',
    en: 'occupational-disease catalogue ({edition}, {documentNo})',
  },
  'hd.catalogueUnconfirmed': {
    'zh-CN': '《职业病分类和目录》（{edition} 年版，{documentNo}，文号为单一来源、未确认）',
    en: 'occupational-disease catalogue ({edition}, {documentNo}; the document number rests on one source, unconfirmed)',
  },
  'hd.mapped': {
    'zh-CN': '{hazard}可致{diseases}（{catalogue}）',
    en: '{hazard} → {diseases} ({catalogue})',
  },
  'hd.unknown': {
    'zh-CN': '本系统未收录{hazard}可致的职业病：是否可致病未知（不等于“不能”）',
    en: 'no mapping for {hazard} in this package: which diseases it can cause is unknown here (not "none")',
  },
  'hd.yes': {
    'zh-CN': '{disease}可由{hazards}所致（{catalogue}）',
    en: '{disease} is mapped from {hazards} ({catalogue})',
  },
  'hd.none': {
    'zh-CN': '没有映射把{disease}与所给危害因素联系起来：未知（映射只收录目录文字能支持的组合）',
    en: "no mapping links {disease} to the given hazards: unknown (the mapping lists only pairs justified by the catalogues' wording)",
  },
  'input.issue': {
    'zh-CN': '{field}：{message}',
    en: '{field}: {message}',
  },
  'input.required': {
    'zh-CN': '必填',
    en: 'is required',
  },
  'input.type': {
    'zh-CN': '应为{type}，实际为 {value}',
    en: 'must be {type}; got {value}',
  },
  'input.enum': {
    'zh-CN': '应为 {allowed} 之一，实际为 {value}',
    en: 'must be one of {allowed}; got {value}',
  },
  'input.enumRequired': {
    'zh-CN': '必填，应为 {allowed} 之一',
    en: 'is required: one of {allowed}',
  },
  'input.oneOfRequired': {
    'zh-CN': '应给出 {fields} 之一',
    en: 'must give one of {fields}',
  },
  'input.alternatives': {
    'zh-CN': '{a} 与 {b} 是二选一的输入，只能给出其一',
    en: '{a} and {b} are alternatives: give one of them, not both',
  },
  'input.unknownField': {
    'zh-CN': '不允许的字段（允许的字段：{allowed}）',
    en: 'is not an allowed field (allowed: {allowed})',
  },
  'input.range': {
    'zh-CN': '超出合理范围：应在 {interval} {unit} 内（{basis}），实际为 {value}',
    en: 'out of range: must be within {interval} {unit} ({basis}); got {value}',
  },
  'input.rangePlain': {
    'zh-CN': '超出范围：应在 {interval} {unit} 内，实际为 {value}',
    en: 'out of range: must be within {interval} {unit}; got {value}',
  },
  'input.nul': {
    'zh-CN': '不能包含空字符（\\u0000）',
    en: 'must not contain a NUL character (\\u0000)',
  },
  'input.minLength': {
    'zh-CN': '长度至少 {min} 个字符',
    en: 'must have at least {min} character(s)',
  },
  'input.maxLength': {
    'zh-CN': '长度不能超过 {max} 个字符',
    en: 'must have at most {max} characters',
  },
  'input.date': {
    'zh-CN': '不是有效日期：应为 YYYY-MM-DD 格式的真实日期，实际为 {value}',
    en: 'is not a real date written YYYY-MM-DD: got {value}',
  },
  'input.pattern': {
    'zh-CN': '格式错误，实际为 {value}',
    en: 'has the wrong format: got {value}',
  },
  'input.patternHint': {
    'zh-CN': '格式错误：应为{hint}，实际为 {value}',
    en: 'has the wrong format: must be {hint}; got {value}',
  },
  'input.notEmpty': {
    'zh-CN': '至少需要 1 项',
    en: 'must not be empty',
  },
  'input.minItems': {
    'zh-CN': '至少需要 {min} 项',
    en: 'needs at least {min} items',
  },
  'input.maxItems': {
    'zh-CN': '最多 {max} 项',
    en: 'may have at most {max} items',
  },
  'format.rowId': {
    'zh-CN': 'GBZ 2.1—2019 限值行号，如 T1-12、T2-40-1',
    en: 'a GBZ 2.1—2019 row id such as T1-12 or T2-40-1',
  },
  'format.cas': {
    'zh-CN': 'CAS 号，如 71-43-2',
    en: 'a CAS number such as 71-43-2',
  },
  'format.hazardId': {
    'zh-CN': '《职业病危害因素分类目录》（2015）的编号，如 3-1',
    en: 'a hazard-factor id of the 2015 catalogue such as 3-1',
  },
  'format.industryCode': {
    'zh-CN': 'GB/T 4754—2017 行业代码，如 0610 或 B0610',
    en: 'a GB/T 4754—2017 industry code such as 0610 or B0610',
  },
  'format.diseaseId': {
    'zh-CN': '职业病目录的编号，如 2024/4/1',
    en: 'a disease id of the catalogues such as 2024/4/1',
  },
  'input.adminData': {
    'zh-CN': '管理员数据（修改单生效日期、导入的标准数据）不能随请求提交：服务器按“标准计算器”页面的设置提供',
    en: 'administrator data (amendment dates, imported rows) cannot be sent with a request: the server supplies what is set on the Standards page',
  },
  'input.ageRequired': {
    'zh-CN': '按 GB/T 7582 校正时必须给出年龄',
    en: 'the age is required for the GB/T 7582 correction',
  },
  'input.sexRequired': {
    'zh-CN': '按 GB/T 7582 校正时必须给出性别（M 或 F）',
    en: "sex 'M' or 'F' is required for the GB/T 7582 correction",
  },
  'input.casCheckDigit': {
    'zh-CN': 'CAS 号 {cas} 的校验位不正确',
    en: '{cas} is not a CAS number with a valid check digit',
  },
  'input.dateAfterEvent': {
    'zh-CN': '{date} 晚于所评估的日期 {event}',
    en: '{date} is after the date assessed, {event}',
  },
  'input.diseaseEdition': {
    'zh-CN':
      '{disease} 属于 {edition} 年版职业病目录，而 {date} 实施的是 {inForce} 年版目录：请选用 {inForce} 年版目录中的病名',
    en: '{disease} belongs to the {edition} catalogue, but the {inForce} catalogue is in force on {date}: pick the disease from the {inForce} catalogue',
  },
  'input.diseaseUnknown': {
    'zh-CN': '{id} 不是职业病目录中的编号',
    en: '{id} is not a disease id of the catalogues',
  },
  'input.duplicateCode': {
    'zh-CN': '行业代码 {code} 与 {other} 重复',
    en: 'industry code {code} repeats {other}',
  },
  'input.duplicateComponent': {
    'zh-CN': '{name}已在 {other} 中列出：同一物质不能重复计入 Σ C/L',
    en: '{name} is already listed as {other}: a substance cannot count twice in Σ C/L',
  },
  'input.duplicateHazard': {
    'zh-CN': '{name}与 {other} 重复',
    en: '{name} repeats {other}',
  },
  'input.dustFractionRequired': {
    'zh-CN': '{name}属于表2 粉尘：必须说明是总尘（total）还是呼尘（respirable）',
    en: '{name} is a dust (Table 2): dustFraction total or respirable is required',
  },
  'input.notDust': {
    'zh-CN': '{name}属于表1 化学有害因素，不是粉尘：不能给出粉尘类别（dustFraction）',
    en: '{name} is a chemical agent (Table 1), not a dust: dustFraction does not apply',
  },
  'input.eitherOr': {
    'zh-CN': '{a} 与 {b} 只能给出其一：同时给出时无法确定以哪一个判定',
    en: '{a} and {b} are alternatives: give one, not both (which one would be judged?)',
  },
  'input.excursionAboveMax': {
    'zh-CN': '超限浓度 {value} mg/m³ 高于最高浓度 {max} mg/m³：最高浓度应为全班的最高读数',
    en: 'the excursion concentration {value} mg/m³ is above the maximum concentration {max} mg/m³, which is the highest reading of the shift',
  },
  'input.excursionBeyondShift': {
    'zh-CN': '超限结束于第 {end} min，超出班次长度 {shift} min',
    en: 'the excursion ends at minute {end}, after the shift of {shift} min',
  },
  'input.excursionsOverlap': {
    'zh-CN': '与 {other} 的时间重叠',
    en: 'overlaps {other}',
  },
  'input.hazardUnknown': {
    'zh-CN': '{id} 不是《职业病危害因素分类目录》（2015）中的编号',
    en: '{id} is not a hazard-factor id of the 2015 catalogue',
  },
  'input.industryUnknown': {
    'zh-CN': '{code} 不是 GB/T 4754—2017 的行业代码',
    en: '{code} is not a GB/T 4754—2017 industry code',
  },
  'input.longShiftNeedsSegments': {
    'zh-CN': '长时间工作折减需要分段接触数据（exposure），不能用已算出的 C_TWA；不折减时请选“none”',
    en: 'a long-shift reduction needs the exposure segments (exposure), not a precomputed C_TWA; use longShift "none"',
  },
  'input.maxBelow': {
    'zh-CN': '最高浓度 {max} mg/m³ 低于 {what} {value} mg/m³：最高读数不能低于任何平均浓度或采样浓度',
    en: 'the maximum concentration {max} mg/m³ is below {what} {value} mg/m³: the highest reading cannot be below an average or a sample',
  },
  'input.mixedLimitTypes': {
    'zh-CN': '各组分必须与同一类限值比较（第一个组分为 {first}）',
    en: 'all components must be compared with the same limit type (the first is {first})',
  },
  'input.noExposureTime': {
    'zh-CN': '各段时间之和为 0 h：没有接触时间',
    en: 'the segments cover 0 h: there is no exposure time',
  },
  'input.noSampleTime': {
    'zh-CN': '采样时间之和为 0 min',
    en: 'the samples cover 0 minutes',
  },
  'input.noSuchLimit': {
    'zh-CN': '{name}在 {cite} 中没有 {limitType}',
    en: '{name} has no {limitType} in {cite}',
  },
  'input.noiseLevelNotNoise': {
    'zh-CN': '噪声水平只适用于噪声（3-1），不适用于{name}',
    en: 'a noise level applies to noise (3-1) only, not to {name}',
  },
  'input.plaqueWithoutPlaques': {
    'zh-CN': '未见胸膜斑（pleuralPlaques 为否）时不能有胸膜斑部位或长度的所见',
    en: 'plaque findings are given while pleuralPlaques is false',
  },
  'input.segmentsExceedShift': {
    'zh-CN': '各段时间之和 {hours} h 超过班次 {shift} h',
    en: 'the segments cover {hours} h, more than the shift of {shift} h',
  },
  'input.segmentsOverDay': {
    'zh-CN': '各段时间之和 {hours} h 超过 24 h',
    en: 'the segments cover {hours} h, more than a day (24 h)',
  },
  'input.shortAxisOverLong': {
    'zh-CN': '短径 {short} mm 大于长径 {long} mm',
    en: 'the short axis {short} mm exceeds the long axis {long} mm',
  },
  'input.steOver15': {
    'zh-CN': 'C_STE 为 15 min 时间加权平均：采样时间之和 {minutes} min 超过 15 min',
    en: 'C_STE is a 15-minute TWA; the samples cover {minutes} min',
  },
  'input.weekShorterThanShift': {
    'zh-CN': '每周工作 {week} h 少于一个班次 {shift} h',
    en: 'a week of {week} h is shorter than one shift of {shift} h',
  },
  'input.yearsOverWorkingLife': {
    'zh-CN':
      '噪声作业工龄 {years} 年超过 {age} 岁所能有的工作年限（最低就业年龄 {start} 岁，《劳动法》第十五条）',
    en: '{years} years of noise work do not fit in a working life at age {age} (minimum working age {start}, Labour Law art. 15)',
  },
  'input.notFor.MAC': {
    'zh-CN': '{name}的限值为 MAC，只按最高浓度 C_M 判定：{field} 不适用',
    en: '{name} has a MAC and is judged on the maximum concentration C_M only: {field} does not apply',
  },
  'input.notFor.PC-TWA+PC-STEL': {
    'zh-CN': '{name}有 PC-STEL，短时间接触按 C_STE 判定，不适用峰值接触规则：{field} 不适用',
    en: '{name} has a PC-STEL: short-term exposure is judged by C_STE, not by the peak rule; {field} does not apply',
  },
  'input.notFor.PC-TWA': {
    'zh-CN': '{name}没有 PC-STEL，不判定 C_STE（按峰值接触规则判定）：{field} 不适用',
    en: '{name} has no PC-STEL: C_STE is not judged (the peak rule applies); {field} does not apply',
  },
  'basis.concentration': {
    'zh-CN': '合理性上限：1 kg/m³，约为空气本身的密度；GBZ 2.1—2019 最高的限值为二氧化碳 PC-STEL 18000 mg/m³',
    en: 'plausibility bound: 1 kg/m³, about the density of air itself; the highest GBZ 2.1—2019 limit is carbon dioxide PC-STEL 18000 mg/m³',
  },
  'basis.day': {
    'zh-CN': '一天 24 h',
    en: 'a day has 24 h',
  },
  'basis.dayMinutes': {
    'zh-CN': '一天 1440 min',
    en: 'a day has 1440 min',
  },
  'basis.ste15': {
    'zh-CN': 'C_STE 为 15 min 时间加权平均（GBZ 2.1—2019 中 PC-STEL 的定义）',
    en: 'C_STE is a 15-minute time-weighted average (GBZ 2.1—2019, definition of PC-STEL)',
  },
  'basis.rfDay': {
    'zh-CN': '折减因子公式中 24 − h 须大于 0',
    en: 'the reduction factor needs 24 − h > 0',
  },
  'basis.rfWeek': {
    'zh-CN': '折减因子公式中 168 − h 须大于 0',
    en: 'the reduction factor needs 168 − h > 0',
  },
  'basis.soundLevel': {
    'zh-CN':
      '合理性范围：A 计权等效声级不低于 0 dB(A)（基准声压 20 μPa），不高于 GBZ 2.2—2007 最高的脉冲噪声峰值限值 140 dB',
    en: 'plausibility range: an A-weighted equivalent level is not below 0 dB(A) (reference pressure 20 μPa) nor above 140 dB, the highest impulse-noise peak limit of GBZ 2.2—2007',
  },
  'basis.peakLevel': {
    'zh-CN': '物理上限：常压空气中不失真声波的最大声压级约为 194 dB',
    en: 'physical bound: about 194 dB is the largest undistorted sound pressure level in air at atmospheric pressure',
  },
  'basis.impulses': {
    'zh-CN': 'GBZ 2.2—2007 的脉冲噪声定义要求两次脉冲间隔大于 1 s，一天最多 86400 次',
    en: 'GBZ 2.2—2007 defines impulse noise with more than 1 s between impulses: at most 86400 a day',
  },
  'basis.audiometer': {
    'zh-CN': '纯音听力计气导听力级范围 −10～120 dB HL（GB/T 7341.1）',
    en: 'the air-conduction hearing-level range of a pure-tone audiometer, −10 to 120 dB HL (GB/T 7341.1)',
  },
  'basis.audiometerCorrected': {
    'zh-CN': '听力计范围减去 GB/T 7582—2004 的最大年龄校正值 49 dB',
    en: 'the audiometer range less the largest GB/T 7582—2004 age correction, 49 dB',
  },
  'basis.age': {
    'zh-CN': '最低就业年龄 16 岁（《劳动法》第十五条）至 100 岁',
    en: 'from the minimum working age of 16 (Labour Law art. 15) to 100',
  },
  'basis.exposureYears': {
    'zh-CN': '不超过一个人的工作年限（100 − 16 年）',
    en: 'at most a working life (100 − 16 years)',
  },
  'basis.opacityLong': {
    'zh-CN': '大阴影指长径大于 10 mm 的阴影（GBZ 70）；上限为 35 cm × 43 cm 胸片的长边',
    en: 'a large opacity is longer than 10 mm (GBZ 70); at most the long side of a 35 cm × 43 cm chest film',
  },
  'basis.opacityShort': {
    'zh-CN': '上限为 35 cm × 43 cm 胸片的长边，且不大于长径',
    en: 'at most the long side of a 35 cm × 43 cm chest film, and not above the long axis',
  },
} as const satisfies Record<string, { 'zh-CN': string; en: string }>;
