/**
 * The verdict as one sentence in the page's language, the way a QC officer writes it in a report: the
 * outcome, the standard with its clause or table row, the limit, and the figures it rests on. The working
 * (the engine's reasons) follows it on the page. Built from the result's structured fields, never from the
 * engine's English clause notes.
 */
import { designation, fmt, isMsg, renderMsg, type Lang } from '@ohp/standards';
import type { TFunction } from 'i18next';
import type { CalcResult } from './api';

const rec = (x: unknown): Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const str = (x: unknown): string => (typeof x === 'string' ? x : '');

/** The text of a reason (a message, or a server reason with its text). */
const textOf = (r: unknown, lang: Lang): string =>
  isMsg(r) ? renderMsg(r, lang) : typeof rec(r).text === 'string' ? str(rec(r).text) : '';

const reasonsOf = (r: CalcResult, lang: Lang): string[] =>
  (Array.isArray(r.reasons) ? r.reasons : []).map((x) => textOf(x, lang)).filter(Boolean);

/** The catalogue edition as cited: 职业病分类和目录（2024）… → 《职业病分类和目录》（2024）…. */
const catalogueName = (edition: unknown) =>
  str(edition).replace(/^职业病分类和目录/u, '《职业病分类和目录》');

/** Strips a trailing full stop, so a reason can sit inside a sentence. */
const bare = (s: string) => s.replace(/[。.]\s*$/u, '');

/** One check of an air judgement without the substance and row (they are said once, up front). */
const checkText = (check: Record<string, unknown>, lang: Lang, t: TFunction): string => {
  const reason = check.reason;
  if (!isMsg(reason)) return '';
  if (reason.code === 'air.check') return renderMsg({ code: 'air.checkBare', params: reason.params }, lang);
  const inner = reason.params?.check;
  if ((reason.code === 'air.pe.noExcursion' || reason.code === 'air.pe.noLog') && isMsg(inner)) {
    const base =
      inner.code === 'air.check' ? renderMsg({ code: 'air.checkBare', params: inner.params }, lang) : '';
    return reason.code === 'air.pe.noLog' ? `${base}${t('standards.sentence.noLog')}` : base;
  }
  return renderMsg(reason, lang);
};

const limitsText = (limit: Record<string, unknown>, lang: Lang, t: TFunction): string => {
  const parts: string[] = [];
  const mg = (n: number) => `${fmt(n, 'concentration')} mg/m³`;
  const mac = num(limit.mac);
  const twa = num(limit.pcTwa);
  const stel = num(limit.pcStel);
  const rf = num(limit.reductionFactor);
  const applied = num(limit.pcTwaApplied);
  if (mac !== null) parts.push(`MAC ${mg(mac)}`);
  if (twa !== null) {
    parts.push(
      rf !== null && rf < 1 && applied !== null
        ? `PC-TWA ${mg(twa)} × RF ${fmt(rf, 'ratio')} = ${mg(applied)}`
        : `PC-TWA ${mg(twa)}`,
    );
  }
  if (stel !== null) parts.push(`PC-STEL ${mg(stel)}`);
  return parts.join(t('standards.sentence.and'));
};

const airJudgement = (r: CalcResult, lang: Lang, t: TFunction): string | null => {
  const limit = rec(r.limitApplied);
  if (!r.limitApplied) return null;
  const en = lang === 'en';
  const baseName = en && str(limit.nameEn) ? str(limit.nameEn) : str(limit.nameZh);
  const fraction = str(limit.dustFraction);
  const name = fraction
    ? t('standards.sentence.dustName', { name: baseName, fraction: t(`standards.form.${fraction}`) })
    : baseName;
  const cite = isMsg(limit.citation) ? renderMsg(limit.citation, lang) : str(limit.rowId);
  const checks = (Array.isArray(r.checks) ? r.checks : []).map(rec);
  const sep = t('standards.sentence.sep');
  const args = { name, cite, limits: limitsText(limit, lang, t) };
  if (r.verdict === 'compliant' || r.verdict === 'exceeds') {
    const shown = checks.filter((c) => (r.verdict === 'exceeds' ? c.pass === false : c.pass === true));
    return t(`standards.sentence.air.${r.verdict}`, {
      ...args,
      checks: shown
        .map((c) => checkText(c, lang, t))
        .filter(Boolean)
        .join(sep),
    });
  }
  if (r.verdict === 'incomplete')
    return t('standards.sentence.air.incomplete', {
      ...args,
      missing: checks
        .filter((c) => c.pass === null)
        .map((c) => (isMsg(c.reason) ? renderMsg(c.reason, lang) : ''))
        .filter(Boolean)
        .join(sep),
    });
  return null;
};

