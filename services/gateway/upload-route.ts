import type { IncomingMessage, ServerResponse } from 'node:http';
import { Busboy } from '@fastify/busboy';
import { Errors } from 'moleculer';
import { roleHas, type Permission } from '../../lib/rbac/policy.js';
import { auditEntryFrom } from '../../mixins/audit.js';
import type { CdssContext } from '../context.js';
import { MAX_UPLOAD_FILES } from '../pacs/upload-actions.js';

/**
 * The image upload route (seed §7.3 POST /api/v1/medical-images, §7.6 POST
 * /api/v1/radiology-tech/images/upload): multipart/form-data with one or many `files` (DICOM,
 * JPEG, PNG) and the form fields of `medical-images.upload`.
 *
 * moleculer-web's own multipart aliases call an action once per file, as the file streams in; an
 * upload must instead be refused as a whole when any file is bad, before anything is stored. So
 * this route collects the parts itself (@fastify/busboy, the parser moleculer-web uses) into
 * Buffers, within the size limits, and then calls the action once with every file. The route
 * shares the staff realm's authentication and request bookkeeping (passed in from the gateway).
 */

const { MoleculerClientError } = Errors;

const UPLOAD_ACTION = 'medical-images.upload';
/** The form's text fields: a handful, each short. */
const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 4096;

type UploadRequest = IncomingMessage & { $ctx: CdssContext; $params?: Record<string, unknown>; $action?: { name: string; permission?: string } };
type Hook = (...args: never[]) => unknown;

export interface UploadRouteOptions {
  /** The largest upload body, and so the largest file, in bytes (CDSS_DICOM_MAX_BYTES). */
  maxBytes: number;
  onBeforeCall: Hook;
  onAfterCall: Hook;
}

function tooLarge(maxBytes: number, file?: string): Errors.MoleculerClientError {
  return new MoleculerClientError(
    `업로드가 너무 큽니다 (최대 ${Math.floor(maxBytes / 1024 / 1024)}MB) (upload larger than ${maxBytes} bytes)`, 413, 'PAYLOAD_TOO_LARGE', { maxBytes, ...(file ? { file } : {}) },
  );
}

/**
 * Refuses a caller who may not upload before the body is read (the action's rbac hook would
 * refuse them too, but only after the whole body had been received); audited like that hook.
 */
async function refuseEarly(req: UploadRequest): Promise<void> {
  const ctx = req.$ctx;
  const user = ctx.meta.user;
  if (!user) throw new MoleculerClientError('로그인이 필요합니다 (authentication required)', 401, 'UNAUTHORIZED');
  const permission = req.$action?.permission as Permission | undefined;
  if (permission && roleHas(user.role, permission)) return;
  await ctx.call('audit.record', auditEntryFrom(ctx, {
    actionType: 'create', resourceType: UPLOAD_ACTION, outcome: 'denied', description: `permission '${permission}' not held by role '${user.role}'`,
  }));
  throw new MoleculerClientError('이 작업에 대한 권한이 없습니다 (forbidden)', 403, 'FORBIDDEN', { permission });
}

/** Reads the multipart body into `req.$params` = the form fields plus `files: [{ filename, contentType, data }]`. */
function collectParts(req: UploadRequest, maxBytes: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const contentType = String(req.headers['content-type'] ?? '');
    if (!/^multipart\/form-data/i.test(contentType)) {
      reject(new MoleculerClientError('multipart/form-data 형식으로 파일을 보내 주세요 (send the files as multipart/form-data)', 415, 'UNSUPPORTED_MEDIA_TYPE'));
      return;
    }
    const fields: Record<string, string> = {};
    const files: { filename: string; contentType: string; data: Buffer }[] = [];
    let total = 0;
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      req.unpipe(busboy);
      req.resume(); // drain the rest, so the client reads the answer instead of a reset
      reject(err);
    };
    let busboy: Busboy;
    try {
      busboy = new Busboy({
        headers: { ...req.headers, 'content-type': contentType },
        limits: { fileSize: maxBytes, files: MAX_UPLOAD_FILES, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: MAX_UPLOAD_FILES + MAX_FIELDS },
      });
    } catch (err) {
      reject(new MoleculerClientError(`multipart 본문을 읽을 수 없습니다 (malformed multipart body: ${(err as Error).message})`, 400, 'MALFORMED_MULTIPART'));
      return;
    }
    busboy.on('file', (fieldname, stream, filename, _encoding, mimeType) => {
      if (fieldname !== 'files') {
        stream.resume();
        fail(new MoleculerClientError(`파일은 'files' 항목으로 보내 주세요: '${fieldname}' (files go in the 'files' field)`, 400, 'VALIDATION_ERROR', [{ field: fieldname, message: 'unknown file field' }]));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxBytes) fail(tooLarge(maxBytes, filename));
        else chunks.push(chunk);
      });
      stream.on('limit', () => fail(tooLarge(maxBytes, filename)));
      stream.on('end', () => {
        if (!failed) files.push({ filename: (filename || `file-${files.length + 1}`).slice(0, 255), contentType: mimeType, data: Buffer.concat(chunks) });
      });
    });
    busboy.on('field', (name, value, _nameTruncated, valueTruncated) => {
      if (valueTruncated) fail(new MoleculerClientError(`항목이 너무 깁니다: ${name} (field too long)`, 400, 'VALIDATION_ERROR', [{ field: name, message: 'too long' }]));
      // An empty form field means "not given".
      else if (value.trim() !== '') fields[name] = value;
    });
    busboy.on('filesLimit', () => fail(new MoleculerClientError(`파일은 한 번에 ${MAX_UPLOAD_FILES}개까지 올릴 수 있습니다 (too many files)`, 413, 'PAYLOAD_TOO_LARGE', { maxFiles: MAX_UPLOAD_FILES })));
    busboy.on('fieldsLimit', () => fail(new MoleculerClientError('입력 항목이 너무 많습니다 (too many form fields)', 400, 'VALIDATION_ERROR')));
    busboy.on('partsLimit', () => fail(new MoleculerClientError('multipart 부분이 너무 많습니다 (too many parts)', 413, 'PAYLOAD_TOO_LARGE')));
    busboy.on('error', (err: unknown) => fail(new MoleculerClientError(`multipart 본문을 읽을 수 없습니다 (malformed multipart body: ${(err as Error).message})`, 400, 'MALFORMED_MULTIPART')));
    busboy.on('finish', () => {
      if (!failed) resolve({ ...fields, files });
    });
    req.pipe(busboy);
  });
}

/** The route, for the gateway's created() (services/gateway/api.service.ts, `// <upload route>`). */
export function uploadRoute(options: UploadRouteOptions) {
  const collect = (req: UploadRequest, _res: ServerResponse, next: (err?: unknown) => void) => {
    refuseEarly(req)
      .catch((err: unknown) => {
        req.resume(); // the body is not wanted: drain it
        throw err;
      })
      .then(() => collectParts(req, options.maxBytes))
      .then((params) => {
        req.$params = params;
        next();
      }, next);
  };
  return {
    name: 'medical-image-upload',
    path: '/api/v1',
    realm: 'staff',
    authentication: true,
    mappingPolicy: 'restrict',
    bodyParsers: { json: false, urlencoded: false },
    aliases: {
      'POST /radiology-tech/images/upload': [collect, UPLOAD_ACTION],
      'POST /medical-images': [collect, UPLOAD_ACTION],
    },
    onBeforeCall: options.onBeforeCall,
    onAfterCall: options.onAfterCall,
  };
}
