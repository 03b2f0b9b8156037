import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** Attribute values the reference graphs use: ints, int lists, floats, strings. */
export type AttributeValue = number | number[] | string | { float: number };

const OPSET = 17;
/** Fixed, so that a rebuild gives the same bytes (and the same sha256 in the model card). */
const PRODUCER = { producerName: 'cdss-model-zoo', producerVersion: '1' };

function littleEndianFloats(data: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
  return bytes;
}

function attribute(name: string, value: AttributeValue): onnxProto.onnx.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if (typeof value === 'object') return { name, type: AttributeType.FLOAT, f: value.float };
  if (!Number.isInteger(value)) throw new Error(`attribute ${name}: use { float } for non-integers`);
  return { name, type: AttributeType.INT, i: value };
}

function tensorType(dims: readonly number[]): onnxProto.onnx.ITypeProto {
  return { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } };
}

/**
 * A small ONNX graph writer over onnx-proto's protobuf classes: float32 tensors only, names
 * generated in call order, so the same builder calls always encode to the same bytes.
 */
export class GraphBuilder {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  private counter = 0;

  constructor(private readonly name: string, private readonly docString: string) {}

  input(name: string, dims: readonly number[]): string {
    this.inputs.push({ name, type: tensorType(dims) });
    return name;
  }

  /** Marks `value` as a graph output named `name` (an Identity node keeps names stable). */
  output(value: string, name: string, dims: readonly number[]): string {
    this.op('Identity', [value], {}, name);
    this.outputs.push({ name, type: tensorType(dims) });
    return name;
  }

  /** A float32 initializer (weights, biases, constant shapes). */
  weight(prefix: string, dims: readonly number[], data: ArrayLike<number>): string {
    const expected = dims.reduce((a, b) => a * b, 1);
    if (data.length !== expected) throw new Error(`${prefix}: ${data.length} values for dims [${dims}] (${expected})`);
    const name = `${prefix}_${this.counter++}`;
    this.initializers.push({ name, dims: [...dims], dataType: onnx.TensorProto.DataType.FLOAT, rawData: littleEndianFloats(data) });
    return name;
  }

  /** One node; answers its (single) output's name. */
  op(opType: string, inputs: string[], attrs: Record<string, AttributeValue> = {}, outputName?: string): string {
    const out = outputName ?? `${opType.toLowerCase()}_${this.counter++}`;
    this.nodes.push({
      opType, input: inputs, output: [out], name: `${opType}_${this.counter++}`,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return out;
  }

  /** The serialised ModelProto. `metadata` lands in the model's metadata_props. */
  toBytes(metadata: Record<string, string> = {}): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: onnx.Version.IR_VERSION,
      opsetImport: [{ domain: '', version: OPSET }],
      ...PRODUCER,
      docString: this.docString,
      metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
      graph: { name: this.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