/** The sentence for a result, or null when the calculator has no template for this verdict. */
export const verdictSentence = (
  calcId: string,
  r: CalcResult,
  input: unknown,
  lang: Lang,
  t: TFunction,
): string => {
  const reasons = reasonsOf(r, lang);
  const first = bare(reasons[0] ?? '');
  const last = bare(reasons[reasons.length - 1] ?? '');
  const std = typeof r.edition === 'string' ? designation(r.edition) : '';
  const verdict = t(`standards.verdicts.${r.verdict}`, { defaultValue: r.verdict });
  const generic = () =>
    std
      ? t('standards.sentence.generic', { verdict, std, reason: first })
      : t('standards.sentence.genericBare', { verdict, reason: first });
  if (r.verdict === 'error') return t('standards.sentence.error', { reason: first });
  if (r.verdict === 'limit_not_loaded') return t('standards.sentence.notLoaded', { reason: first });
  const S = (key: string, o: Record<string, unknown> = {}) => t(`standards.sentence.${key}`, { std, ...o });
  const i = rec(input);
  const sound = (x: unknown) => (num(x) === null ? '' : fmt(num(x)!, 'soundLevel'));
  const mgText = (x: unknown) => (num(x) === null ? '' : fmt(num(x)!, 'concentration'));
  switch (calcId) {
    case 'air-twa': {
      if (r.verdict !== 'computed') break;
      const shift = num(r.shiftHours);
      return S('twa', {
        value: mgText(r.cTwa8h),
        shift:
          shift !== null && shift > 8
            ? S('twaShift', { hours: fmt(shift, 'duration'), avg: mgText(r.cTwaShift) })
            : '',
      });
    }
    case 'air-ste':
      if (r.verdict === 'computed') return S('ste', { value: mgText(r.cSte) });
      break;
    case 'air-judgement':
      return airJudgement(r, lang, t) ?? generic();
    case 'air-mixture': {
      if (r.verdict !== 'compliant' && r.verdict !== 'exceeds') break;
      const terms = (Array.isArray(r.terms) ? r.terms : []).map(rec);
      const sum = num(r.sum);
      return S(`mixture.${r.verdict}`, {
        sum: sum === null ? '' : fmt(sum, 'ratio'),
        rows: terms
          .map((x) => `${str(x.nameZh)}：${isMsg(x.citation) ? renderMsg(x.citation, lang) : str(x.rowId)}`)
          .join(t('standards.sentence.sep')),
      });
    }
    case 'air-long-shift-rf': {
      const rf = num(r.rf);
      if (r.verdict !== 'computed' || rf === null) break;
      return S(`rf.${r.form === 'weekly' ? 'weekly' : 'daily'}`, {
        hours: fmt(num(r.hours) ?? 0, 'duration'),
        rf: fmt(rf, 'ratio'),
      });
    }
    case 'noise-lex8h':
      if (r.verdict === 'computed') return S('lex8h', { value: sound(r.value) });
      break;
    case 'noise-lexw':
      if (r.verdict === 'computed') return S('lexw', { value: sound(r.value) });
      break;
    case 'noise-judgement':
      if (r.verdict === 'compliant' || r.verdict === 'exceeds')
        return S(`noise.${r.verdict}`, {
          q: str(r.quantity),
          value: sound(r.value),
          work: r.noiseWork === true ? S('noise.work') : '',
        });
      break;
    case 'noise-impulse': {
      const n = num(i.impulsesPerShift);
      const limit = num(r.limitDb);
      if (r.verdict === 'limit_only' && limit !== null)
        return S('impulse.limitOnly', { n, band: str(r.band), limit });
      if ((r.verdict === 'compliant' || r.verdict === 'exceeds') && limit !== null)
        return S(`impulse.${r.verdict}`, { n, band: str(r.band), limit, peak: sound(i.peakDb) });
      break;
    }
    case 'noise-equivalent-limit': {
      const limit = num(r.limit);
      if (r.verdict === 'computed' && limit !== null)
        return S('equivalent', { hours: fmt(num(r.hours) ?? 0, 'duration'), limit: Math.round(limit) });
      break;
    }
    case 'noise-grade': {
      const g = rec(r.grade);
      if (r.verdict === 'graded')
        return S('grade.graded', {
          level: sound(r.level),
          grade: str(g.grade),
          name: t(`standards.noiseGrades.${str(g.grade)}`, { defaultValue: str(g.nameZh) }),
        });
      if (r.verdict === 'below_grading') return S('grade.below', { level: sound(r.level) });
      break;
    }
    case 'hearing-gbz49':
      if (r.verdict === 'meets_criteria')
        return S('hearing.meets', {
          better: fmt(num(r.betterEarWeighted) ?? 0, 'hearingThreshold'),
          hf: fmt(num(r.binauralHighFrequencyAverage) ?? 0, 'hearingThreshold'),
          grade: t(`standards.hearingGrades.${str(r.grade)}`, { defaultValue: str(r.grade) }),
        });
      if (r.verdict === 'does_not_meet') return S('hearing.notMet', { why: last });
      break;
    case 'surveillance-cycle': {
      if (r.verdict !== 'due' && r.verdict !== 'partial') break;
      const hazards = (Array.isArray(r.hazards) ? r.hazards : []).map(rec);
      const governing = hazards.find((h) => h.hazardId === r.governingHazardId);
      if (!governing || num(r.cycleMonths) === null) break;
      return S(`surveillance.${r.verdict}`, {
        section: str(governing.section),
        months: num(r.cycleMonths),
        hazard: str(governing.hazardName),
        next: str(r.nextDueDate),
      });
    }
    case 'workplace-testing-interval': {
      if (r.verdict !== 'severe' && r.verdict !== 'general') break;
      const rc = rec(r.riskClassification);
      const names = (Array.isArray(rc.matches) ? rc.matches : []).map((m) => str(rec(m).name));
      const evalMonths = num(r.statusEvaluationIntervalMonths);
      return S(`testing.${r.verdict}`, {
        industries: [...new Set(names)].join(t('standards.sentence.enum')),
        test: num(r.testingIntervalMonths),
        eval: evalMonths === null ? '' : S('testing.eval', { months: evalMonths }),
        next: str(r.nextTestDue) ? S('testing.next', { date: str(r.nextTestDue) }) : '',
      });
    }
    case 'pneumoconiosis-stage':
      if (r.verdict === 'staged')
        return S('staging.staged', {
          stage: t(`standards.stages.${str(r.stage)}`, { defaultValue: str(r.stage) }),
          criterion: isMsg(r.criterionMessage) ? renderMsg(r.criterionMessage, lang) : '',
        });
      if (r.verdict === 'no_pneumoconiosis_by_imaging') return S('staging.none');
      break;
    case 'hazard-diseases': {
      if (r.verdict !== 'mapped') break;
      const diseases = (Array.isArray(r.diseases) ? r.diseases : []).map((d) => str(rec(d).name));
      return t('standards.sentence.hazardDiseases', {
        catalogue: catalogueName(r.edition),
        hazard: str(rec(r.hazard).name),
        diseases: diseases.join(t('standards.sentence.enum')),
      });
    }
    case 'hazard-can-cause':
      if (r.verdict === 'yes')
        return t('standards.sentence.canCause', {
          catalogue: catalogueName(r.edition),
          disease: str(r.diseaseName),
        });
      break;
    default:
      break;
  }
  return generic();
};
