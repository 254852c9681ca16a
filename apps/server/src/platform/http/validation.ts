/**
 * Request validation with ajv, reporting every issue (allErrors). Query strings, path parameters and
 * headers are text on the wire and are coerced to the schema's types; JSON bodies are not: a number
 * sent where a string is expected is an error, not silently converted.
 *
 * Two rules hold for every request schema, whoever wrote it (`hardenSchema`):
 * - no text field accepts a NUL character (U+0000): PostgreSQL text cannot store it, and it is the
 *   classic truncation trick; the answer is a 400 naming the field (`nul_character`);
 * - no number is unbounded: a number schema without a maximum (minimum) gets ±`NUMBER_LIMIT`, so 1e308
 *   is a 400 naming the field instead of an overflow in the database or a calculator. Schemas should
 *   still declare the real range (the fuzz test checks every number field is refused at 1e308).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

/** The ajv keyword (and error reason) that refuses U+0000 in strings. */
export const NUL_KEYWORD = 'nul_character';
/** Default bound for number schemas that declare none: far above any real quantity, far below 1e308. */
export const NUMBER_LIMIT = 1e12;

type Node = Record<string, unknown>;

/** Keywords whose value is a schema, an array of schemas, or a map of schemas. */
const SUBSCHEMA = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
]);
const SUBSCHEMA_ARRAYS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
const SUBSCHEMA_MAPS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
]);

const typesOf = (node: Node): unknown[] => (Array.isArray(node.type) ? node.type : [node.type]);

/** A copy of a JSON schema with the NUL rule on every string and bounds on every number. */
export const hardenSchema = (schema: unknown): unknown => {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const node = schema as Node;
  const out: Node = {};
  for (const [k, v] of Object.entries(node)) {
    if (SUBSCHEMA.has(k)) out[k] = Array.isArray(v) ? v.map(hardenSchema) : hardenSchema(v);
    else if (SUBSCHEMA_ARRAYS.has(k) && Array.isArray(v)) out[k] = v.map(hardenSchema);
    else if (SUBSCHEMA_MAPS.has(k) && v && typeof v === 'object')
      out[k] = Object.fromEntries(Object.entries(v as Node).map(([p, s]) => [p, hardenSchema(s)]));
    else out[k] = v;
  }
  const types = typesOf(out);
  if (types.includes('string')) out[NUL_KEYWORD] = true;
  if (types.includes('number') || types.includes('integer')) {
    if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = NUMBER_LIMIT;
    if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = -NUMBER_LIMIT;
  }
  return out;
};

const make = (coerce: boolean) => {
  const ajv = new Ajv({
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    coerceTypes: coerce ? 'array' : false,
    strict: false,
  });
  addFormats(ajv);
  ajv.addKeyword({
    keyword: NUL_KEYWORD,
    type: 'string',
    schemaType: 'boolean',
    errors: false,
    validate: (enabled: boolean, data: string) => !enabled || !data.includes('\u0000'),
  });
  return ajv;
};

/**
 * Route schemas compile on first use rather than at start. Compiling every route's validators and
 * serializers up front took ~1.1 s of CPU at each start of the server — and of every test file's app,
 * which calls a handful of its ~300 routes. `compileAll()` compiles whatever is still pending: a test
 * calls it on the whole app, so a schema that cannot compile fails CI instead of a clerk's first request.
 */
export class LazyCompiles {
  readonly #pending = new Set<() => unknown>();

  /** A function that compiles itself (once) on its first call. */
  defer<A extends unknown[], R>(compile: () => (...args: A) => R): (...args: A) => R {
    let compiled: ((...args: A) => R) | undefined;
    const force = () => {
      if (!compiled) {
        compiled = compile();
        this.#pending.delete(force);
      }
      return compiled;
    };
    this.#pending.add(force);
    return (...args) => force()(...args);
  }

  /** Compiles every pending function now; returns how many there were. Throws what a compile throws. */
  compileAll(): number {
    const pending = [...this.#pending];
    for (const force of pending) force();
    return pending.length;
  }

  get pending(): number {
    return this.#pending.size;
  }
}

export const validatorCompiler = (lazy?: LazyCompiles): FastifySchemaCompiler<unknown> => {
  const strictAjv = make(false);
  const coercingAjv = make(true);
  // One hardened copy per schema object, so a schema shared by routes (or carrying an $id) compiles once.
  const hardened = new WeakMap<object, object>();
  return ({ schema, httpPart }) => {
    const compile = () => {
      const ajv = httpPart === 'body' ? strictAjv : coercingAjv;
      let copy = hardened.get(schema as object);
      if (!copy) {
        copy = hardenSchema(schema) as object;
        hardened.set(schema as object, copy);
      }
      const validate: ValidateFunction = ajv.compile(copy);
      return (data: unknown) =>
        validate(data)
          ? { value: data }
          : { error: Object.assign(new Error('validation failed'), { validation: validate.errors ?? [] }) };
    };
    return lazy ? lazy.defer(compile) : compile();
  };
};

/**
 * A checker for records that arrive inside a batch (a JSON door's cards): the same hardened schema and
 * strict ajv as a request body, but each record answers with its own issues (path, reason) instead of
 * the whole request being refused.
 */
export const recordChecker = (schema: unknown): ((data: unknown) => unknown[]) => {
  // Compiled on the first record (the doors build their checker when their module loads).
  let validate: ValidateFunction | undefined;
  return (data) => {
    validate ??= make(false).compile(hardenSchema(schema) as object);
    return validate(data) ? [] : [...(validate.errors ?? [])];
  };
};
