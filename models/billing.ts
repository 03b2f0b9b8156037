import type { Sequelize } from 'sequelize';

/** The billing models (migration 0007): placeholder until the billing work lands. */
export function defineBillingModels(_sequelize: Sequelize) {
  return {};
}
