import { createHash } from 'node:crypto';
import { buildClassifier, CLASSIFIER } from './classifier.js';
import { buildSegmenter, SEGMENTER_2D, SEGMENTER_3D } from './segmenter.js';

/**
 * The reference models `npm run models:build` writes to model-zoo/models/, by card id. Pure
 * functions of fixed weights: every build gives the same bytes, so each card's sha256 holds.
 */
export interface ReferenceModel {
  id: string;
  file: string;
  build(): Uint8Array;
}

const DOC = 'CDSS reference model with fixed, hand-designed weights. Reference / demo only — 임상 사용 불가 (not for clinical use).';

export const REFERENCE_MODELS: readonly ReferenceModel[] = [
  { id: 'reference-blob-seg2d', file: 'reference-blob-seg2d.onnx', build: () => buildSegmenter(SEGMENTER_2D, 'reference_blob_seg2d', DOC) },
  { id: 'reference-blob-seg3d', file: 'reference-blob-seg3d.onnx', build: () => buildSegmenter(SEGMENTER_3D, 'reference_blob_seg3d', DOC) },
  { id: 'reference-lesion-cls', file: 'reference-lesion-cls.onnx', build: () => buildClassifier(CLASSIFIER, 'reference_lesion_cls', DOC) },
];

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
