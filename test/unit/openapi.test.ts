import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOpenApi, paramsToSchema, ruleToSchema, type RouteAction } from '../../lib/openapi.js';
import { pagingParams } from '../../lib/http/paging.js';

interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  security?: unknown[];
  'x-realm'?: string;
  'x-permission'?: string;
  parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { required: boolean; content: { 'application/json': { schema: { type: string; properties: Record<string, unknown>; required: string[]; additionalProperties: boolean } } } };
  responses: Record<string, unknown>;
}

function operation(doc: Record<string, unknown>, path: string, method: string): Operation {
  const paths = doc.paths as Record<string, Record<string, Operation>>;
  assert.ok(paths[path], `no path ${path} in ${Object.keys(paths).join(', ')}`);
  const op = paths[path][method];
  assert.ok(op, `no ${method} on ${path}`);
  return op;
}

describe('ruleToSchema', () => {
  test('a number rule becomes a number, an integer rule an integer', () => {
    assert.deepEqual(ruleToSchema({ type: 'number' }), { type: 'number' });
    assert.deepEqual(ruleToSchema({ type: 'number', integer: true }), { type: 'integer' });
    assert.deepEqual(ruleToSchema('number'), { type: 'number' });
  });

  test('a positive number has an exclusive minimum of zero', () => {
    assert.deepEqual(ruleToSchema({ type: 'number', integer: true, positive: true }), { type: 'integer', exclusiveMinimum: 0 });
  });

  test('a number min and max become minimum and maximum', () => {
    assert.deepEqual(ruleToSchema({ type: 'number', min: 1, max: 100 }), { type: 'number', minimum: 1, maximum: 100 });
    assert.deepEqual(ruleToSchema({ type: 'number', min: 0 }), { type: 'number', minimum: 0 });
  });

  test('a string min, max and pattern become minLength, maxLength and pattern', () => {
    assert.deepEqual(
      ruleToSchema({ type: 'string', min: 1, max: 100, pattern: /^[a-z0-9._-]{3,64}$/ }),
      { type: 'string', minLength: 1, maxLength: 100, pattern: '^[a-z0-9._-]{3,64}$' },
    );
  });

  test('a string pattern given as text is not copied as a regular expression', () => {
    assert.deepEqual(ruleToSchema({ type: 'string', pattern: '^x$' }), { type: 'string' });
  });

  test('an enum lists its values', () => {
    assert.deepEqual(ruleToSchema({ type: 'enum', values: ['doctor', 'nurse'] }), { type: 'string', enum: ['doctor', 'nurse'] });
  });

  test('an email is a string in email format', () => {
    assert.deepEqual(ruleToSchema({ type: 'email' }), { type: 'string', format: 'email' });
  });

  test('an email max length becomes maxLength', () => {
    assert.deepEqual(ruleToSchema({ type: 'email', max: 254 }), { type: 'string', format: 'email', maxLength: 254 });
  });

  test('a date is a date-time string', () => {
    assert.deepEqual(ruleToSchema({ type: 'date', convert: true }), { type: 'string', format: 'date-time' });
  });

  test('a boolean is a boolean', () => {
    assert.deepEqual(ruleToSchema('boolean'), { type: 'boolean' });
  });

  test('an array describes its items and max becomes maxItems', () => {
    assert.deepEqual(ruleToSchema({ type: 'array', items: 'number', max: 1000 }), { type: 'array', items: { type: 'number' }, maxItems: 1000 });
    assert.deepEqual(
      ruleToSchema({ type: 'array', items: { type: 'string', max: 10 } }),
      { type: 'array', items: { type: 'string', maxLength: 10 } },
    );
  });

  test('an array without items allows any item', () => {
    assert.deepEqual(ruleToSchema({ type: 'array' }), { type: 'array', items: {} });
  });

  test('an array min becomes minItems', () => {
    assert.deepEqual(ruleToSchema({ type: 'array', items: 'number', min: 1 }), { type: 'array', items: { type: 'number' }, minItems: 1 });
  });

  test('an object lists its properties and required ones', () => {
    assert.deepEqual(
      ruleToSchema({ type: 'object', props: { a: 'string', b: { type: 'number', optional: true } } }),
      { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['a'] },
    );
  });

  test('a nullable field allows null as well as its type', () => {
    assert.deepEqual(ruleToSchema({ type: 'string', nullable: true, max: 64 }), { type: ['string', 'null'], maxLength: 64 });
    assert.deepEqual(ruleToSchema({ type: 'number', nullable: true }), { type: ['number', 'null'] });
  });

  test('a nullable enum lists null among its values', () => {
    // JSON Schema 2020-12 Validation §6.1.2: an instance must equal one of `enum`, so null must be listed.
    assert.deepEqual(ruleToSchema({ type: 'enum', values: ['a', 'b'], nullable: true }), { type: ['string', 'null'], enum: ['a', 'b', null] });
  });

  test('a default value is carried over', () => {
    assert.deepEqual(ruleToSchema(pagingParams.pageSize), { type: 'integer', exclusiveMinimum: 0, maximum: 100, default: 20 });
    assert.deepEqual(ruleToSchema({ type: 'boolean', default: false }), { type: 'boolean', default: false });
  });

  test('an unknown type gives an unconstrained schema', () => {
    assert.deepEqual(ruleToSchema({ type: 'any' }), {});
    assert.deepEqual(ruleToSchema(undefined), {});
  });
});

