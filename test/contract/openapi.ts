// Validates wire traffic against Amazon's official OpenAPI 2.0 models in ../shared/sp-api-models.
// Read-only use of the models: nothing from them is copied into the project.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

import { MODELS_DIR } from '../helpers/models.js';

export { MODELS_DIR };
export const modelsAvailable = existsSync(join(MODELS_DIR, 'models'));

type Json = Record<string, any>;

interface ParamSpec {
  name: string;
  in: 'path' | 'query' | 'body' | 'header' | 'formData';
  required?: boolean;
  type?: string;
  items?: Json;
  enum?: unknown[];
  maxItems?: number;
  minItems?: number;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  schema?: Json;
}

interface OperationModel {
  file: string;
  method: string;
  path: string;
  params: ParamSpec[];
  responses: Record<string, Json | undefined>;
}

export interface ContractIssue {
  operation: string;
  where: string;
  message: string;
}

export class ContractChecker {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  private readonly ops = new Map<string, OperationModel>();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly definitions = new Map<string, Json>();

  constructor(dir = MODELS_DIR) {
    for (const sub of readdirSync(join(dir, 'models'))) {
      for (const f of readdirSync(join(dir, 'models', sub))) {
        if (!f.endsWith('.json')) continue;
        const file = `${sub}/${f}`;
        const model = JSON.parse(readFileSync(join(dir, 'models', sub, f), 'utf8')) as Json;
        this.ajv.addSchema({ $id: `model:${file}`, definitions: model.definitions ?? {} });
        this.definitions.set(file, model.definitions ?? {});
        for (const [p, item] of Object.entries<Json>(model.paths)) {
          const shared: Json[] = item.parameters ?? [];
          for (const [method, op] of Object.entries<Json>(item)) {
            if (method === 'parameters' || !op.operationId) continue;
            const params = [...shared, ...(op.parameters ?? [])].map((x: Json) => (x.$ref ? model.parameters[x.$ref.split('/').pop()] : x));
            this.ops.set(op.operationId, {
              file,
              method: method.toUpperCase(),
              path: p,
              params,
              responses: Object.fromEntries(Object.entries<Json>(op.responses).map(([code, r]) => [code, r.schema])),
            });
          }
        }
      }
    }
  }

  has(operation: string): boolean {
    return this.ops.has(operation);
  }

