import { useParams } from '@solidjs/router';
import { Panel } from '../../shared/ui/AppShell';
import { t } from './messages';
import { NoteForm } from './NoteForm';
import { NotesTimeline } from './NotesTimeline';

/** Seed §4.2.2 간호 기록 작성: the nursing notes of one patient, on their own tab. */
export default function NotesPage() {
  const params = useParams();
  const id = () => Number(params.id);
  return (
    <>
      <Panel title={t('notesEntry')}>
        <NoteForm patientId={id()} />
      </Panel>
      <NotesTimeline patientId={id()} />
    </>
  );
}
