import { useParams } from '@solidjs/router';
import { Panel } from '../../shared/ui/AppShell';
import { t } from './messages';
import { VitalsForm } from './VitalsForm';
import { VitalsHistory } from './VitalsHistory';

/** Seed §4.2.2: vital signs, symptoms and nursing notes of one patient. */
export default function VitalsPage() {
  const params = useParams();
  const id = () => Number(params.id);
  return (
    <>
      <Panel title={t('vitalsEntry')}>
        <VitalsForm patientId={id()} />
      </Panel>
      <VitalsHistory patientId={id()} />
    </>
  );
}
