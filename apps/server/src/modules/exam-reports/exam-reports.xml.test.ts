/**
 * The national exchange XML codec of exam cards: the hand-built sample document reads into cards that
 * pass the schema and the card rules; reading and writing are inverse; hostile documents (DOCTYPE,
 * entities, depth, size, encodings, random bytes) are refused without a throw; record-level problems are
 * reported per record with the field path while the other records come through.
 */
import { readFileSync } from 'node:fs';
import { ExamCardInput, examCardExample } from '@ohp/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordChecker } from '../../platform/http/validation.js';
import { checkExamCard } from './exam-reports.validate.js';
import {
  XML_MAX_DEPTH,
  XML_MAX_RECORDS,
  examCardDocumentId,
  parseExamCardXml,
  toNationalCard,
  writeExamCardXml,
  type ExamCardAudit,
  type ExamCardXmlHeaderInput,
  type OperateType,
  type XmlWriteRecord,
} from './exam-reports.xml.js';

const FIXTURE = readFileSync(new URL('./fixtures/national-exam-cards.xml', import.meta.url));
const FIXTURE_TEXT = FIXTURE.toString('utf8');
const TODAY = '2026-12-31';
const checkSchema = recordChecker(ExamCardInput);

const HEADER: ExamCardXmlHeaderInput = {
  documentId: '220102001-HEALTH_EXAM_RECORD-20260922093015123-48213',
  reportOrgCode: '220102001',
  reportZoneCode: '220102000',
  license: 'XXXXXXXXXXXXXX',
};

/** examCardExample as the national document carries it: without the platform's extensions. */
const exampleNational = (): ExamCardInput => {
  const c = structuredClone(examCardExample);
  delete c.examNo;
  delete c.chiefPhysician;
  delete c.serviceYears;
  delete c.serviceMonths;
  return c;
};

/** The fixture's second card: a pre-employment exam of a dispatched painter. */
const secondCard: ExamCardInput = {
  recordId: 'TJ2026-000456',
  employer: {
    name: '长春示例人力资源服务有限公司',
    creditCode: '91220104MA0000AB0F',
    economicTypeCode: '159',
    industryCode: '7263',
    scaleCode: '04',
    regionCode: '220104003',
    address: '长春市朝阳区示例大街 88 号',
    zipCode: '130012',
    contact: '刘女士',
    phone: '0431-86660000',
  },
  employingUnit: {
    name: '长春示例汽车零部件有限公司',
    creditCode: '912201060000668867',
    economicTypeCode: '159',
    industryCode: '3670',
    scaleCode: '02',
    regionCode: '220106',
  },
  worker: {
    name: '陈晓梅',
    idTypeCode: '01',
    idNumber: '220104199808222347',
    genderCode: '2',
    birthDate: '1998-08-22',
    phone: '13900005678',
  },
  monitoringTypeCode: '01',
  examTypeCode: '01',
  examDate: '2026-09-15',
  contactFactorCodes: ['2013', '3008'],
  workTypeCode: '09-028',
  conclusions: [
    { factorCodes: ['2013'], conclusionCode: '04', contraindication: '血常规白细胞计数低于 4.0×10^9/L' },
    { factorCodes: ['3008'], conclusionCode: '01' },
  ],
  items: [
    {
      parentName: '血液一般检查',
      name: '白细胞总数（WBC）',
      code: '4010100',
      resultType: '01',
      result: '3.6',
      unit: '×10^9/L',
      referenceMin: 4,
      referenceMax: 10,
      abnormal: '1',
    },
    {
      parentName: '血液一般检查',
      name: '血小板计数(PLT)',
      code: '4012600',
      resultType: '01',
      result: '210',
      unit: '×10^9/L',
      referenceMin: 100,
      referenceMax: 300,
      abnormal: '0',
    },
    {
      parentName: '心电图',
      name: '12 导联心电图',
      code: '3060101',
      resultType: '02',
      result: '窦性心律，正常心电图',
      abnormal: '0',
    },
  ],
  writer: { name: '周护士', phone: '0431-85550003', date: '2026-09-18' },
  reporter: { name: '孙主任', phone: '0431-85550002', date: '2026-09-21', unit: '长春市职业病防治院' },
  remark: '派遣员工：岗前体检 <血常规> 复查 & 告知用工单位',
};

