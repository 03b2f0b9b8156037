import { QueryTypes, type Sequelize } from 'sequelize';
import type { DicomJson } from './archive.js';
import { dateRange, hasWildcard, valuesOf, type QidoMatch, type QidoQuery } from './qido.js';

/**
 * QIDO-RS over the built-in archive's `dicom_instance` table: one statement per query. Study and
 * series attributes repeat on each instance row, so a study or series answer is a GROUP BY with
 * the counts QIDO reports (NumberOfStudyRelatedSeries/Instances, ModalitiesInStudy).
 */

type Row = Record<string, string | number | null>;

/** The index column each matching key compares. */
const COLUMN: Record<QidoMatch['key'], string> = {
  PatientID: 'patient_id',
  PatientName: 'patient_name',
  StudyDate: 'study_date',
  AccessionNumber: 'accession_number',
  ModalitiesInStudy: 'modality',
  StudyInstanceUID: 'study_instance_uid',
  StudyDescription: 'study_description',
  StudyID: 'study_id',
  Modality: 'modality',
  SeriesInstanceUID: 'series_instance_uid',
  SeriesNumber: 'series_number',
  SOPInstanceUID: 'sop_instance_uid',
  SOPClassUID: 'sop_class_uid',
  InstanceNumber: 'instance_number',
};

/** `*` and `?` as LIKE wildcards; `!` escapes LIKE's own (one ESCAPE character both SQLite and MariaDB accept). */
function likePattern(value: string): string {
  return value.replace(/[!%_]/g, (c) => `!${c}`).replace(/\*/g, '%').replace(/\?/g, '_');
}

function condition(match: QidoMatch, params: unknown[]): string {
  const column = COLUMN[match.key];
  switch (match.key) {
    case 'StudyDate': {
      const { from, to } = dateRange(match.value);
      const parts: string[] = [];
      if (from) { parts.push(`${column} >= ?`); params.push(from); }
      if (to) { parts.push(`${column} <= ?`); params.push(to); }
      return parts.join(' AND ');
    }
    case 'ModalitiesInStudy': {
      const values = valuesOf(match.value);
      params.push(...values);
      // A study matches when any of its series has one of the modalities.
      return `study_instance_uid IN (SELECT m.study_instance_uid FROM dicom_instance m WHERE m.modality IN (${values.map(() => '?').join(',')}))`;
    }
    case 'Modality':
    case 'StudyInstanceUID':
    case 'SeriesInstanceUID':
    case 'SOPInstanceUID':
    case 'SOPClassUID': {
      const values = valuesOf(match.value);
      params.push(...values);
      return `${column} IN (${values.map(() => '?').join(',')})`;
    }
    case 'SeriesNumber':
    case 'InstanceNumber':
      params.push(Number(match.value));
      return `${column} = ?`;
    case 'PatientName':
      // Person names match case-insensitively, as Orthanc does by default (CaseSensitivePN false).
      params.push(likePattern(match.value));
      return `${column} LIKE ? ESCAPE '!'`;
    default:
      if (hasWildcard(match.value)) {
        params.push(likePattern(match.value));
        return `${column} LIKE ? ESCAPE '!'`;
      }
      params.push(match.value);
      return `${column} = ?`;
  }
}

function whereClause(query: QidoQuery, params: unknown[]): string {
  const parts: string[] = [];
  if (query.study) { parts.push('study_instance_uid = ?'); params.push(query.study); }
  if (query.series) { parts.push('series_instance_uid = ?'); params.push(query.series); }
  for (const match of query.matches) parts.push(condition(match, params));
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
}

const STUDY_COLUMNS = ['patient_id', 'patient_name', 'patient_birth_date', 'patient_sex', 'accession_number', 'study_date', 'study_time',
  'study_description', 'study_id', 'referring_physician_name'];
const SERIES_COLUMNS = ['study_instance_uid', 'modality', 'series_number', 'series_description', 'body_part_examined'];

