import { transferSyntaxInfo } from '../../lib/dicom/transfer-syntax.js';

/**
 * The media type of a frame's bytes in a WADO-RS answer (PS3.18 Table 8.7.3-2, 8.7.3-5): native
 * pixel data is application/octet-stream, compressed frames keep their codec's image or video
 * type. Either way the part names its transfer syntax, so a client knows what it got.
 */
const COMPRESSED: Record<string, string> = {
  '1.2.840.10008.1.2.4.50': 'image/jpeg',
  '1.2.840.10008.1.2.4.51': 'image/jpeg',
  '1.2.840.10008.1.2.4.57': 'image/jpeg',
  '1.2.840.10008.1.2.4.70': 'image/jpeg',
  '1.2.840.10008.1.2.4.80': 'image/jls',
  '1.2.840.10008.1.2.4.81': 'image/jls',
  '1.2.840.10008.1.2.4.90': 'image/jp2',
  '1.2.840.10008.1.2.4.91': 'image/jp2',
  '1.2.840.10008.1.2.4.92': 'image/jpx',
  '1.2.840.10008.1.2.4.93': 'image/jpx',
  '1.2.840.10008.1.2.4.201': 'image/jphc',
  '1.2.840.10008.1.2.4.202': 'image/jphc',
  '1.2.840.10008.1.2.4.203': 'image/jphc',
  '1.2.840.10008.1.2.5': 'image/x-dicom-rle',
  '1.2.840.10008.1.2.4.100': 'video/mpeg',
  '1.2.840.10008.1.2.4.101': 'video/mpeg',
  '1.2.840.10008.1.2.4.102': 'video/mp4',
  '1.2.840.10008.1.2.4.103': 'video/mp4',
  '1.2.840.10008.1.2.4.107': 'video/mp4',
};

export function frameMediaType(transferSyntaxUid: string): string {
  if (!transferSyntaxInfo(transferSyntaxUid).encapsulated) return 'application/octet-stream';
  return COMPRESSED[transferSyntaxUid] ?? 'application/octet-stream';
}

/** A part's Content-Type with its transfer syntax parameter. */
export function withTransferSyntax(mediaType: string, transferSyntaxUid: string): string {
  return `${mediaType}; transfer-syntax=${transferSyntaxUid}`;
}

export const DICOM_JSON = 'application/dicom+json';
export const DICOM = 'application/dicom';
