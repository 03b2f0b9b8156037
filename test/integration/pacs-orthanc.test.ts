import { cstore, orthancAvailable, orthancEnv, startOrthanc, storescuAvailable, type OrthancServer } from '../helpers/orthanc.js';
import { pacsSuite } from '../helpers/pacs-suite.js';

const canRun = orthancAvailable() && (await storescuAvailable());
let orthanc: OrthancServer;

/**
 * The same suite against Orthanc 1.10 with its DICOMweb plugin (CDSS_PACS=orthanc), started on
 * free ports from test/orthanc/orthanc.json; a modality's C-STORE comes from dcmtk's storescu.
 */
pacsSuite({
  name: 'orthanc',
  async start() {
    orthanc = await startOrthanc();
    return orthancEnv(orthanc);
  },
  async stop() {
    await orthanc?.stop();
  },
  cstore: (files) => cstore(orthanc, files),
  hidden: () => [`:${orthanc.httpPort}`, 'Orthanc'],
}, canRun ? false : 'Orthanc or dcmtk (storescu) is not installed; set CDSS_REQUIRE_SERVICES=1 to fail instead');
