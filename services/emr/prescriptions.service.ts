import type { ServiceSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';

/** Prescriptions and certificates — placeholder while its issue #3 work lands. */
const PrescriptionsService: ServiceSchema = {
  name: 'prescriptions',
  mixins: [RbacMixin],
  settings: { rest: '/' },
  actions: {},
};

export default PrescriptionsService;