  private validatorFor(op: OperationModel, key: string, schema: Json): ValidateFunction {
    const k = `${op.file}|${key}`;
    const v = this.compiled.get(k);
    if (v === undefined) {
      // Rewrite local refs so they resolve inside the model's registered definitions.
      const rewritten = JSON.parse(JSON.stringify(schema).replace(/"#\/definitions\//g, `"model:${op.file}#/definitions/`));
      const compiled = this.ajv.compile(rewritten);
      this.compiled.set(k, compiled);
      return compiled;
    }
    return v;
  }

  private checkScalar(p: ParamSpec, raw: string, where: string, out: string[]): void {
    const values = p.type === 'array' ? raw.split(',') : [raw];
    if (p.type === 'array') {
      if (p.maxItems !== undefined && values.length > p.maxItems) out.push(`${where}: ${values.length} items > maxItems ${p.maxItems}`);
      if (p.minItems !== undefined && values.length < p.minItems) out.push(`${where}: ${values.length} items < minItems ${p.minItems}`);
    }
    const itemSpec = p.type === 'array' ? (p.items ?? {}) : p;
    for (const v of values) {
      const e = itemSpec.enum as unknown[] | undefined;
      if (e && !e.includes(v)) out.push(`${where}: "${v}" not in enum`);
      const t = itemSpec.type;
      if ((t === 'integer' && !/^-?\d+$/.test(v)) || (t === 'number' && Number.isNaN(Number(v)))) out.push(`${where}: "${v}" is not ${t}`);
      if (t === 'boolean' && v !== 'true' && v !== 'false') out.push(`${where}: "${v}" is not boolean`);
      if (typeof itemSpec.maxLength === 'number' && v.length > itemSpec.maxLength) out.push(`${where}: longer than ${itemSpec.maxLength}`);
      if (typeof itemSpec.minimum === 'number' && Number(v) < itemSpec.minimum) out.push(`${where}: below minimum ${itemSpec.minimum}`);
      if (typeof itemSpec.maximum === 'number' && Number(v) > itemSpec.maximum) out.push(`${where}: above maximum ${itemSpec.maximum}`);
    }
  }

  /** Checks path params, query params and the JSON body of a request. */
  validateRequest(operation: string, req: { method: string; pathParams: Record<string, string>; query: URLSearchParams; body?: unknown }): string[] {
    const op = this.ops.get(operation);
    if (!op) return [`no model for ${operation}`];
    const out: string[] = [];
    if (op.method !== req.method.toUpperCase()) out.push(`method ${req.method} != ${op.method}`);
    const known = new Set(op.params.filter((p) => p.in === 'query').map((p) => p.name));
    for (const key of new Set(req.query.keys())) if (!known.has(key)) out.push(`query: unknown parameter "${key}"`);
    for (const p of op.params) {
      if (p.in === 'path') {
        const v = req.pathParams[p.name];
        if (v === undefined) out.push(`path: missing ${p.name}`);
        else this.checkScalar(p, v, `path.${p.name}`, out);
      } else if (p.in === 'query') {
        const v = req.query.get(p.name);
        if (v === null) {
          if (p.required) out.push(`query: missing required ${p.name}`);
        } else this.checkScalar(p, v, `query.${p.name}`, out);
      } else if (p.in === 'body' && p.schema) {
        if (req.body === undefined) {
          if (p.required) out.push('body: missing');
        } else {
          const v = this.validatorFor(op, `req:${operation}`, p.schema);
          if (!v(req.body)) out.push(...(v.errors ?? []).map((e) => `body${e.instancePath}: ${e.message}`));
        }
      }
    }
    return out;
  }

  /**
   * Properties the model declares for a response that `body` never uses (dotted paths, `[]` for array items): empty
   * means the body is as full as the model allows. A property counts as used if any array element has it; a
   * definition nested in itself (e.g. a classification's parent) is not required again.
   */
  unusedProperties(operation: string, status: number, body: unknown): string[] {
    const op = this.ops.get(operation);
    const schema = op?.responses[String(status)];
    if (!op || !schema) return [`no model for ${operation} ${status}`];
    const defs = this.definitions.get(op.file) ?? {};
    const unused: string[] = [];
    const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
    const walk = (node: Json, values: unknown[], path: string, chain: string[]): void => {
      if (typeof node.$ref === 'string') {
        const name = node.$ref.split('/').pop()!;
        if (chain.includes(name) || !defs[name]) return;
        walk(defs[name], values, path, [...chain, name]);
        return;
      }
      for (const part of (node.allOf ?? []) as Json[]) walk(part, values, path, chain);
      if (node.items)
        walk(
          node.items,
          values.flatMap((v) => (Array.isArray(v) ? v : [])),
          `${path}[]`,
          chain,
        );
      for (const [key, sub] of Object.entries<Json>(node.properties ?? {})) {
        const present = values
          .filter(isObj)
          .filter((v) => key in v)
          .map((v) => v[key]);
        if (present.length === 0) unused.push(`${path}.${key}`);
        else walk(sub, present, `${path}.${key}`, chain);
      }
    };
    walk(schema, [body], '', []);
    return unused;
  }

  /** Checks a response body against the schema the model declares for that status code. */
  validateResponse(operation: string, status: number, body: unknown): string[] {
    const op = this.ops.get(operation);
    if (!op) return [`no model for ${operation}`];
    if (!(String(status) in op.responses)) return [`status ${status} is not declared for ${operation}`];
    const schema = op.responses[String(status)];
    if (!schema) return body === undefined || body === '' ? [] : [`status ${status} declares no body`];
    const v = this.validatorFor(op, `res:${operation}:${status}`, schema);
    return v(body) ? [] : (v.errors ?? []).map((e) => `response ${status}${e.instancePath}: ${e.message} ${JSON.stringify(e.params)}`);
  }
}
