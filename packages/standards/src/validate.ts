/**
 * Input validation shared by every surface (server, CLI, web): a small JSON-Schema validator for the
 * subset the calculators' `inputSchema` uses, whose findings are `Issue`s — the field's path
 * (`segments.0.laeq`, the same form as every other route of the API), a reason code (the JSON-Schema
 * keyword that failed, such as `maximum`, or a named rule such as `contradictory`) and a message with
 * parameters in both languages. Ranges carry their basis (`x-basis`: a message code saying where the
 * bound comes from) and unit (`x-unit`), so a refusal says "must be within [−10, 120] dB HL (the hearing
 * level range of a pure-tone audiometer, GB/T 7341.1)".
 *
 * Alternatives (`oneOf`) report only the branch the input meant — picked by its discriminating `const`
 * (`kind`, `form`) or by the fields it gives — so a wrong `laeqTe` is reported as that field, not as
 * every other branch's missing fields. Giving the fields of two alternatives at once is `contradictory`.
 */
import { isIsoDate } from '@ohp/reference';
import type { MessageCode, Msg } from './messages';
import { msg } from './messages';

export type Issue = {
  /** Path of the field: `eventDate`, `segments.0.laeq`, `left.500`; '' for the input itself. */
  path: string;
  /** A JSON-Schema keyword (`required`, `type`, `maximum`, `format` …) or a named rule (`contradictory`). */
  reason: string;
  message: Msg;
};

export type Schema = { [key: string]: unknown };

export const joinPath = (base: string, key: string | number): string =>
  base === '' ? String(key) : `${base}.${key}`;

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** A value as the user gave it, for echoing in a message. */
export const echo = (x: unknown): string => {
  if (typeof x === 'string') return `"${x.length > 60 ? `${x.slice(0, 60)}…` : x}"`;
  if (typeof x === 'number') return String(x);
  try {
    const s = JSON.stringify(x);
    return s === undefined ? String(x) : s.length > 60 ? `${s.slice(0, 60)}…` : s;
  } catch {
    return String(x);
  }
};

const typeName = (x: unknown): string =>
  x === null
    ? 'null'
    : Array.isArray(x)
      ? 'array'
      : typeof x === 'number' && !Number.isFinite(x)
        ? 'NaN'
        : typeof x;

const TYPE_TERMS: Record<string, MessageCode> = {
  object: 'term.type.object',
  array: 'term.type.array',
  string: 'term.type.string',
  number: 'term.type.number',
  integer: 'term.type.integer',
  boolean: 'term.type.boolean',
};

function typeOk(type: string, x: unknown): boolean {
  switch (type) {
    case 'object':
      return isRecord(x);
    case 'array':
      return Array.isArray(x);
    case 'string':
      return typeof x === 'string';
    case 'number':
      return typeof x === 'number' && Number.isFinite(x);
    case 'integer':
      return typeof x === 'number' && Number.isInteger(x);
    case 'boolean':
      return typeof x === 'boolean';
    default:
      return true;
  }
}

/** "[0, 140]", "(0, 24]", "≥ 0": the interval of a number schema, in the notation both languages read. */
export function intervalOf(s: Schema): string | null {
  const lo = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : s.minimum;
  const hi = typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : s.maximum;
  const fmtN = (n: number) => (n < 0 ? `−${-n}` : String(n));
  if (typeof lo === 'number' && typeof hi === 'number')
    return `${typeof s.exclusiveMinimum === 'number' ? '(' : '['}${fmtN(lo)}, ${fmtN(hi)}${typeof s.exclusiveMaximum === 'number' ? ')' : ']'}`;
  if (typeof lo === 'number') return `${typeof s.exclusiveMinimum === 'number' ? '>' : '≥'} ${fmtN(lo)}`;
  if (typeof hi === 'number') return `${typeof s.exclusiveMaximum === 'number' ? '<' : '≤'} ${fmtN(hi)}`;
  return null;
}

/** The message for a number outside its schema's interval. */
export function rangeMessage(s: Schema, value: unknown): Msg {
  const basis = typeof s['x-basis'] === 'string' ? msg(s['x-basis'] as MessageCode) : undefined;
  const unit = typeof s['x-unit'] === 'string' ? s['x-unit'] : '';
  return msg(basis ? 'input.range' : 'input.rangePlain', {
    interval: intervalOf(s) ?? '',
    unit,
    basis,
    value: echo(value),
  });
}

