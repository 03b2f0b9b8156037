import type { QueryInterface } from 'sequelize';

// Placeholder while the issue #3 work that owns this migration lands; it changes nothing yet.
export async function up(_: { context: QueryInterface }): Promise<void> {}

export async function down(_: { context: QueryInterface }): Promise<void> {}