describe('paramsToSchema', () => {
  test('params without optional or default are required', () => {
    const { properties, required } = paramsToSchema({ username: { type: 'string', min: 1 }, password: 'string' });
    assert.deepEqual(Object.keys(properties), ['username', 'password']);
    assert.deepEqual(required, ['username', 'password']);
  });

  test('optional: true makes a param optional', () => {
    assert.deepEqual(paramsToSchema({ q: { type: 'string', optional: true }, id: 'number' }).required, ['id']);
  });

  test("the '|optional' shorthand makes a param optional", () => {
    const { properties, required } = paramsToSchema({ q: 'string|optional', id: 'number' });
    assert.deepEqual(properties.q, { type: 'string' });
    assert.deepEqual(required, ['id']);
  });

  test('a default value makes a param optional', () => {
    assert.deepEqual(paramsToSchema({ ...pagingParams, patientId: { type: 'number', integer: true } }).required, ['patientId']);
    assert.deepEqual(paramsToSchema({ flag: { type: 'boolean', default: false } }).required, []);
  });

  test('$$strict and other $$ keys are not params', () => {
    const { properties, required } = paramsToSchema({ id: 'number', $$strict: true, $$async: true });
    assert.deepEqual(Object.keys(properties), ['id']);
    assert.deepEqual(required, ['id']);
  });
});