/** The declared property names of an object schema. */
const propsOf = (s: Schema): string[] => (isRecord(s.properties) ? Object.keys(s.properties) : []);
/** The property whose `const` tells the branches of a oneOf apart (kind, form), if any. */
const constProp = (s: Schema): [string, unknown] | null => {
  if (!isRecord(s.properties)) return null;
  for (const [k, v] of Object.entries(s.properties)) if (isRecord(v) && 'const' in v) return [k, v.const];
  return null;
};

function validateOneOf(branches: Schema[], x: unknown, path: string): Issue[] {
  const results = branches.map((b) => validate(b, x, path));
  if (results.some((r) => r.length === 0)) return [];
  const objects = branches.every((b) => b.type === 'object');
  if (!objects || !isRecord(x)) {
    if (objects) return [typeIssue(path, 'object', x)];
    return results.reduce((a, b) => (b.length < a.length ? b : a));
  }
  // A discriminating constant (kind, form): the branch it names, or the constant itself is wrong.
  const discriminators = branches.map(constProp);
  const key = discriminators[0]?.[0];
  if (key !== undefined && discriminators.every((d) => d?.[0] === key) && key in x) {
    const i = discriminators.findIndex((d) => d?.[1] === x[key]);
    if (i >= 0) return results[i] ?? [];
    return [
      {
        path: joinPath(path, key),
        reason: 'enum',
        message: msg('input.enum', {
          allowed: discriminators.map((d) => `"${String(d?.[1])}"`).join('、'),
          value: echo(x[key]),
        }),
      },
    ];
  }
  // Otherwise the branch whose own fields the input uses; fields of two branches at once contradict.
  const given = Object.keys(x);
  const own = branches.map((b) =>
    given.filter(
      (k) =>
        k !== key && propsOf(b).includes(k) && branches.filter((o) => propsOf(o).includes(k)).length === 1,
    ),
  );
  const used = own.map((o, i) => [o, i] as const).filter(([o]) => o.length > 0);
  if (used.length > 1) {
    const [first, second] = used;
    return [
      {
        path: joinPath(path, second?.[0][0] ?? ''),
        reason: 'contradictory',
        message: msg('input.alternatives', { a: first?.[0][0] ?? '', b: second?.[0][0] ?? '' }),
      },
    ];
  }
  if (used.length === 1) return results[used[0]?.[1] ?? 0] ?? [];
  if (key === undefined) {
    const names = branches.flatMap((b) => (Array.isArray(b.required) ? (b.required as string[]) : []));
    return [
      {
        path,
        reason: 'required',
        message: msg('input.oneOfRequired', { fields: [...new Set(names)].join('、') }),
      },
    ];
  }
  // No own field and no discriminator: the discriminator is what is missing.
  return [
    {
      path: joinPath(path, key),
      reason: 'required',
      message: msg('input.enumRequired', {
        allowed: discriminators.map((d) => `"${String(d?.[1])}"`).join('、'),
      }),
    },
  ];
}

function typeIssue(path: string, type: string, x: unknown): Issue {
  return {
    path,
    reason: 'type',
    message: msg('input.type', {
      type: msg(TYPE_TERMS[type] ?? 'term.type.object'),
      value: typeName(x) === 'NaN' ? 'NaN' : echo(x),
    }),
  };
}

