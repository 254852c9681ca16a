/**
 * A corpus of malformed exam cards (issue 15 item 10): every card is the valid example card
 * (examCardExample) with exactly one defect, drawn from a list of defect kinds × variations — the traps
 * institutions' files really hold (check digits, IDs that lost their last digits in Excel, Excel serial
 * dates, full-width digits, unknown codes, codes of another table, impossible dates, broken chronology,
 * missing or mistyped fields, …). Each card says which field the door must name and why
 * (`expect`), so a test can name the defect kind that got through.
 *
 * The check characters (GB 11643 ID number, GB 32100 credit code) are computed here on their own, not
 * with @ohp/standards, so the corpus does not lean on the code it tests.
 */
import { examCardExample, type ExamCardInput } from '@ohp/contracts';

// ---------------------------------------------------------------------------------------------------
// Check characters (independent implementations)
// ---------------------------------------------------------------------------------------------------

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** GB 11643 ISO 7064 MOD 11-2 check character of 17 digits. */
export const idCheckChar = (first17: string): string =>
  '10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * ID_WEIGHTS[i]!, 0) % 11]!;

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 32100 check character of 17 characters. */
export const creditCheckChar = (first17: string): string =>
  CREDIT_CHARS[
    (31 - ([...first17].reduce((s, c, i) => s + CREDIT_CHARS.indexOf(c) * CREDIT_WEIGHTS[i]!, 0) % 31)) % 31
  ]!;

