import type { ServiceSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';

/** Front desk billing — placeholder while its issue #3 work lands. */
const BillingService: ServiceSchema = {
  name: 'billing',
  mixins: [RbacMixin],
  settings: { rest: '/' },
  actions: {},
};

export default BillingService;