const audit = (date: string): ExamCardAudit => ({
  statusCode: '07',
  opinion: '同意',
  date,
  auditorName: '吴审核',
  organisation: '吉林省示例职业病防治机构',
});

/** The parse result, failing the test on a document-level refusal. */
function parsed(input: Buffer | string) {
  const r = parseExamCardXml(Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8'));
  if (!r.ok) throw new Error(`refused: ${r.reason} (line ${r.line ?? '-'})`);
  return r;
}
const cardsOf = (input: Buffer | string) => parsed(input).records.map((r) => r.card);
const refusal = (input: Buffer | string) => {
  const r = parseExamCardXml(Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8'));
  return r.ok ? { ok: true } : r;
};
/** 1-based line of the first occurrence of `needle` in `text`. */
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
/** The fixture with its first `from` replaced by `to` (fails when `from` is not there). */
const patched = (from: string, to: string, text = FIXTURE_TEXT) => {
  expect(text.includes(from)).toBe(true);
  return text.replace(from, to);
};
/** Comments and indentation out: the element structure and text. */
const structure = (xml: string) =>
  xml
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/>\s+</g, '><')
    .trim();

const envelope = (operateType: OperateType, records: string) =>
  `<?xml version="1.0" encoding="utf-8"?>
<DataExchange>
  <Header>
    <DocumentId>D</DocumentId>
    <OperateType>${operateType}</OperateType>
    <BusinessActivityIdentification>NEWOMAR</BusinessActivityIdentification>
    <ReportOrgCode>220102001</ReportOrgCode>
    <License>X</License>
    <ReportZoneCode>220102000</ReportZoneCode>
  </Header>
  <EventBody>
    <HEALTH_EXAM_RECORD_LIST>
${records}
    </HEALTH_EXAM_RECORD_LIST>
  </EventBody>
</DataExchange>
`;

describe('the sample document (fixtures/national-exam-cards.xml)', () => {
  it('reads into the cards it was built from, with the header', () => {
    const r = parsed(FIXTURE);
    expect(r.encoding).toBe('utf-8');
    expect(r.header).toEqual({
      documentId: '220102001-HEALTH_EXAM_RECORD-20260922093015123-48213',
      operateType: 'Add',
      businessActivityIdentification: 'NEWOMAR',
      reportZoneCode: '220102000',
      reportOrgCode: '220102001',
      license: 'XXXXXXXXXXXXXX',
    });
    expect(r.records.map((x) => [x.index, x.operateType, x.recordId, x.issues])).toEqual([
      [1, 'Add', 'TJ2026-000123', []],
      [2, 'Add', 'TJ2026-000456', []],
    ]);
    expect(r.records[0]?.card).toEqual(exampleNational());
    expect(r.records[1]?.card).toEqual(secondCard);
  });

  it('gives cards that pass the card schema and the card rules', () => {
    for (const card of cardsOf(FIXTURE)) {
      expect(checkSchema(card)).toEqual([]);
      const checked = checkExamCard(card as ExamCardInput, TODAY);
      expect(checked.issues).toEqual([]);
      expect(checked.ok).toBe(true);
    }
  });

  it('is what the writer writes for those cards (comments and indentation aside)', () => {
    const xml = writeExamCardXml(
      [
        { operateType: 'Add', card: examCardExample, audit: audit('2026-09-21') },
        { operateType: 'Add', card: secondCard, audit: audit('2026-09-23') },
      ],
      HEADER,
    );
    expect(structure(xml)).toBe(structure(FIXTURE_TEXT));
  });

  it('round-trips: document → cards → document → the same cards and header', () => {
    const first = parsed(FIXTURE);
    const header = first.header;
    const xml = writeExamCardXml(
      first.records.map((r) => ({ operateType: r.operateType, card: r.card as ExamCardInput })),
      {
        documentId: header.documentId ?? '',
        reportOrgCode: header.reportOrgCode ?? '',
        reportZoneCode: header.reportZoneCode ?? '',
        license: header.license ?? '',
      },
    );
    const second = parsed(xml);
    expect(second.header).toEqual(first.header);
    expect(second.records).toEqual(first.records);
  });

  it('is decoded with its BOM stripped', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), FIXTURE]);
    expect(cardsOf(withBom)).toEqual(cardsOf(FIXTURE));
  });
});