/** Every issue of `x` against `schema` (all of them, not only the first), path-prefixed with `path`. */
export function validate(schema: Schema, x: unknown, path = ''): Issue[] {
  if (Array.isArray(schema.oneOf)) return validateOneOf(schema.oneOf as Schema[], x, path);
  if ('const' in schema) {
    return x === schema.const
      ? []
      : [
          {
            path,
            reason: 'enum',
            message: msg('input.enum', { allowed: `"${String(schema.const)}"`, value: echo(x) }),
          },
        ];
  }
  if (Array.isArray(schema.enum)) {
    return (schema.enum as unknown[]).includes(x)
      ? []
      : [
          {
            path,
            reason: 'enum',
            message: msg('input.enum', {
              allowed: (schema.enum as unknown[]).map((v) => `"${String(v)}"`).join('、'),
              value: echo(x),
            }),
          },
        ];
  }
  const type = typeof schema.type === 'string' ? schema.type : null;
  if (type && !typeOk(type, x)) return [typeIssue(path, type, x)];
  const issues: Issue[] = [];
  if (typeof x === 'string') {
    if (x.includes('\u0000')) return [{ path, reason: 'nul_character', message: msg('input.nul') }];
    if (typeof schema.minLength === 'number' && x.length < schema.minLength)
      issues.push({ path, reason: 'minLength', message: msg('input.minLength', { min: schema.minLength }) });
    if (typeof schema.maxLength === 'number' && x.length > schema.maxLength)
      issues.push({ path, reason: 'maxLength', message: msg('input.maxLength', { max: schema.maxLength }) });
    if (schema.format === 'date') {
      if (!isIsoDate(x)) return [{ path, reason: 'format', message: msg('input.date', { value: echo(x) }) }];
    } else if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(x)) {
      const hint = typeof schema['x-format'] === 'string' ? (schema['x-format'] as MessageCode) : null;
      issues.push({
        path,
        reason: 'pattern',
        message: hint
          ? msg('input.patternHint', { hint: msg(hint), value: echo(x) })
          : msg('input.pattern', { value: echo(x) }),
      });
    }
  }
  if (typeof x === 'number') {
    const failed =
      typeof schema.minimum === 'number' && x < schema.minimum
        ? 'minimum'
        : typeof schema.exclusiveMinimum === 'number' && x <= schema.exclusiveMinimum
          ? 'exclusiveMinimum'
          : typeof schema.maximum === 'number' && x > schema.maximum
            ? 'maximum'
            : typeof schema.exclusiveMaximum === 'number' && x >= schema.exclusiveMaximum
              ? 'exclusiveMaximum'
              : null;
    if (failed) issues.push({ path, reason: failed, message: rangeMessage(schema, x) });
  }
  if (Array.isArray(x)) {
    if (typeof schema.minItems === 'number' && x.length < schema.minItems)
      issues.push({
        path,
        reason: 'minItems',
        message: msg(schema.minItems === 1 ? 'input.notEmpty' : 'input.minItems', { min: schema.minItems }),
      });
    if (typeof schema.maxItems === 'number' && x.length > schema.maxItems)
      issues.push({ path, reason: 'maxItems', message: msg('input.maxItems', { max: schema.maxItems }) });
    if (isRecord(schema.items))
      x.forEach((item, i) => issues.push(...validate(schema.items as Schema, item, joinPath(path, i))));
  }
  if (isRecord(x)) {
    const props = isRecord(schema.properties) ? schema.properties : {};
    for (const k of Array.isArray(schema.required) ? (schema.required as string[]) : [])
      if (!(k in x) || x[k] === undefined)
        issues.push({ path: joinPath(path, k), reason: 'required', message: msg('input.required') });
    for (const [k, v] of Object.entries(x)) {
      if (v === undefined) continue;
      const sub = props[k];
      if (isRecord(sub)) issues.push(...validate(sub, v, joinPath(path, k)));
      else if (schema.additionalProperties === false)
        issues.push({
          path: joinPath(path, k),
          reason: 'additionalProperties',
          message: msg('input.unknownField', { allowed: Object.keys(props).join('、') }),
        });
    }
  }
  return issues;
}

/**
 * The number fields a (valid) input uses, with their schemas: each alternative resolved to the branch
 * the input takes. The range tests set each of them out of range in turn.
 */
export function numericFields(
  schema: Schema,
  x: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; schema: Schema }[] {
  if (Array.isArray(schema.oneOf)) {
    const branch = (schema.oneOf as Schema[]).find((b) => validate(b, x).length === 0);
    return branch ? numericFields(branch, x, path) : [];
  }
  if (schema.type === 'number' || schema.type === 'integer')
    return typeof x === 'number' ? [{ path, schema }] : [];
  if (Array.isArray(x) && isRecord(schema.items)) {
    const items = schema.items;
    return x.flatMap((v, i) => numericFields(items, v, [...path, i]));
  }
  if (isRecord(x) && isRecord(schema.properties)) {
    const props = schema.properties;
    return Object.entries(x).flatMap(([k, v]) =>
      isRecord(props[k]) ? numericFields(props[k], v, [...path, k]) : [],
    );
  }
  return [];
}