export async function searchIndex(sequelize: Sequelize, query: QidoQuery, base: string): Promise<DicomJson[]> {
  const params: unknown[] = [];
  const where = whereClause(query, params);
  const max = (columns: string[]) => columns.map((c) => `MAX(${c}) AS ${c}`).join(', ');
  let sql: string;
  if (query.level === 'studies') {
    sql = `SELECT study_instance_uid, ${max(STUDY_COLUMNS)}, COUNT(DISTINCT series_instance_uid) AS series_count, COUNT(*) AS instance_count,
      GROUP_CONCAT(DISTINCT modality) AS modalities FROM dicom_instance ${where}
      GROUP BY study_instance_uid ORDER BY MAX(study_date) DESC, study_instance_uid LIMIT ? OFFSET ?`;
  } else if (query.level === 'series') {
    sql = `SELECT series_instance_uid, ${max([...STUDY_COLUMNS, ...SERIES_COLUMNS])}, COUNT(*) AS instance_count FROM dicom_instance ${where}
      GROUP BY series_instance_uid ORDER BY MAX(study_date) DESC, MAX(study_instance_uid), MAX(series_number), series_instance_uid LIMIT ? OFFSET ?`;
  } else {
    sql = `SELECT * FROM dicom_instance ${where} ORDER BY study_instance_uid, series_instance_uid, instance_number, sop_instance_uid LIMIT ? OFFSET ?`;
  }
  params.push(query.limit, query.offset);
  const rows = await sequelize.query<Row>(sql, { replacements: params, type: QueryTypes.SELECT });
  return rows.map((row) => answerOf(query.level, row, base));
}

const value = (vr: string, v: unknown) => (v === null || v === undefined || v === '' ? { vr } : { vr, Value: [v] });
const personName = (v: unknown) => (v ? { vr: 'PN', Value: [{ Alphabetic: String(v) }] } : { vr: 'PN' });
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function studyAttributes(row: Row, base: string): DicomJson {
  const study = String(row.study_instance_uid);
  return {
    '00080005': { vr: 'CS', Value: ['ISO_IR 192'] },
    '00080020': value('DA', row.study_date),
    '00080030': value('TM', row.study_time),
    '00080050': value('SH', row.accession_number),
    '00080090': personName(row.referring_physician_name),
    '00081030': value('LO', row.study_description),
    '00081190': value('UR', `${base}/studies/${study}`),
    '00100010': personName(row.patient_name),
    '00100020': value('LO', row.patient_id),
    '00100030': value('DA', row.patient_birth_date),
    '00100040': value('CS', row.patient_sex),
    '0020000D': value('UI', study),
    '00200010': value('SH', row.study_id),
  };
}

function answerOf(level: QidoQuery['level'], row: Row, base: string): DicomJson {
  const study = studyAttributes(row, base);
  const studyUrl = `${base}/studies/${row.study_instance_uid}`;
  let json: DicomJson;
  if (level === 'studies') {
    const modalities = String(row.modalities ?? '').split(',').filter(Boolean).sort();
    json = {
      ...study,
      '00080061': modalities.length ? { vr: 'CS', Value: modalities } : { vr: 'CS' },
      '00201206': value('IS', num(row.series_count)),
      '00201208': value('IS', num(row.instance_count)),
    };
  } else {
    const seriesUrl = `${studyUrl}/series/${row.series_instance_uid}`;
    json = {
      ...study,
      '00080060': value('CS', row.modality),
      '0008103E': value('LO', row.series_description),
      '00081190': value('UR', seriesUrl),
      '00180015': value('CS', row.body_part_examined),
      '0020000E': value('UI', row.series_instance_uid),
      '00200011': value('IS', num(row.series_number)),
    };
    if (level === 'series') {
      json['00201209'] = value('IS', num(row.instance_count));
    } else {
      Object.assign(json, {
        '00080016': value('UI', row.sop_class_uid),
        '00080018': value('UI', row.sop_instance_uid),
        '00081190': value('UR', `${seriesUrl}/instances/${row.sop_instance_uid}`),
        '00083002': value('UI', row.transfer_syntax_uid),
        '00200013': value('IS', num(row.instance_number)),
        '00280008': value('IS', num(row.number_of_frames)),
        '00280010': value('US', num(row.rows)),
        '00280011': value('US', num(row.columns)),
        '00280100': value('US', num(row.bits_allocated)),
      });
    }
  }
  return Object.fromEntries(Object.entries(json).sort(([a], [b]) => a.localeCompare(b))) as DicomJson;
}