describe('buildOpenApi', () => {
  const routes: RouteAction[] = [
    {
      method: 'GET', path: '/api/v1/patients/:id', actionName: 'patients.get', summary: '환자 상세', permission: 'patients.read',
      realm: 'staff', params: { id: { type: 'number', integer: true, positive: true, convert: true } },
    },
    {
      method: 'GET', path: '/api/v1/patients', actionName: 'patients.list', permission: 'patients.read', realm: 'staff',
      params: { q: { type: 'string', optional: true, max: 100 }, ward: { type: 'string' }, ...pagingParams },
    },
    {
      method: 'POST', path: '/api/v1/staff', actionName: 'staff.create', permission: 'staff.manage', realm: 'staff',
      params: { username: { type: 'string', pattern: /^[a-z]+$/ }, email: { type: 'email', optional: true }, $$strict: true },
    },
    {
      method: 'PUT', path: '/api/v1/staff/:id', actionName: 'staff.update', permission: 'staff.manage', realm: 'staff',
      params: { id: { type: 'number', integer: true }, name: { type: 'string', optional: true } },
    },
    { method: 'DELETE', path: '/api/v1/staff/:id/sessions', actionName: 'staff.revoke', permission: 'staff.manage', realm: 'staff', params: { id: 'number', reason: 'string' } },
    { method: 'GET', path: '/api/v1/portal/me', actionName: 'portal.me', permission: 'portal.self', realm: 'patient' },
    { method: 'GET', path: '/api/v1/me', actionName: 'auth.me', permission: 'authenticated', realm: 'any' },
    { method: 'POST', path: '/api/v1/auth/login', actionName: 'auth.login', permission: 'public', realm: 'none', params: { username: 'string', password: 'string', $$strict: true } },
    { method: 'GET', path: '/health', actionName: 'api.health', permission: 'public', realm: 'any' },
  ];
  const doc = buildOpenApi(routes, { title: 'CDSS API', version: '1.2.3' });

  test('the document is OpenAPI 3.1 with the given info and a bearer scheme', () => {
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.info, { title: 'CDSS API', version: '1.2.3' });
    const components = doc.components as { securitySchemes: Record<string, unknown> };
    assert.deepEqual(components.securitySchemes.bearer, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  test('express-style path parameters become OpenAPI templates', () => {
    const paths = Object.keys(doc.paths as object);
    assert.ok(paths.includes('/api/v1/patients/{id}'));
    assert.ok(paths.includes('/api/v1/staff/{id}/sessions'));
    assert.ok(!paths.some((p) => p.includes(':')));
  });

  test('a path parameter is declared in path and required', () => {
    const op = operation(doc, '/api/v1/patients/{id}', 'get');
    assert.deepEqual(op.parameters, [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', exclusiveMinimum: 0 } }]);
    assert.equal(op.requestBody, undefined);
  });

  test('GET params become query parameters, required only when the rule requires them', () => {
    const op = operation(doc, '/api/v1/patients', 'get');
    const byName = Object.fromEntries((op.parameters ?? []).map((p) => [p.name, p]));
    assert.deepEqual(Object.keys(byName).sort(), ['page', 'pageSize', 'q', 'ward']);
    for (const p of op.parameters ?? []) assert.equal(p.in, 'query');
    assert.equal(byName.q.required, false);
    assert.equal(byName.ward.required, true);
    assert.equal(byName.page.required, false);
    assert.equal(byName.pageSize.schema.default, 20);
    assert.equal(op.requestBody, undefined);
  });

  test('DELETE params other than path parameters are query parameters', () => {
    const op = operation(doc, '/api/v1/staff/{id}/sessions', 'delete');
    assert.deepEqual(op.parameters?.map((p) => [p.name, p.in, p.required]), [['id', 'path', true], ['reason', 'query', true]]);
    assert.equal(op.requestBody, undefined);
  });

  test('POST params become a JSON request body that allows nothing else', () => {
    const op = operation(doc, '/api/v1/staff', 'post');
    assert.equal(op.parameters, undefined);
    assert.equal(op.requestBody?.required, true);
    const schema = op.requestBody?.content['application/json'].schema;
    assert.equal(schema?.type, 'object');
    assert.deepEqual(schema?.properties, { username: { type: 'string', pattern: '^[a-z]+$' }, email: { type: 'string', format: 'email' } });
    assert.deepEqual(schema?.required, ['username']);
    assert.equal(schema?.additionalProperties, false);
  });

  test('a PUT with a path parameter keeps it out of the body', () => {
    const op = operation(doc, '/api/v1/staff/{id}', 'put');
    assert.deepEqual(op.parameters?.map((p) => [p.name, p.in]), [['id', 'path']]);
    assert.deepEqual(Object.keys(op.requestBody?.content['application/json'].schema.properties ?? {}), ['name']);
    assert.deepEqual(op.requestBody?.content['application/json'].schema.required, []);
  });

  test('staff and patient routes require a bearer token and name their realm', () => {
    for (const [path, method, realm] of [['/api/v1/patients/{id}', 'get', 'staff'], ['/api/v1/staff', 'post', 'staff'], ['/api/v1/portal/me', 'get', 'patient']]) {
      const op = operation(doc, path, method);
      assert.deepEqual(op.security, [{ bearer: [] }], path);
      assert.equal(op['x-realm'], realm);
    }
  });

  test('an authenticated route in any realm requires a bearer token', () => {
    assert.deepEqual(operation(doc, '/api/v1/me', 'get').security, [{ bearer: [] }]);
  });

  test('public routes carry no security requirement', () => {
    assert.equal(operation(doc, '/api/v1/auth/login', 'post').security, undefined);
    assert.equal(operation(doc, '/health', 'get').security, undefined);
  });

  test('operations are named after their action, tagged by service and carry their permission', () => {
    const get = operation(doc, '/api/v1/patients/{id}', 'get');
    assert.equal(get.operationId, 'patients.get');
    assert.equal(get.summary, '환자 상세');
    assert.deepEqual(get.tags, ['patients']);
    assert.equal(get['x-permission'], 'patients.read');
    assert.equal(operation(doc, '/api/v1/patients', 'get').summary, 'patients.list');
  });

  test('a route without params has neither parameters nor a body', () => {
    const op = operation(doc, '/api/v1/portal/me', 'get');
    assert.equal(op.parameters, undefined);
    assert.equal(op.requestBody, undefined);
  });

  test('every operation documents the error responses', () => {
    for (const methods of Object.values(doc.paths as Record<string, Record<string, Operation>>)) {
      for (const op of Object.values(methods)) assert.deepEqual(Object.keys(op.responses).sort(), ['200', '400', '401', '403', '404']);
    }
  });

  test('a path parameter missing from the params is still declared', () => {
    // OpenAPI 3.1 Paths Object: each template expression in a path MUST correspond to a path parameter.
    const bare = buildOpenApi([{ method: 'GET', path: '/api/v1/y/:id', actionName: 'y.get', realm: 'staff' }], { title: 't', version: '1' });
    const op = operation(bare, '/api/v1/y/{id}', 'get');
    assert.deepEqual(op.parameters?.map((p) => [p.name, p.in, p.required]), [['id', 'path', true]]);
  });

  test('two methods on one path share the path entry', () => {
    const two = buildOpenApi([
      { method: 'GET', path: '/api/v1/x/:id', actionName: 'x.get', realm: 'staff', params: { id: 'number' } },
      { method: 'DELETE', path: '/api/v1/x/:id', actionName: 'x.remove', realm: 'staff', params: { id: 'number' } },
    ], { title: 't', version: '1' });
    assert.deepEqual(Object.keys((two.paths as Record<string, object>)['/api/v1/x/{id}']).sort(), ['delete', 'get']);
  });
});