// ---------- write → read as a property ----------

const chars = [
  'a',
  'Z',
  '0',
  '中',
  '文',
  '<',
  '>',
  '&',
  '"',
  "'",
  ' ',
  '\n',
  '\r',
  '\t',
  '😀',
  ']',
  ',',
  '，',
  '-',
];
const text = fc
  .string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: 12 })
  .filter((s) => s.trim() === s);
/** An optional text as cards hold them: absent, null, '' or a value. */
const optText = fc.oneof(text, fc.constant(null), fc.constant(''));
const optNumber = (min: number, max: number) => fc.option(fc.integer({ min, max }), { nil: null });
const isoDate = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const recordId = fc.string({
  unit: fc.constantFrom('A', '7', '-', '&', '<', '>', '"', "'", '中'),
  minLength: 1,
  maxLength: 10,
});
// No 其他 factor: FACTOR_OTHER then belongs to the first conclusion (see toNationalCard's doc).
const factorCode = fc.constantFrom('1038', '3008', '2013', '2073');
const reference = fc.oneof(
  fc.integer({ min: -99_999, max: 99_999 }),
  fc.double({ min: -1000, max: 1000, noNaN: true }).filter((x) => !Object.is(x, -0)),
);

const conclusionArb = fc.record(
  {
    factorCodes: fc.uniqueArray(factorCode, { minLength: 1, maxLength: 3 }),
    conclusionCode: fc.constantFrom('01', '02', '03', '04', '05'),
    suspectedDiseaseCode: fc.oneof(fc.constantFrom('1101', '4001'), fc.constant(null)),
    contraindication: optText,
    otherAbnormality: optText,
    harmStartDate: fc.option(isoDate, { nil: null }),
    harmYears: optNumber(0, 70),
    harmMonths: optNumber(0, 11),
  },
  { requiredKeys: ['factorCodes', 'conclusionCode'] },
);
const itemArb = fc.record(
  {
    parentName: text,
    name: text,
    code: fc.constantFrom('3080200', '3020100', '4010100'),
    resultType: fc.constantFrom('01', '02', '03'),
    result: text,
    unit: optText,
    referenceMin: fc.option(reference, { nil: null }),
    referenceMax: fc.option(reference, { nil: null }),
    abnormal: fc.constantFrom('0', '1', '2', '3'),
  },
  { requiredKeys: ['parentName', 'name', 'code', 'resultType', 'result', 'abnormal'] },
);
const enterpriseArb = {
  name: text,
  creditCode: text,
  economicTypeCode: optText,
  industryCode: text,
  scaleCode: optText,
  regionCode: fc.constantFrom('220102', '220104003', '110108', '999999'),
};
const cardArb: fc.Arbitrary<ExamCardInput> = fc
  .record(
    {
      recordId,
      examNo: optText,
      employer: fc.record(
        { ...enterpriseArb, address: text, zipCode: optText, contact: text, phone: text },
        { requiredKeys: ['name', 'creditCode', 'industryCode', 'regionCode', 'address', 'contact', 'phone'] },
      ),
      employingUnit: fc.record(enterpriseArb, {
        requiredKeys: ['name', 'creditCode', 'industryCode', 'regionCode'],
      }),
      worker: fc.record({
        name: text,
        idTypeCode: text,
        idNumber: text,
        genderCode: fc.constantFrom('0', '1', '2', '9'),
        birthDate: isoDate,
        phone: text,
      }),
      monitoringTypeCode: fc.constantFrom('01', '02', '03'),
      examTypeCode: fc.constantFrom('01', '02', '03', '04', '05'),
      examDate: isoDate,
      contactFactorCodes: fc.array(factorCode, { minLength: 1, maxLength: 4 }),
      contactFactorOther: optText,
      workTypeCode: fc.constantFrom('00-13', '09-028', '99-9999'),
      workTypeOther: optText,
      isReexam: fc.boolean(),
      reexamOf: optText,
      conclusions: fc
        .tuple(
          fc.array(conclusionArb, { minLength: 1, maxLength: 4 }),
          fc.option(optText, { nil: undefined }),
        )
        .map(([cs, other]) =>
          other === undefined ? cs : cs.map((c, i) => (i ? c : { ...c, factorOther: other })),
        ),
      items: fc.array(itemArb, { minLength: 1, maxLength: 4 }),
      chiefPhysician: optText,
      serviceYears: optNumber(0, 70),
      serviceMonths: optNumber(0, 11),
      writer: fc.record({ name: text, phone: text, date: isoDate }),
      reporter: fc.record({ name: text, phone: text, date: isoDate, unit: text }),
      remark: optText,
    },
    {
      requiredKeys: [
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
      ],
    },
  )
  .map((c): ExamCardInput => ({ ...structuredClone(examCardExample), ...c }));

