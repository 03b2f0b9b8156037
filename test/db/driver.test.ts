import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Model, ModelStatic } from 'sequelize';
import { openDatabase } from '../../models/database.js';
import { migrate } from '../../models/migrate.js';
import { defineModels } from '../../models/index.js';
import { rowConverter, selectList, selectRows, withWriteConnection } from '../../models/driver.js';
import { createTestDatabase, mariadbAvailable } from '../helpers/databases.js';

/** The driver path must return exactly what the models return, on both dialects. */
for (const kind of ['sqlite', 'mariadb'] as const) {
  describe(`direct driver access on ${kind}`, async () => {
    // mariadbAvailable() throws when CDSS_REQUIRE_SERVICES=1, so CI never skips this.
    if (kind === 'mariadb' && !(await mariadbAvailable())) {
      test('MariaDB tests', { skip: 'MariaDB unreachable; set CDSS_REQUIRE_SERVICES=1 to fail instead' }, () => {});
      return;
    }

    test('a row read through the driver equals the model\'s plain row', async () => {
      const database = await createTestDatabase(kind);
      const sequelize = await openDatabase(database.url);
      try {
        await migrate(sequelize);
        const models = defineModels(sequelize);
        const created = await models.Patient.create({
          patient_id: 'PDRV00001', name: '드라이버', birth_date: '1980-02-29', gender: 'F', age: 46,
          allergies: [{ substance: '페니실린', reaction: '발진', severity: 'severe' }], medical_history: null,
        });
        const viaModel = (await models.Patient.findByPk(created.id))!.get({ plain: true });
        const model = models.Patient as unknown as ModelStatic<Model>;
        const [raw] = await selectRows(sequelize, `SELECT ${selectList(sequelize, model)} FROM patients_patient WHERE id = ?`, [created.id]);
        assert.deepEqual(rowConverter(model)(raw), viaModel);

        const user = await models.AuthUser.create({ username: 'driver.user', password: 'x', role: 'nurse' });
        const userModel = models.AuthUser as unknown as ModelStatic<Model>;
        const [rawUser] = await selectRows(sequelize, `SELECT ${selectList(sequelize, userModel)} FROM auth_user WHERE id = ?`, [user.id]);
        const converted = rowConverter(userModel)(rawUser);
        assert.equal(converted.is_active, true);
        assert.ok(converted.date_joined instanceof Date);
        assert.deepEqual(converted, (await models.AuthUser.findByPk(user.id))!.get({ plain: true }));
      } finally {
        await sequelize.close();
        await database.drop();
      }
    });

    test('a write transaction commits together or not at all', async () => {
      const database = await createTestDatabase(kind);
      const sequelize = await openDatabase(database.url);
      try {
        await migrate(sequelize);
        const models = defineModels(sequelize);
        const insert = 'INSERT INTO care_team_member (patient_id, department, relation, active, created_at) VALUES (?, ?, ?, ?, ?)';
        const patient = await models.Patient.create({ patient_id: 'PDRV00002', name: '트랜잭션', birth_date: '1970-01-01', gender: 'M' });
        await assert.rejects(withWriteConnection(sequelize, async (session) => {
          await session.run(insert, [patient.id, 'DERMATOLOGY', 'department', 1, session.date(new Date())]);
          throw new Error('abort');
        }), /abort/);
        assert.equal(await models.CareTeamMember.count(), 0);
        const result = await withWriteConnection(sequelize, (session) => session.run(
          `${insert}, (?, ?, ?, ?, ?)`,
          [patient.id, 'DERMATOLOGY', 'department', 1, session.date(new Date()), patient.id, 'NEUROSURGERY', 'department', 1, session.date(new Date())],
        ));
        assert.equal(result.affected, 2);
        assert.equal(result.lastId - result.insertId, 1);
        const rows = await models.CareTeamMember.findAll({ order: [['id', 'ASC']] });
        assert.deepEqual(rows.map((r) => [r.id, r.department]), [[result.insertId, 'DERMATOLOGY'], [result.lastId, 'NEUROSURGERY']]);
        assert.ok(rows[0].created_at instanceof Date && !Number.isNaN(rows[0].created_at.getTime()));
      } finally {
        await sequelize.close();
        await database.drop();
      }
    });
  });
}
