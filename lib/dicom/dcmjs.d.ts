// dcmjs 0.52.2 ships no type declarations: the small part of its API CDSS uses, typed here.
declare module 'dcmjs' {
  /** A dataset in the DICOM JSON model (PS3.18 F.2): tag → { vr, Value }. */
  type DicomJsonDataset = Record<string, { vr: string; Value?: unknown[] }>;
  /** A "naturalized" dataset: keyword → value (sequences as arrays of datasets, PN as [{ Alphabetic }]). */
  type NaturalizedDataset = Record<string, unknown>;

  class DicomDict {
    constructor(meta: DicomJsonDataset);
    meta: DicomJsonDataset;
    dict: DicomJsonDataset;
    /** fragmentMultiframe (default true) splits encapsulated frames into 20 KiB fragments; false keeps one fragment per frame. */
    write(options?: { allowInvalidVRLength?: boolean; fragmentMultiframe?: boolean }): ArrayBuffer;
  }

  /** dcmjs's own bundled loglevel logger (only dcmjs logs through it). */
  interface Logger {
    setLevel(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent'): void;
    getLogger(name: string): Logger;
  }

  const dcmjs: {
    log: Logger;
    data: {
      DicomDict: typeof DicomDict;
      DicomMessage: {
        readFile(buffer: ArrayBuffer, options?: { ignoreErrors?: boolean }): { meta: DicomJsonDataset; dict: DicomJsonDataset };
      };
      /** sRGB ↔ DICOM CIELab (PS3.3 C.10.7.1.1: 16-bit scaled L*a*b*), for RecommendedDisplayCIELabValue. */
      Colors: {
        rgb82DICOMLAB(rgb: ArrayLike<number>): number[];
        dicomlab2RGB8(lab: ArrayLike<number>): number[];
      };
      DicomMetaDictionary: {
        naturalizeDataset(dataset: DicomJsonDataset): NaturalizedDataset;
        denaturalizeDataset(dataset: NaturalizedDataset): DicomJsonDataset;
      };
    };
  };
  export default dcmjs;
}
