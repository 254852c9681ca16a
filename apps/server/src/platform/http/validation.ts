/**
 * Request validation with ajv, reporting every issue (allErrors). Query strings, path parameters and
 * headers are text on the wire and are coerced to the schema's types; JSON bodies are not: a number
 * sent where a string is expected is an error, not silently converted.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const make = (coerce: boolean) => {
  const ajv = new Ajv({
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    coerceTypes: coerce ? 'array' : false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
};

export const validatorCompiler = (): FastifySchemaCompiler<unknown> => {
  const strictAjv = make(false);
  const coercingAjv = make(true);
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strictAjv : coercingAjv;
    const validate: ValidateFunction = ajv.compile(schema as object);
    return (data: unknown) =>
      validate(data)
        ? { value: data }
        : { error: Object.assign(new Error('validation failed'), { validation: validate.errors ?? [] }) };
  };
};