/** A valid resident ID number: region, birth date (YYYY-MM-DD), 3-digit sequence (odd = male). */
export const residentId = (region: string, birth: string, seq: number): string => {
  const first17 = `${region}${birth.replace(/-/g, '')}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
};

/** A valid unified social credit code of a company (91) in `region`, with a 9-character body. */
export const creditCode = (region: string, body: string): string => {
  const first17 = `91${region}${body}`;
  return first17 + creditCheckChar(first17);
};

/** Full-width digits (０–９) for the ASCII ones. */
export const fullWidth = (s: string): string =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

const addDays = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------------
// Cards
// ---------------------------------------------------------------------------------------------------

type Bag = Record<string, unknown>;
const keys = (path: string) => path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));

/** Sets (or, with `undefined`, deletes) the value at a dotted path (`conclusions.0.harmYears`). */
export const setPath = (target: unknown, path: string, value: unknown): void => {
  const ks = keys(path);
  let cur = target as Bag;
  for (const k of ks.slice(0, -1)) cur = cur[k as string] as Bag;
  const last = ks.at(-1) as string;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
};

/** The example card under another record ID, its worker the holder of `idNumber` when given. */
export const baseCard = (recordId: string, worker?: { idNumber: string }): ExamCardInput => {
  const c = structuredClone(examCardExample);
  c.recordId = recordId;
  if (worker) {
    const id = worker.idNumber;
    c.worker.idNumber = id;
    c.worker.birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    c.worker.genderCode = Number(id[16]) % 2 === 1 ? '1' : '2';
  }
  return c;
};

/** A good card, different from every other one: its own worker and record ID. */
export const goodCard = (recordId: string, n: number): ExamCardInput =>
  baseCard(recordId, { idNumber: residentId('220102', addDays('1970-01-01', (n * 131) % 10_000), n) });

export type MalformedCard = {
  /** The defect kind (what a failure names). */
  kind: string;
  /** The card as posted (not always an object: some defects are the card's type). */
  card: unknown;
  /** The field the refusal must name and its reason (the report's `column` and `reason`). */
  expect: { column: string; reason: string };
};

const REGIONS = ['220102', '220104', '220106', '110105', '310115', '440305', '510107', '650102'];

/**
 * The corpus: 500+ distinct cards, each the example card with one defect. `today` (YYYY-MM-DD, UTC,
 * as the server checks) places the future dates.
 */
export const malformedCards = (today: string): MalformedCard[] => {
  const out: MalformedCard[] = [];
  const counter = new Map<string, number>();
  const id = (kind: string) => {
    const n = (counter.get(kind) ?? 0) + 1;
    counter.set(kind, n);
    return `MAL-${kind}-${n}`;
  };
  /** A card of `kind`: the example (or a worker's card) changed by `patch`. */
  const add = (
    kind: string,
    expect: [column: string, reason: string],
    patch: (c: ExamCardInput & Bag) => void,
    worker?: { idNumber: string },
  ) => {
    const c = baseCard(id(kind), worker) as ExamCardInput & Bag;
    patch(c);
    out.push({ kind, card: c, expect: { column: expect[0], reason: expect[1] } });
  };
  const set = (path: string, value: unknown) => (c: unknown) => setPath(c, path, value);

  // Valid ID numbers of many workers: several regions, birth dates 1960–1999, odd and even sequences.
  const ids = Array.from({ length: 120 }, (_, i) =>
    residentId(REGIONS[i % REGIONS.length]!, addDays('1960-01-07', i * 113), (i * 37 + 11) % 1000),
  );

  // ---------- ID numbers ----------
  ids.slice(0, 60).forEach((good, i) => {
    const chars = '0123456789X';
    const wrong = chars[(chars.indexOf(good[17]!) + 1 + (i % 10)) % 11]!;
    add('id-check-digit', ['worker.idNumber', 'id_number_invalid'], () => undefined, {
      idNumber: good.slice(0, 17) + wrong,
    });
  });
  // Excel keeps 15 significant digits: an 18-digit ID typed as a number ends in 000.
  let lost = 0;
  for (const good of ids) {
    if (lost === 40) break;
    const zeroed = `${good.slice(0, 15)}000`;
    if (idCheckChar(zeroed.slice(0, 17)) === '0') continue; // (zeroing happened to leave it valid)
    lost++;
    add(
      'id-precision-lost',
      ['worker.idNumber', 'id_number_invalid'],
      (c) => {
        c.worker.idNumber = zeroed;
      },
      { idNumber: good },
    );
  }
  // Excel's display of a long number, typed back as text.
  for (const [i, shown] of [
    '2.20102E+17',
    '2.20104E+17',
    '1.10105E+17',
    '3.10115E+17',
    '4.40305E+17',
  ].entries())
    add(
      'id-scientific-notation',
      ['worker.idNumber', 'id_number_invalid'],
      (c) => {
        c.worker.idNumber = shown;
      },
      { idNumber: ids[i]! },
    );
  // The number itself (JSON number: the last digits are already gone).
  ids.slice(60, 70).forEach((good) =>
    add(
      'id-as-number',
      ['worker.idNumber', 'type'],
      (c) => {
        (c.worker as Bag).idNumber = Number(good.replace('X', '0'));
      },
      { idNumber: good },
    ),
  );
  ids.slice(70, 100).forEach((good, i) =>
    add(
      'id-birth-mismatch',
      ['worker.birthDate', 'id_birth_mismatch'],
      (c) => {
        c.worker.birthDate = addDays(c.worker.birthDate, i % 2 ? 1 + i : -(1 + i * 30));
      },
      { idNumber: good },
    ),
  );
  ids.slice(100, 120).forEach((good) =>
    add(
      'id-sex-mismatch',
      ['worker.genderCode', 'id_sex_mismatch'],
      (c) => {
        c.worker.genderCode = c.worker.genderCode === '1' ? '2' : '1';
      },
      { idNumber: good },
    ),
  );

  // ---------- credit codes ----------
  for (let i = 0; i < 30; i++) {
    const who = i % 2 ? 'employingUnit' : 'employer';
    const good = creditCode(REGIONS[i % REGIONS.length]!, `MA${String(1000000 + i * 7919).slice(-7)}`);
    const wrong = CREDIT_CHARS[(CREDIT_CHARS.indexOf(good[17]!) + 1 + i) % 31]!;
    add('credit-code-check', [`${who}.creditCode`, 'credit_code_invalid'], (c) => {
      c[who].creditCode = good.slice(0, 17) + wrong;
    });
  }
  // Letters GB 32100 leaves out (I O S V Z), and lower case.
  for (const [i, bad] of ['I', 'O', 'S', 'V', 'Z', 'a'].entries())
    add('credit-code-charset', ['employer.creditCode', 'pattern'], (c) => {
      c.employer.creditCode = `${c.employer.creditCode.slice(0, 10 + i)}${bad}${c.employer.creditCode.slice(11 + i)}`;
    });

  // ---------- dates ----------
  const dateFields = [
    'examDate',
    'worker.birthDate',
    'writer.date',
    'reporter.date',
    'conclusions.0.harmStartDate',
  ];
  const serials = ['46183', '46190', '31121', '45000', '40999', '46000'];
  for (const field of dateFields)
    for (const serial of serials) add('excel-serial-date', [field, 'date_format'], set(field, serial));
  for (const [i, field] of dateFields.entries()) {
    add('excel-serial-date-number', [field, 'type'], set(field, 46183 - i));
    add('excel-serial-date-number', [field, 'type'], set(field, 46183.5 + i));
  }
  const impossible = [
    '2026-02-30',
    '2025-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-06-00',
    '2026-06-32',
    '2026/06/10',
    '20260610',
    '2026-6-10',
    '10/06/2026',
    '2026-06-10T00:00:00Z',
  ];
  for (const field of ['examDate', 'writer.date', 'reporter.date'])
    for (const d of impossible) add('impossible-date', [field, 'date_format'], set(field, d));
  for (const d of ['1985-02-29', '1985-02-30', '1985-03-32', '1985-15-03'])
    add('impossible-date', ['worker.birthDate', 'date_format'], set('worker.birthDate', d));

  for (let i = 1; i <= 8; i++)
    add('exam-date-future', ['examDate', 'date_in_future'], (c) => {
      c.examDate = addDays(today, i * 3);
      c.writer.date = addDays(today, i * 3 + 5);
      c.reporter.date = addDays(today, i * 3 + 6);
    });
  for (let i = 1; i <= 5; i++) {
    add('report-date-future', ['writer.date', 'date_in_future'], set('writer.date', addDays(today, i)));
    add(
      'report-date-future',
      ['reporter.date', 'date_in_future'],
      set('reporter.date', addDays(today, i * 7)),
    );
  }
  for (let i = 1; i <= 3; i++) {
    const born = addDays(today, i * 11);
    add('birth-date-future', ['worker.birthDate', 'date_in_future'], () => undefined, {
      idNumber: residentId('220102', born, 101 + i * 2),
    });
  }
  for (let i = 1; i <= 5; i++) {
    add(
      'report-before-exam',
      ['writer.date', 'report_before_exam'],
      set('writer.date', addDays('2026-06-10', -i)),
    );
    add(
      'report-before-exam',
      ['reporter.date', 'report_before_exam'],
      set('reporter.date', addDays('2026-06-10', -i * 9)),
    );
  }
  // (Conclusion 01: a suspected disease before 2013-12-23 has no catalogue to check it against —
  // exam-reports.reliability.test.ts tests that case on its own.)
  for (const d of ['1984-12-31', '1970-06-01', '1985-03-14'])
    add('exam-before-birth', ['examDate', 'before_birth'], (c) => {
      c.examDate = d;
      c.conclusions[0] = { ...c.conclusions[0]!, conclusionCode: '01', suspectedDiseaseCode: null };
    });
  for (const d of ['2026-06-11', '2026-07-01', '2026-06-17'])
    add(
      'exposure-after-exam',
      ['conclusions.0.harmStartDate', 'after_exam'],
      set('conclusions.0.harmStartDate', d),
    );
  for (const d of ['1985-03-14', '1980-01-01', '1900-01-01'])
    add(
      'exposure-before-birth',
      ['conclusions.1.harmStartDate', 'before_birth'],
      set('conclusions.1.harmStartDate', d),
    );

  // ---------- full-width digits (a Chinese input method's digits) ----------
  const codeFields = [
    'examTypeCode',
    'monitoringTypeCode',
    'workTypeCode',
    'contactFactorCodes.0',
    'conclusions.0.factorCodes.0',
    'conclusions.0.conclusionCode',
    'conclusions.0.suspectedDiseaseCode',
    'items.0.code',
    'items.0.resultType',
    'items.0.abnormal',
    'employer.creditCode',
    'employer.industryCode',
    'employer.regionCode',
    'employer.zipCode',
    'employer.scaleCode',
    'employer.economicTypeCode',
    'employingUnit.creditCode',
    'employingUnit.industryCode',
    'employingUnit.regionCode',
    'employingUnit.scaleCode',
    'worker.idTypeCode',
    'worker.genderCode',
  ];
  const read = (c: unknown, path: string) =>
    keys(path).reduce<unknown>((v, k) => (v as Bag)[k as string], c) as string;
  for (const field of codeFields) {
    add('full-width-digits', [field, 'pattern'], (c) => setPath(c, field, fullWidth(read(c, field))));
    // Only the first digit full-width: the one that slips through a glance (codes of several digits).
    if (read(examCardExample, field).replace(/\D/g, '').length > 1)
      add('full-width-digit-one', [field, 'pattern'], (c) => {
        const v = read(c, field);
        const at = v.search(/\d/);
        setPath(c, field, v.slice(0, at) + fullWidth(v[at]!) + v.slice(at + 1));
      });
  }
  for (const field of ['examDate', 'worker.birthDate', 'writer.date', 'reporter.date'])
    add('full-width-digits', [field, 'date_format'], (c) => setPath(c, field, fullWidth(read(c, field))));
  add('full-width-digits', ['items.1.result', 'number_invalid'], set('items.1.result', '７８'));

  // ---------- unknown codes, and codes of another table ----------
  for (const code of [
    '2005',
    '2023',
    '1058',
    '1100',
    '3013',
    '3016',
    '4010',
    '5010',
    '6010',
    '7001',
    '8888',
    '0000',
    '9999',
    '2536',
    '1098',
  ])
    add('unknown-hazard-code', ['contactFactorCodes.1', 'code_unknown'], set('contactFactorCodes.1', code));
  for (const code of ['2005', '1058', '8888', '0001', '3014'])
    add(
      'unknown-hazard-code',
      ['conclusions.1.factorCodes.0', 'code_unknown'],
      set('conclusions.1.factorCodes.0', code),
    );
  for (const code of [
    '00-12',
    '98-0001',
    '99-0000',
    '46-999',
    '00-99',
    '47-001',
    '01-0000',
    '99-9998',
    '12-3456',
    '00-1000',
  ])
    add('unknown-work-type', ['workTypeCode', 'code_unknown'], set('workTypeCode', code));
  for (const code of [
    '9999999',
    '0000000',
    '3080299',
    '1000001',
    '5555555',
    '3089999',
    '8000000',
    '3020199',
    '9010000',
    '1234567',
  ])
    add('unknown-item-code', ['items.1.code', 'code_unknown'], set('items.1.code', code));
  for (const code of ['9999', '1199', '1114', '10004', '12345', '99', '7012', '1207', '5061', '4005'])
    add(
      'unknown-disease-code',
      ['conclusions.0.suspectedDiseaseCode', 'code_unknown'],
      set('conclusions.0.suspectedDiseaseCode', code),
    );
  // A category of the disease table, not a disease; a hazard code where a disease belongs.
  for (const code of ['0', '1', '11', '12', '5', '1038', '3008', '2013', '1001', '2010'])
    add(
      'code-of-other-table',
      ['conclusions.0.suspectedDiseaseCode', 'code_unknown'],
      set('conclusions.0.suspectedDiseaseCode', code),
    );
  // Disease codes where a hazard factor belongs.
  for (const code of ['1101', '1201', '1113'])
    add('code-of-other-table', ['contactFactorCodes.0', 'code_unknown'], set('contactFactorCodes.0', code));
  // 2 is a chest-film result, not an abnormal flag (0 1 3) of an ordinary item.
  add('code-of-other-table', ['items.1.abnormal', 'code_unknown'], set('items.1.abnormal', '2'));
  // Enterprise-size 99 is not an ID document type; ID type 88 is not an enterprise size.
  for (const code of ['99', '09', '10'])
    add('code-of-other-table', ['worker.idTypeCode', 'code_unknown'], set('worker.idTypeCode', code));
  for (const code of ['88', '05', '00'])
    add('code-of-other-table', ['employer.scaleCode', 'code_unknown'], set('employer.scaleCode', code));
  for (const code of ['9999', '9998', '0999'])
    add(
      'unknown-industry',
      ['employer.industryCode', 'industry_unknown'],
      set('employer.industryCode', code),
    );
  for (const code of ['999999', '000000', '229999'])
    add(
      'unknown-region',
      ['employingUnit.regionCode', 'region_unknown'],
      set('employingUnit.regionCode', code),
    );

  // ---------- conclusions ----------
  add(
    'suspected-without-disease',
    ['conclusions.0.suspectedDiseaseCode', 'suspected_disease_required'],
    set('conclusions.0.suspectedDiseaseCode', null),
  );
  add(
    'suspected-without-disease',
    ['conclusions.0.suspectedDiseaseCode', 'suspected_disease_required'],
    set('conclusions.0.suspectedDiseaseCode', undefined),
  );
  add(
    'suspected-without-disease',
    ['conclusions.0.suspectedDiseaseCode', 'pattern'],
    set('conclusions.0.suspectedDiseaseCode', ''),
  );
  for (const code of ['1101', '5001', '7001'])
    add(
      'disease-without-suspicion',
      ['conclusions.1.suspectedDiseaseCode', 'not_applicable'],
      set('conclusions.1.suspectedDiseaseCode', code),
    );
  for (const name of [undefined, null, '', '   ', '\u3000'])
    add(
      'contraindication-without-name',
      ['conclusions.1.contraindication', 'contraindication_required'],
      (c) => {
        c.conclusions[1]!.conclusionCode = '04';
        setPath(c, 'conclusions.1.contraindication', name);
      },
    );
  for (const text of [undefined, null, '  '])
    add('other-disease-without-description', ['conclusions.1.otherAbnormality', 'value_required'], (c) => {
      c.conclusions[1]!.conclusionCode = '05';
      setPath(c, 'conclusions.1.otherAbnormality', text);
    });
  for (let years = 0; years < 10; years++)
    add('exposure-exceeds-service', ['conclusions.0.harmYears', 'exposure_exceeds_service'], (c) => {
      c.serviceYears = years === 9 ? 14 : years;
      c.serviceMonths = years === 9 ? 1 : 0;
    });
  for (const f of ['harmStartDate', 'harmYears', 'harmMonths'])
    for (const i of [0, 1])
      add(
        'exposure-missing',
        [`conclusions.${i}.${f}`, 'value_required'],
        set(`conclusions.${i}.${f}`, null),
      );
  add(
    'duplicate-factor',
    ['conclusions.1.factorCodes.0', 'duplicate_entry'],
    set('conclusions.1.factorCodes.0', '1038'),
  );
  add(
    'duplicate-factor',
    ['conclusions.0.factorCodes.1', 'duplicate_entry'],
    set('conclusions.0.factorCodes', ['1038', '1038']),
  );
  for (const dust of ['1001', '1099', '1050'])
    add('dusts-split', ['conclusions.1.factorCodes', 'dusts_share_conclusion'], (c) => {
      c.conclusions[1]!.factorCodes = [dust];
      if (dust === '1099') c.conclusions[1]!.factorOther = '某粉尘';
    });
  add(
    'other-factor-unnamed',
    ['contactFactorOther', 'value_required'],
    set('contactFactorCodes', ['1038', '3008', '1099']),
  );
  add(
    'other-factor-unnamed',
    ['contactFactorOther', 'value_required'],
    set('contactFactorCodes', ['1038', '3008', '2999']),
  );
  add('other-factor-unnamed', ['workTypeOther', 'value_required'], set('workTypeCode', '99-9999'));
  add('reexam-contradiction', ['reexamOf', 'not_applicable'], set('reexamOf', 'TJ2025-000001'));
  add('reexam-contradiction', ['reexamOf', 'not_applicable'], set('reexamOf', 'MAL-original'));

  // ---------- items ----------
  for (const result of ['abc', '78%', '七十八', '1,000', '--5', '', ' '])
    add(
      'numeric-result-not-a-number',
      ['items.1.result', result === '' ? 'minLength' : 'number_invalid'],
      set('items.1.result', result),
    );
  for (const f of ['unit', 'referenceMin', 'referenceMax'])
    add('numeric-result-incomplete', [`items.1.${f}`, 'value_required'], set(`items.1.${f}`, null));
  for (const min of [121, 130, 1000])
    add(
      'reference-range-inverted',
      ['items.1.referenceMax', 'range_inverted'],
      set('items.1.referenceMin', min),
    );

  // ---------- enterprises ----------
  for (const industry of ['7261', '7262', '7263', '7264', '7269'])
    add(
      'dispatch-same-unit',
      ['employingUnit.name', 'dispatch_same_unit'],
      set('employer.industryCode', industry),
    );
  for (const industry of ['7263', '7269'])
    add('dispatch-same-unit', ['employingUnit.name', 'dispatch_same_unit'], (c) => {
      c.employer.industryCode = industry;
      c.employingUnit.name = '长春示例矿业有限公司（派遣）';
    });
  for (const who of ['employer', 'employingUnit'] as const)
    for (const f of ['economicTypeCode', 'scaleCode'])
      add('enterprise-class-missing', [`${who}.${f}`, 'value_required'], set(`${who}.${f}`, null));

  // ---------- missing, empty, mistyped, too long, unknown fields ----------
  const required = [
    'recordId',
    'employer',
    'employingUnit',
    'worker',
    'monitoringTypeCode',
    'examTypeCode',
    'examDate',
    'contactFactorCodes',
    'workTypeCode',
    'conclusions',
    'items',
    'writer',
    'reporter',
    ...['name', 'creditCode', 'industryCode', 'regionCode', 'address', 'contact', 'phone'].map(
      (f) => `employer.${f}`,
    ),
    ...['name', 'creditCode', 'industryCode', 'regionCode'].map((f) => `employingUnit.${f}`),
    ...['name', 'idTypeCode', 'idNumber', 'genderCode', 'birthDate', 'phone'].map((f) => `worker.${f}`),
    'conclusions.0.factorCodes',
    'conclusions.1.conclusionCode',
    ...['parentName', 'name', 'code', 'resultType', 'result', 'abnormal'].map((f) => `items.0.${f}`),
    ...['name', 'phone', 'date'].map((f) => `writer.${f}`),
    ...['name', 'phone', 'date', 'unit'].map((f) => `reporter.${f}`),
  ];
  for (const path of required) add('required-missing', [path, 'required'], set(path, undefined));
  for (const path of ['contactFactorCodes', 'conclusions', 'items', 'conclusions.0.factorCodes'])
    add('required-empty-list', [path, 'minItems'], set(path, []));
  for (const path of [
    'worker.name',
    'worker.phone',
    'employer.name',
    'employer.address',
    'employingUnit.name',
    'items.0.name',
    'writer.name',
    'reporter.unit',
  ])
    add('required-empty-text', [path, 'minLength'], set(path, ''));

  const wrongTypes: Array<[string, unknown, string]> = [
    ['examTypeCode', 2, 'type'],
    ['monitoringTypeCode', 1, 'type'],
    ['worker.idTypeCode', 1, 'type'],
    ['worker.genderCode', 1, 'type'],
    ['worker.phone', 13800001234, 'type'],
    ['employer.zipCode', 130022, 'type'],
    ['employer.industryCode', 1019, 'type'],
    ['employer.regionCode', 220102, 'type'],
    ['employer.economicTypeCode', 159, 'type'],
    ['isReexam', 'false', 'type'],
    ['isReexam', 0, 'type'],
    ['conclusions.0.harmYears', '14', 'type'],
    ['conclusions.0.harmYears', 14.5, 'type'],
    ['serviceYears', 16.5, 'type'],
    ['serviceMonths', 12, 'maximum'],
    ['conclusions.1.harmMonths', 12, 'maximum'],
    ['conclusions.1.harmYears', -1, 'minimum'],
    ['serviceYears', 71, 'maximum'],
    ['items.1.referenceMin', '80', 'type'],
    ['items.1.referenceMax', 1e308, 'maximum'],
    ['contactFactorCodes', '1038,3008', 'type'],
    ['conclusions', {}, 'type'],
    ['items', 'x', 'type'],
    ['employer', '长春示例矿业有限公司', 'type'],
    ['worker', [], 'type'],
    ['writer', null, 'type'],
    ['examDate', true, 'type'],
    ['recordId', 123, 'type'],
    ['recordId', null, 'type'],
    ['items.1.result', 78, 'type'],
    ['conclusions.0.factorCodes', '1038', 'type'],
    ['remark', 12, 'type'],
  ];
  for (const [path, value, reason] of wrongTypes) add('wrong-type', [path, reason], set(path, value));

  const tooLong: Array<[string, number]> = [
    ['worker.name', 51],
    ['worker.phone', 21],
    ['worker.idNumber', 19],
    ['employer.name', 71],
    ['employer.address', 71],
    ['employer.contact', 51],
    ['employer.phone', 21],
    ['employingUnit.name', 71],
    ['remark', 501],
    ['items.0.result', 501],
    ['items.0.name', 51],
    ['items.0.parentName', 51],
    ['recordId', 65],
    ['examNo', 65],
    ['writer.name', 51],
    ['reporter.unit', 71],
    ['chiefPhysician', 51],
    ['contactFactorOther', 21],
  ];
  for (const [path, n] of tooLong)
    add(
      'too-long',
      [path, 'maxLength'],
      set(path, path === 'worker.idNumber' || path === 'recordId' ? '2'.repeat(n) : '长'.repeat(n)),
    );
  add('too-many', ['contactFactorCodes', 'maxItems'], set('contactFactorCodes', Array(31).fill('1038')));
  add(
    'too-many',
    ['conclusions', 'maxItems'],
    (c) => (c.conclusions = Array.from({ length: 31 }, () => c.conclusions[1]!)),
  );
  add('too-many', ['items', 'maxItems'], (c) => (c.items = Array.from({ length: 501 }, () => c.items[1]!)));

  for (const [i, bad] of ['A B', ' MAL', 'MAL\t1', 'MAL\n1', '\u3000MAL', '\uFEFFMAL', 'MAL\u00a0'].entries())
    add('record-id-white-space', ['recordId', 'pattern'], set('recordId', `${bad}${i}`));

  const extras: Array<[string, unknown]> = [
    ['auditStatus', '07'],
    ['institutionId', 1],
    ['id', 1],
    ['version', 9],
    ['source', 'demo'],
    ['employer.foo', 'x'],
    ['employingUnit.address', '长春市'],
    ['worker.idNumberMasked', '2201**********1237'],
    ['conclusions.0.note', '备注'],
    ['items.0.extra', 1],
    ['writer.email', 'a@b.cn'],
    ['reporter.date2', '2026-06-18'],
  ];
  for (const [path, value] of extras)
    add('unknown-property', [path, 'additionalProperties'], set(path, value));

  // Not a card at all (the row still gets its reason).
  for (const card of [null, 42, 'card', [], true])
    out.push({ kind: 'not-an-object', card, expect: { column: 'card', reason: 'type' } });

  return out;
};

/**
 * GBK (GB18030 two-byte) bytes of `text`, from the decoder's own table: characters GBK lacks throw.
 */
export const encodeGbk = (() => {
  let table: Map<string, number[]> | null = null;
  return (text: string): Buffer => {
    if (!table) {
      table = new Map();
      const decoder = new TextDecoder('gb18030');
      for (let hi = 0x81; hi <= 0xfe; hi++)
        for (let lo = 0x40; lo <= 0xfe; lo++) {
          if (lo === 0x7f) continue;
          const ch = decoder.decode(new Uint8Array([hi, lo]));
          if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [hi, lo]);
        }
    }
    const bytes: number[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80) bytes.push(cp);
      else if (table.has(ch)) bytes.push(...table.get(ch)!);
      else throw new Error(`not in GBK: ${ch}`);
    }
    return Buffer.from(bytes);
  };
})();
