import type { ServiceSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';

/** Lung cancer screening — placeholder while its issue #3 work lands. */
const LungScreeningService: ServiceSchema = {
  name: 'screening',
  mixins: [RbacMixin],
  settings: { rest: '/' },
  actions: {},
};

export default LungScreeningService;
