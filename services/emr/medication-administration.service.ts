import type { ServiceSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';

/** Medication administration record — placeholder while its issue #3 work lands. */
const MedicationAdministrationService: ServiceSchema = {
  name: 'mar',
  mixins: [RbacMixin],
  settings: { rest: '/' },
  actions: {},
};

export default MedicationAdministrationService;
