import os from 'node:os';

/**
 * How tensor data crosses `inference.run`. In one process a Float32Array passes by reference
 * (no copy); across the broker's JSON serializer a Float32Array turns into an object keyed
 * "0", "1", …, so remote callers send and receive base64 of little-endian float32 (a third of
 * the size of a JSON number list) or, for small tensors, plain number arrays.
 */
export const TENSOR_ENCODINGS = ['float32', 'base64', 'array'] as const;
export type TensorEncoding = (typeof TENSOR_ENCODINGS)[number];
export type EncodedData = Float32Array | string | number[];

// Base64 here is the host's float32 bytes as they are; every platform Node and ONNX Runtime
// ship for is little-endian, and this refuses to run anywhere that is not.
if (os.endianness() !== 'LE') throw new Error('tensor-codec: big-endian hosts are not supported');

/** Float32Array from any accepted form; null when `data` is none of them. */
export function decodeTensorData(data: unknown): Float32Array | null {
  if (data instanceof Float32Array) return data;
  if (typeof data === 'string') {
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length % 4 !== 0) return null;
    const out = new Float32Array(bytes.length / 4);
    new Uint8Array(out.buffer).set(bytes); // a copy: Buffer's pool offset may not be 4-aligned
    return out;
  }
  if (Array.isArray(data)) {
    const out = new Float32Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (typeof v !== 'number') return null;
      out[i] = v;
    }
    return out;
  }
  return null;
}

export function encodeTensorData(data: Float32Array, encoding: TensorEncoding): EncodedData {
  if (encoding === 'float32') return data;
  if (encoding === 'array') return Array.from(data);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}