describe('writing then reading', () => {
  it('gives back the cards the national document carries (property over variations of the example)', () => {
    fc.assert(
      fc.property(
        fc.array(cardArb, { minLength: 1, maxLength: 3 }),
        fc.constantFrom<OperateType>('Add', 'Update'),
        (cards, operateType) => {
          const r = parsed(
            writeExamCardXml(
              cards.map((card) => ({ operateType, card })),
              HEADER,
            ),
          );
          expect(r.header.operateType).toBe(operateType);
          expect(r.records.map((x) => x.issues)).toEqual(cards.map(() => []));
          expect(r.records.map((x) => x.recordId)).toEqual(cards.map((c) => c.recordId));
          expect(r.records.map((x) => x.card)).toEqual(cards.map(toNationalCard));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('drops only the platform extensions and empty values (toNationalCard)', () => {
    expect(toNationalCard(examCardExample)).toEqual(exampleNational());
    expect(toNationalCard({ ...exampleNational(), remark: '', contactFactorOther: null })).toEqual(
      exampleNational(),
    );
  });

  it('escapes text and the ID attribute, and writes dates as yyyyMMdd and lists comma-joined', () => {
    const card: ExamCardInput = { ...exampleNational(), recordId: 'A&B<"1">', remark: 'x < y & z > "w"\r\n' };
    const xml = writeExamCardXml([{ operateType: 'Add', card }], HEADER);
    expect(xml).toContain('<HEALTH_EXAM_RECORD ID="A&amp;B&lt;&quot;1&quot;&gt;">');
    expect(xml).toContain('<REMARK>x &lt; y &amp; z &gt; "w"&#13;\n</REMARK>');
    expect(xml).toContain('<EXAM_DATE>20260610</EXAM_DATE>');
    expect(xml).toContain('<CONTACT_FACTOR_CODE>1038,3008</CONTACT_FACTOR_CODE>');
    expect(parsed(xml).records[0]?.recordId).toBe('A&B<"1">');
  });

  it('writes a Delete as the record ID alone and reads it back as that ID', () => {
    const xml = writeExamCardXml([{ operateType: 'Delete', card: examCardExample }], HEADER);
    expect(xml).toContain('<OperateType>Delete</OperateType>');
    expect(xml).toContain('<HEALTH_EXAM_RECORD ID="TJ2026-000123"/>');
    expect(xml).not.toContain('ENTERPRISE_INFO');
    expect(parsed(xml).records).toEqual([
      {
        index: 1,
        operateType: 'Delete',
        recordId: 'TJ2026-000123',
        card: { recordId: 'TJ2026-000123' },
        issues: [],
      },
    ]);
  });

  it('refuses records of mixed operate types (the type is in the header) and an empty document', () => {
    const records: XmlWriteRecord[] = [
      { operateType: 'Add', card: examCardExample },
      { operateType: 'Delete', card: secondCard },
    ];
    expect(() => writeExamCardXml(records, HEADER)).toThrow(RangeError);
    expect(() => writeExamCardXml([], HEADER)).toThrow(RangeError);
  });

  it('builds the DocumentId from organisation, China time and the random part', () => {
    expect(examCardDocumentId('220102001', new Date('2026-09-22T01:30:15.123Z'), '48213')).toBe(
      HEADER.documentId,
    );
  });
});

// ---------- record-level problems ----------

describe('record-level problems', () => {
  it('reports a date that is not yyyyMMdd with its field path; the other record comes through', () => {
    let xml = patched('<EXAM_DATE>20260610</EXAM_DATE>', '<EXAM_DATE>2026-06-10</EXAM_DATE>');
    xml = patched(
      '<HARM_START_DATE>20120401</HARM_START_DATE>',
      '<HARM_START_DATE>20120231</HARM_START_DATE>',
      xml,
    );
    xml = patched('<HARM_AGE_YEAR>14</HARM_AGE_YEAR>', '<HARM_AGE_YEAR>十四</HARM_AGE_YEAR>', xml);
    const [first, second] = parsed(xml).records;
    expect(first?.issues).toEqual([
      { path: 'examDate', reason: 'invalid_date' },
      { path: 'conclusions.0.harmStartDate', reason: 'invalid_date' },
      { path: 'conclusions.0.harmYears', reason: 'invalid_number' },
    ]);
    // The field is left out, so the schema names it too.
    expect(first?.card).not.toHaveProperty('examDate');
    expect(checkSchema(first?.card)).not.toEqual([]);
    expect(second?.issues).toEqual([]);
    expect(second?.card).toEqual(secondCard);
  });

  it('reports unknown, duplicate and misplaced elements by element path', () => {
    let xml = patched('<WORKER_TELPHONE>13800001234</WORKER_TELPHONE>', '$&<NICKNAME>老李</NICKNAME>');
    xml = patched('<JC_TYPE>01</JC_TYPE>', '$&<JC_TYPE>02</JC_TYPE>', xml);
    xml = patched('<HARM_AGE_MONTH>2</HARM_AGE_MONTH>', '$&<SMOKING>1</SMOKING>', xml);
    xml = patched('<IS_REVIEW>0</IS_REVIEW>', '<IS_REVIEW>否</IS_REVIEW>', xml);
    xml = patched('<REMARK></REMARK>', '$&<EXAM_SUMMARY>正常</EXAM_SUMMARY>', xml);
    const [first, second] = parsed(xml).records;
    expect(first?.issues).toEqual([
      { path: 'WORKER_INFO/NICKNAME', reason: 'unknown_element' },
      { path: 'JC_TYPE', reason: 'duplicate_element' },
      { path: 'isReexam', reason: 'invalid_flag' },
      { path: 'EXAM_CONCLUSION_LIST/EXAM_CONCLUSION[1]/SMOKING', reason: 'unknown_element' },
      { path: 'EXAM_SUMMARY', reason: 'unknown_element' },
    ]);
    expect(second?.issues).toEqual([]);
  });

  it('reads JC_TYPE inside WORKER_INFO (the table indents it there) and a lower-case id attribute', () => {
    let xml = patched('<JC_TYPE>01</JC_TYPE>', '');
    xml = patched('</WORKER_TELPHONE>', '$&<JC_TYPE>01</JC_TYPE>', xml);
    xml = patched('<HEALTH_EXAM_RECORD ID=', '<HEALTH_EXAM_RECORD id=', xml);
    expect(cardsOf(xml)[0]).toEqual(exampleNational());
  });

  it('reads several codes separated by a full-width comma, and empty list items as schema errors', () => {
    let xml = patched(
      '<CONTACT_FACTOR_CODE>1038,3008</CONTACT_FACTOR_CODE>',
      '<CONTACT_FACTOR_CODE>1038，3008</CONTACT_FACTOR_CODE>',
    );
    expect(cardsOf(xml)[0]).toEqual(exampleNational());
    xml = patched(
      '<CONTACT_FACTOR_CODE>1038,3008</CONTACT_FACTOR_CODE>',
      '<CONTACT_FACTOR_CODE>1038,,3008</CONTACT_FACTOR_CODE>',
    );
    const card = cardsOf(xml)[0];
    expect(card).toMatchObject({ contactFactorCodes: ['1038', '', '3008'] });
    expect(checkSchema(card)).not.toEqual([]);
  });

  it('puts FACTOR_OTHER on the conclusion with a 其他 factor', () => {
    let xml = patched('<ITAM_CODE>3008</ITAM_CODE>', '<ITAM_CODE>3099</ITAM_CODE>');
    xml = patched('<FACTOR_OTHER></FACTOR_OTHER>', '<FACTOR_OTHER>超声波</FACTOR_OTHER>', xml);
    const card = cardsOf(xml)[0] as ExamCardInput;
    expect(card.conclusions.map((c) => c.factorOther)).toEqual([undefined, '超声波']);
  });

  it('reports a record without ID', () => {
    const r = parsed(patched('<HEALTH_EXAM_RECORD ID="TJ2026-000123">', '<HEALTH_EXAM_RECORD>'));
    expect(r.records[0]?.recordId).toBe('');
    expect(r.records[0]?.issues).toEqual([{ path: 'recordId', reason: 'value_required' }]);
    expect(r.records[1]?.issues).toEqual([]);
  });

  it('reads a Delete document as record IDs only, whatever the bodies hold', () => {
    const r = parsed(patched('<OperateType>Add</OperateType>', '<OperateType>Delete</OperateType>'));
    expect(r.records).toEqual([
      {
        index: 1,
        operateType: 'Delete',
        recordId: 'TJ2026-000123',
        card: { recordId: 'TJ2026-000123' },
        issues: [],
      },
      {
        index: 2,
        operateType: 'Delete',
        recordId: 'TJ2026-000456',
        card: { recordId: 'TJ2026-000456' },
        issues: [],
      },
    ]);
    const bare = parsed(envelope('Delete', '<HEALTH_EXAM_RECORD ID="R1"/><HEALTH_EXAM_RECORD/>'));
    expect(bare.records.map((x) => [x.recordId, x.card, x.issues])).toEqual([
      ['R1', { recordId: 'R1' }, []],
      ['', {}, [{ path: 'recordId', reason: 'value_required' }]],
    ]);
  });

  it('maps records that come before the Header with its operate type', () => {
    const xml = `<DataExchange><EventBody><HEALTH_EXAM_RECORD_LIST><HEALTH_EXAM_RECORD ID="R1"/></HEALTH_EXAM_RECORD_LIST></EventBody><Header><OperateType>Delete</OperateType></Header></DataExchange>`;
    expect(parsed(xml).records).toEqual([
      { index: 1, operateType: 'Delete', recordId: 'R1', card: { recordId: 'R1' }, issues: [] },
    ]);
  });
});

// ---------- document-level refusals ----------

const entityBomb = `<?xml version="1.0"?>
<!DOCTYPE DataExchange [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<DataExchange><Header><DocumentId>&lol9;</DocumentId></Header></DataExchange>`;

describe('document-level refusals', () => {
  it('refuses a DOCTYPE with an entity bomb, without expanding anything', () => {
    // Refused where the declaration ends; a parser that expanded &lol9; would build 10^9 "lol"s.
    expect(refusal(entityBomb)).toEqual({
      ok: false,
      reason: 'xml_doctype_forbidden',
      line: lineOf(entityBomb, ']>'),
    });
  });

  it('refuses external entities and any DOCTYPE, even one without declarations', () => {
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE DataExchange [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<DataExchange><Header><DocumentId>&xxe;</DocumentId></Header></DataExchange>`;
    expect(refusal(xxe)).toMatchObject({ ok: false, reason: 'xml_doctype_forbidden', line: 2 });
    const external = `<!DOCTYPE DataExchange SYSTEM "http://example.invalid/x.dtd">${FIXTURE_TEXT.slice(FIXTURE_TEXT.indexOf('<DataExchange>'))}`;
    expect(refusal(external)).toMatchObject({ ok: false, reason: 'xml_doctype_forbidden' });
    const parameterEntity = `<!DOCTYPE d [<!ENTITY % p SYSTEM "http://example.invalid/p.dtd"> %p;]><DataExchange/>`;
    expect(refusal(parameterEntity)).toMatchObject({ ok: false, reason: 'xml_doctype_forbidden' });
  });

  it('refuses an entity reference it does not know (nothing is looked up) as malformed', () => {
    const xml = patched('<DocumentId>', '<DocumentId>&xxe;');
    expect(refusal(xml)).toEqual({ ok: false, reason: 'malformed_xml', line: lineOf(xml, '&xxe;') });
  });

  it(`refuses nesting deeper than ${XML_MAX_DEPTH}, and accepts it up to that depth`, () => {
    // HEALTH_EXAM_RECORD is at depth 4.
    const nested = (n: number) => `${'<X>'.repeat(n)}${'</X>'.repeat(n)}`;
    const at = (n: number) =>
      envelope('Add', `<HEALTH_EXAM_RECORD ID="R1">${nested(n)}</HEALTH_EXAM_RECORD>`);
    expect(parsed(at(XML_MAX_DEPTH - 4)).records[0]?.issues).toContainEqual({
      path: 'X',
      reason: 'unknown_element',
    });
    expect(refusal(at(XML_MAX_DEPTH - 3))).toMatchObject({ ok: false, reason: 'xml_too_deep' });
    // Also inside the body's other modules, which are otherwise skipped.
    const skipped = `<DataExchange><EventBody><OTHER_LIST>${nested(10_000)}</OTHER_LIST></EventBody></DataExchange>`;
    expect(refusal(skipped)).toMatchObject({ reason: 'xml_too_deep' });
  });

  it(`refuses more than ${XML_MAX_RECORDS} records, and takes exactly that many`, () => {
    const records = (n: number) =>
      Array.from({ length: n }, (_, i) => `<HEALTH_EXAM_RECORD ID="R${i + 1}"/>`).join('\n');
    const full = parsed(envelope('Delete', records(XML_MAX_RECORDS)));
    expect(full.records).toHaveLength(XML_MAX_RECORDS);
    expect(full.records.at(-1)).toMatchObject({ index: XML_MAX_RECORDS, recordId: `R${XML_MAX_RECORDS}` });
    expect(refusal(envelope('Delete', records(XML_MAX_RECORDS + 1)))).toMatchObject({
      ok: false,
      reason: 'import_too_many_rows',
    });
  });

  it('refuses malformed XML with the line of the fault', () => {
    const badClose = patched('</WORKER_NAME>', '</WORKER_NAM>');
    expect(refusal(badClose)).toEqual({
      ok: false,
      reason: 'malformed_xml',
      line: lineOf(badClose, '</WORKER_NAM>'),
    });
    const truncated = FIXTURE_TEXT.slice(0, FIXTURE_TEXT.indexOf('</EventBody>'));
    expect(refusal(truncated)).toEqual({
      ok: false,
      reason: 'malformed_xml',
      line: truncated.split('\n').length,
    });
    expect(refusal('')).toMatchObject({ ok: false, reason: 'malformed_xml' });
    expect(refusal('<DataExchange><Header></DataExchange>')).toMatchObject({
      reason: 'malformed_xml',
      line: 1,
    });
  });

  it('refuses documents that are not exam-card exchange documents', () => {
    expect(refusal('<html><body/></html>')).toEqual({
      ok: false,
      reason: 'xml_not_exchange_document',
      line: 1,
    });
    const enterprises = patched('HEALTH_EXAM_RECORD_LIST>', 'ENTERPRISE_INFO_LIST>');
    expect(refusal(patched('</HEALTH_EXAM_RECORD_LIST>', '</ENTERPRISE_INFO_LIST>', enterprises))).toEqual({
      ok: false,
      reason: 'xml_not_exam_card_document',
    });
    expect(
      refusal(patched('<HEALTH_EXAM_RECORD ID="TJ2026-000456">', '<SUSPECTED_OCPD ID="x"/>$&')),
    ).toMatchObject({
      reason: 'xml_unexpected_element',
    });
    expect(refusal(patched('<License>', '<Password>p</Password>$&'))).toMatchObject({
      reason: 'xml_unexpected_element',
    });
    expect(refusal(patched('<EventBody>', '<EventBody>stray text'))).toMatchObject({
      reason: 'xml_unexpected_text',
    });
  });

  it('refuses a document without header or with an operate type the spec does not name', () => {
    const noHeader = FIXTURE_TEXT.replace(/<Header>[\s\S]*<\/Header>/, '');
    expect(refusal(noHeader)).toEqual({ ok: false, reason: 'xml_header_missing' });
    const lower = patched('<OperateType>Add</OperateType>', '<OperateType>add</OperateType>');
    expect(refusal(lower)).toEqual({
      ok: false,
      reason: 'xml_operate_type_invalid',
      line: lineOf(lower, '<OperateType>'),
    });
    expect(refusal(patched('<OperateType>Add</OperateType>', ''))).toMatchObject({
      reason: 'xml_operate_type_invalid',
    });
  });
});

// ---------- encodings ----------

/** A GBK encoder for the test, built from the platform's GB18030 decoder (two-byte GBK range). */
const gbkEncoder = (() => {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.from([lead, trail]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  return (s: string) =>
    Buffer.from(
      [...s].flatMap((ch) => {
        const code = ch.codePointAt(0) ?? 0;
        if (code < 0x80) return [code];
        const bytes = table.get(ch);
        if (!bytes) throw new Error(`not in GBK: ${ch}`);
        return bytes;
      }),
    );
})();

describe('encodings', () => {
  const gbkText = patched('encoding="utf-8"', 'encoding="GBK"');

  it('decodes a document declared GBK (as GB18030)', () => {
    const r = parsed(gbkEncoder(gbkText));
    expect(r.encoding).toBe('gb18030');
    expect(r.records.map((x) => x.card)).toEqual(cardsOf(FIXTURE));
  });

  it('refuses GBK bytes declared as UTF-8, and encodings other than UTF-8 and GBK', () => {
    expect(refusal(gbkEncoder(FIXTURE_TEXT))).toEqual({ ok: false, reason: 'xml_encoding_invalid' });
    expect(refusal(patched('encoding="utf-8"', 'encoding="ISO-8859-1"'))).toEqual({
      ok: false,
      reason: 'xml_encoding_unsupported',
    });
    // A UTF-8 byte-order mark contradicts a GBK declaration.
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(refusal(Buffer.concat([bom, Buffer.from(gbkText)]))).toEqual({
      ok: false,
      reason: 'xml_encoding_invalid',
    });
    expect(refusal(Buffer.from(`\ufeff${FIXTURE_TEXT}`, 'utf16le'))).toEqual({
      ok: false,
      reason: 'xml_encoding_unsupported',
    });
  });
});

// ---------- hostile input never throws ----------

type Mutation =
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'duplicate'; at: number; length: number }
  | { op: 'byte'; at: number; value: number };
const fragments = [
  '<',
  '>',
  '&',
  '"',
  '</',
  '/>',
  '<!DOCTYPE x>',
  '<!ENTITY e "x">',
  '&e;',
  '&#0;',
  '&#x110000;',
  '<![CDATA[',
  ']]>',
  '<?pi x?>',
  '<!--',
  '-->',
  '\u0000',
  '<X>',
  '</HEALTH_EXAM_RECORD>',
  '<HEALTH_EXAM_RECORD>',
  '\ufeff',
];
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 20 })),
  }),
  fc.record({
    op: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 2000 }),
  }),
  fc.record({ op: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
);
function mutate(buf: Buffer, m: Mutation): Buffer {
  const at = buf.length ? m.at % buf.length : 0;
  switch (m.op) {
    case 'delete':
      return Buffer.concat([buf.subarray(0, at), buf.subarray(at + m.length)]);
    case 'insert':
      return Buffer.concat([buf.subarray(0, at), Buffer.from(m.text), buf.subarray(at)]);
    case 'duplicate':
      return Buffer.concat([buf.subarray(0, at + m.length), buf.subarray(at)]);
    case 'byte': {
      const copy = Buffer.from(buf);
      if (copy.length) copy[at] = m.value;
      return copy;
    }
  }
}
/** The result is well-formed: a refusal with a reason, or records numbered 1..n. */
function expectResult(buf: Buffer) {
  const r = parseExamCardXml(buf);
  if (!r.ok) expect(typeof r.reason).toBe('string');
  else expect(r.records.map((x) => x.index)).toEqual(r.records.map((_, i) => i + 1));
}

describe('hostile input', () => {
  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => expectResult(Buffer.from(bytes))),
      { numRuns: 300 },
    );
  });

  it('never throws on random sequences of the document tags and hostile fragments', () => {
    const tags = [
      'DataExchange',
      'Header',
      'OperateType',
      'EventBody',
      'HEALTH_EXAM_RECORD_LIST',
      'HEALTH_EXAM_RECORD',
      'WORKER_INFO',
      'EXAM_DATE',
      'EXAM_CONCLUSION_LIST',
      'EXAM_CONCLUSION',
      'HARM_AGE_YEAR',
      'X',
    ];
    const token = fc.oneof(
      fc.constantFrom(...tags).map((t) => `<${t}>`),
      fc.constantFrom(...tags).map((t) => `</${t}>`),
      fc.constantFrom(...tags).map((t) => `<${t} ID="1"/>`),
      fc.constantFrom('Add', 'Delete', '20260230', '12', 'x', ...fragments),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) => expectResult(Buffer.from(tokens.join('')))),
      { numRuns: 400 },
    );
  });

  it('never throws on random mutations of the sample', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), (ms) =>
        expectResult(ms.reduce(mutate, FIXTURE)),
      ),
      { numRuns: 400 },
    );
  });
});
