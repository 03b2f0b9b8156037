import { DataTypes, type ModelAttributeColumnOptions } from 'sequelize';

/**
 * Column builders for migrations, so every table states its DDL compactly and the same way on
 * SQLite and MariaDB. Migrations are frozen history: they never import the models.
 */
type Column = ModelAttributeColumnOptions;

export const col = {
  id: (): Column => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false }),
  uuid: (): Column => ({ type: DataTypes.UUID, primaryKey: true, allowNull: false }),
  string: (length = 255, allowNull = true): Column => ({ type: DataTypes.STRING(length), allowNull }),
  requiredString: (length = 255): Column => ({ type: DataTypes.STRING(length), allowNull: false }),
  text: (): Column => ({ type: DataTypes.TEXT, allowNull: true }),
  json: (): Column => ({ type: DataTypes.JSON, allowNull: true }),
  int: (allowNull = true): Column => ({ type: DataTypes.INTEGER, allowNull }),
  float: (): Column => ({ type: DataTypes.FLOAT, allowNull: true }),
  bool: (defaultValue = false): Column => ({ type: DataTypes.BOOLEAN, allowNull: false, defaultValue }),
  date: (allowNull = true): Column => ({ type: DataTypes.DATE(3), allowNull }),
  dateOnly: (allowNull = true): Column => ({ type: DataTypes.DATEONLY, allowNull }),
  createdAt: (): Column => ({ type: DataTypes.DATE(3), allowNull: false }),
  updatedAt: (): Column => ({ type: DataTypes.DATE(3), allowNull: false }),
  /** A foreign key to `table.id`; `onDelete` defaults to RESTRICT because health data is never cascaded away. */
  fk: (table: string, allowNull = true, onDelete: 'RESTRICT' | 'CASCADE' | 'SET NULL' = 'RESTRICT'): Column => ({
    type: DataTypes.INTEGER,
    allowNull,
    references: { model: table, key: 'id' },
    onDelete,
    onUpdate: 'CASCADE',
  }),
};
