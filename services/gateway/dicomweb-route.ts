import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CdssConfig } from '../../lib/config.js';
import type { CdssContext } from '../context.js';
import type { DicomWebMeta } from '../pacs/pacs-types.js';

type Hook = (this: unknown, ctx: CdssContext, route: unknown, req: IncomingMessage, res: ServerResponse, data?: unknown) => unknown;

/** Where a study, series and instance sit in a DICOMweb path. */
const STUDY = '/studies/:study';
const SERIES = `${STUDY}/series/:series`;
const INSTANCE = `${SERIES}/instances/:instance`;

/**
 * The DICOMweb proxy at /dicom-web (PS3.18) for the viewer and outside clients: our bearer tokens
 * of either realm (a patient's viewer and the staff's alike; what each sees is the pacs actor's
 * scope check), raw bodies for STOW-RS up to CDSS_DICOM_MAX_BYTES, byte answers with their own
 * content types. Orthanc is never reachable through it: every path maps to a pacs action.
 * Static paths come before parameterized ones (moleculer-web matches in order).
 */
export function dicomWebRoute(config: CdssConfig, before: Hook, after: Hook) {
  return {
    name: '/dicom-web',
    path: '/dicom-web',
    realm: 'any',
    whitelist: ['pacs.*'],
    mappingPolicy: 'restrict',
    authentication: true,
    autoAliases: false,
    // Raw bodies must not be merged into params byte by byte: the action gets { body, query, params }.
    mergeParams: false,
    bodyParsers: { json: false, urlencoded: false, raw: { type: () => true, limit: config.dicomMaxBytes } },
    aliases: {
      'GET /studies': 'pacs.searchStudies',
      'GET /series': 'pacs.searchSeries',
      'GET /instances': 'pacs.searchInstances',
      'GET /wado': 'pacs.wadoUri',
      'POST /studies': 'pacs.stow',
      [`GET ${STUDY}/series`]: 'pacs.searchSeries',
      [`GET ${STUDY}/instances`]: 'pacs.searchInstances',
      [`GET ${SERIES}/instances`]: 'pacs.searchInstances',
      [`GET ${STUDY}/metadata`]: 'pacs.retrieveMetadata',
      [`GET ${SERIES}/metadata`]: 'pacs.retrieveMetadata',
      [`GET ${INSTANCE}/metadata`]: 'pacs.retrieveMetadata',
      [`GET ${INSTANCE}/frames/:frames`]: 'pacs.retrieveFrames',
      [`GET ${INSTANCE}/bulk/:tag`]: 'pacs.retrieveBulk',
      // Bulk data inside a sequence item (Orthanc names nested values so).
      [`GET ${INSTANCE}/bulk/:sequence/:item/:tag`]: 'pacs.retrieveBulk',
      [`GET ${STUDY}`]: 'pacs.retrieve',
      [`GET ${SERIES}`]: 'pacs.retrieve',
      [`GET ${INSTANCE}`]: 'pacs.retrieve',
      [`POST ${STUDY}`]: 'pacs.stow',
    },
    onBeforeCall(this: { runtime?: { config: CdssConfig } }, ctx: CdssContext, route: unknown, req: IncomingMessage, res: ServerResponse) {
      const result = before.call(this, ctx, route, req, res);
      (ctx.meta as DicomWebMeta).dicomWeb = {
        base: publicBase(req, config.trustProxy),
        accept: typeof req.headers.accept === 'string' ? req.headers.accept.slice(0, 1000) : undefined,
        contentType: typeof req.headers['content-type'] === 'string' ? req.headers['content-type'].slice(0, 1000) : undefined,
      };
      return result;
    },
    onAfterCall: after,
  };
}

/**
 * Our DICOMweb base as the client reached it, for RetrieveURL and BulkDataURI: the Host header,
 * and behind an ingress (CDSS_TRUST_PROXY) its X-Forwarded-Proto/-Host.
 */
function publicBase(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = (name: string) => {
    const value = req.headers[name];
    return trustProxy && typeof value === 'string' && value.trim() ? value.split(',')[0]!.trim() : null;
  };
  const proto = forwarded('x-forwarded-proto') ?? ((req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http');
  const host = forwarded('x-forwarded-host') ?? req.headers.host ?? 'localhost';
  // A Host header is the client's to choose: keep only what a host name and port can be.
  const safeHost = /^[A-Za-z0-9.\-:[\]]{1,255}$/.test(host) ? host : 'localhost';
  return `${/^https?$/.test(proto) ? proto : 'http'}://${safeHost}/dicom-web`;
}
