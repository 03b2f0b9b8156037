import { pacsSuite } from '../helpers/pacs-suite.js';

/** The built-in archive (CDSS_PACS=builtin, the embedded default): files under the data dir plus the dicom_instance index. */
pacsSuite({
  name: 'builtin',
  async start() {
    return { CDSS_PACS: 'builtin' };
  },
  async stop() {},
});
