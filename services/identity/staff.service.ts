import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { Op, UniqueConstraintError, type WhereOptions } from 'sequelize';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { audit } from '../../mixins/audit.js';
import { DEPARTMENT_CODES, STAFF_ROLE_CODES, type StaffRole } from '../../lib/constants.js';
import { hashPassword, passwordPolicyViolations } from '../../lib/security/passwords.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import type { AuthUser } from '../../models/auth-user.js';
import type { CdssContext } from '../context.js';
import { runtimeOf, type Database } from '../runtime.js';
import { createStaffAccountSafely, profileModel, temporaryPassword, type NewStaff } from './accounts.js';

const { MoleculerClientError } = Errors;

export interface StaffView {
  id: number;
  username: string;
  role: StaffRole;
  name: string;
  staffId: string | null;
  department: string | null;
  email: string | null;
  phone: string | null;
  isActive: boolean;
  lastLogin: Date | null;
  lockedUntil: Date | null;
}

type StaffThis = Service & { db: Database } & {
  view(user: AuthUser): Promise<StaffView>;
  findUser(id: number): Promise<AuthUser>;
};

/** Roles that chat (lib/rbac/policy.ts chat.read): the people, not the service accounts. */
const CHAT_ROLES: StaffRole[] = ['doctor', 'nurse', 'radiology_technician', 'radiologist'];
const ASSIGNABLE_DEPARTMENTS = [...DEPARTMENT_CODES, 'ADMINISTRATION', 'RADIOLOGY'];

function checkPolicy(password: string, username: string): void {
  const violations = passwordPolicyViolations(password, username);
  if (violations.length) throw new MoleculerClientError(violations.join(' '), 422, 'PASSWORD_POLICY', violations.map((message) => ({ field: 'password', message })));
}

/** Staff account management for the system administrator (create, disable, reset, assign department). */
const StaffService: ServiceSchema<ServiceSettingSchema, StaffThis> = {
  name: 'staff',
  mixins: [RbacMixin],
  settings: { rest: '/staff' },

  actions: {
    list: {
      rest: 'GET /',
      permission: 'staff.manage',
      summary: '직원 계정 목록 / list staff accounts',
      params: {
        ...pagingParams,
        role: { type: 'enum', values: STAFF_ROLE_CODES, optional: true },
        department: { type: 'string', optional: true, max: 32 },
        q: { type: 'string', optional: true, max: 100 },
      },
      async handler(this: StaffThis, ctx: CdssContext<PagingParams & { role?: StaffRole; department?: string; q?: string }>) {
        const { page, pageSize, role, department, q } = ctx.params;
        const where: WhereOptions = {
          ...(role ? { role } : {}),
          ...(department ? { department } : {}),
          ...(q ? { [Op.or]: [{ username: { [Op.like]: `%${q}%` } }, { last_name: { [Op.like]: `${q}%` } }] } : {}),
        };
        const { rows, count } = await this.db.models.AuthUser.findAndCountAll({ where, order: [['id', 'ASC']], limit: pageSize, offset: (page - 1) * pageSize });
        return { items: await Promise.all(rows.map((u) => this.view(u))), page, pageSize, total: count };
      },
    },

    get: {
      rest: 'GET /:id',
      permission: 'staff.manage',
      summary: '직원 계정 상세 / one staff account',
      params: { id: { type: 'number', integer: true, positive: true, convert: true } },
      async handler(this: StaffThis, ctx: CdssContext<{ id: number }>) {
        return this.view(await this.findUser(ctx.params.id));
      },
    },

    create: {
      rest: 'POST /',
      permission: 'staff.manage',
      summary: '직원 계정 생성 (임시 비밀번호 발급) / create a staff account',
      params: {
        username: { type: 'string', pattern: /^[a-z0-9._-]{3,64}$/, messages: { stringPattern: '아이디는 영문 소문자·숫자·._- 3~64자입니다' } },
        role: { type: 'enum', values: STAFF_ROLE_CODES },
        name: { type: 'string', min: 1, max: 100, trim: true },
        department: { type: 'enum', values: ASSIGNABLE_DEPARTMENTS, optional: true },
        password: { type: 'string', optional: true, max: 128 },
        email: { type: 'email', optional: true },
        phone: { type: 'string', optional: true, max: 32 },
        licenseNumber: { type: 'string', optional: true, max: 32 },
        specialization: { type: 'string', optional: true, max: 200 },
        position: { type: 'string', optional: true, max: 64 },
        $$strict: true,
      },
      async handler(this: StaffThis, ctx: CdssContext<Omit<NewStaff, 'password'> & { password?: string }>) {
        const input = ctx.params;
        if ((input.role === 'doctor' || input.role === 'nurse') && !input.department) {
          throw new MoleculerClientError('의사·간호사는 진료과가 필요합니다 (department required for doctors and nurses)', 422, 'VALIDATION_ERROR', [{ field: 'department', message: 'required' }]);
        }
        const password = input.password ?? temporaryPassword();
        checkPolicy(password, input.username);
        try {
          const { user } = await createStaffAccountSafely(this.db.sequelize, this.db.models, { ...input, password });
          await audit(ctx, { actionType: 'admin', resourceType: 'StaffAccount', resourceId: String(user.id), outcome: 'success', description: `created ${input.role} ${input.username}` });
          return { ...(await this.view(user)), temporaryPassword: input.password ? undefined : password };
        } catch (err) {
          if (err instanceof UniqueConstraintError) throw new MoleculerClientError('이미 사용 중인 아이디입니다 (username taken)', 409, 'ACCOUNT_EXISTS');
          throw err;
        }
      },
    },

    update: {
      rest: 'PATCH /:id',
      permission: 'staff.manage',
      summary: '직원 정보 수정·진료과 배정·활성화 / update, assign department, enable or disable',
      params: {
        id: { type: 'number', integer: true, positive: true, convert: true },
        department: { type: 'enum', values: ASSIGNABLE_DEPARTMENTS, optional: true },
        name: { type: 'string', min: 1, max: 100, optional: true, trim: true },
        email: { type: 'email', optional: true },
        phone: { type: 'string', optional: true, max: 32 },
        isActive: { type: 'boolean', optional: true },
        $$strict: true,
      },
      async handler(this: StaffThis, ctx: CdssContext<{ id: number; department?: string; name?: string; email?: string; phone?: string; isActive?: boolean }>) {
        const { id, department, name, email, phone, isActive } = ctx.params;
        if (id === ctx.meta.user?.id && isActive === false) {
          throw new MoleculerClientError('자기 계정은 비활성화할 수 없습니다 (cannot disable yourself)', 409, 'SELF_DISABLE');
        }
        const user = await this.findUser(id);
        await this.db.sequelize.transaction(async (transaction) => {
          await user.update({
            ...(department !== undefined ? { department } : {}),
            ...(email !== undefined ? { email } : {}),
            ...(isActive !== undefined ? { is_active: isActive } : {}),
          }, { transaction });
          const profile = await profileModel(this.db.models, user.role)?.findOne({ where: { user_id: user.id }, transaction });
          await profile?.update({
            ...(department !== undefined ? { department } : {}),
            ...(name !== undefined ? { name } : {}),
            ...(email !== undefined ? { email } : {}),
            ...(phone !== undefined ? { phone } : {}),
          }, { transaction });
        });
        if (isActive === false || department !== undefined) await ctx.call('auth.revokeUser', { realm: 'staff', userId: id });
        await audit(ctx, { actionType: 'admin', resourceType: 'StaffAccount', resourceId: String(id), outcome: 'success', description: `updated ${Object.keys(ctx.params).filter((k) => k !== 'id').join(', ')}` });
        return this.view(user);
      },
    },

    resetPassword: {
      rest: 'POST /:id/reset-password',
      permission: 'staff.manage',
      summary: '비밀번호 초기화 (임시 비밀번호, 세션 폐기, 잠금 해제) / reset password',
      params: { id: { type: 'number', integer: true, positive: true, convert: true }, password: { type: 'string', optional: true, max: 128 }, $$strict: true },
      async handler(this: StaffThis, ctx: CdssContext<{ id: number; password?: string }>) {
        const user = await this.findUser(ctx.params.id);
        const password = ctx.params.password ?? temporaryPassword();
        checkPolicy(password, user.username);
        await user.update({ password: await hashPassword(password), password_changed_at: new Date(), failed_login_count: 0, locked_until: null });
        await ctx.call('auth.revokeUser', { realm: 'staff', userId: user.id });
        await audit(ctx, { actionType: 'admin', resourceType: 'StaffAccount', resourceId: String(user.id), outcome: 'success', description: 'password reset' });
        return { id: user.id, temporaryPassword: ctx.params.password ? undefined : password };
      },
    },

    /** Colleagues someone may start a chat with: active clinical staff, name, role and department only. */
    directory: {
      permission: 'internal',
      visibility: 'public',
      params: { q: { type: 'string', optional: true, max: 100 }, limit: { type: 'number', integer: true, positive: true, max: 200, default: 50 } },
      async handler(this: StaffThis, ctx: CdssContext<{ q?: string; limit: number }>) {
        const users = await this.db.models.AuthUser.findAll({
          where: { is_active: true, role: CHAT_ROLES }, order: [['role', 'ASC'], ['id', 'ASC']],
        });
        const views = await Promise.all(users.map((u) => this.view(u)));
        const q = ctx.params.q?.trim();
        return views
          .filter((v) => !q || v.name.includes(q) || v.username.includes(q.toLowerCase()))
          .slice(0, ctx.params.limit)
          .map((v) => ({ id: v.id, name: v.name, role: v.role, department: v.department }));
      },
    },

    namesByIds: {
      permission: 'internal',
      visibility: 'public',
      params: { ids: { type: 'array', items: 'number', max: 1000 } },
      async handler(this: StaffThis, ctx: CdssContext<{ ids: number[] }>) {
        const users = await this.db.models.AuthUser.findAll({ where: { id: ctx.params.ids } });
        const views = await Promise.all(users.map((u) => this.view(u)));
        return Object.fromEntries(views.map((v) => [v.id, { name: v.name, role: v.role, department: v.department }]));
      },
    },
  },

  methods: {
    async view(this: StaffThis, user: AuthUser): Promise<StaffView> {
      const profile = await profileModel(this.db.models, user.role)?.findOne({ where: { user_id: user.id } });
      return {
        id: user.id, username: user.username, role: user.role, name: profile?.name ?? `${user.last_name ?? ''}${user.first_name ?? ''}`,
        staffId: profile?.code ?? null, department: user.department, email: user.email, phone: profile?.phone ?? null,
        isActive: user.is_active, lastLogin: user.last_login, lockedUntil: user.locked_until,
      };
    },
    async findUser(this: StaffThis, id: number): Promise<AuthUser> {
      const user = await this.db.models.AuthUser.findByPk(id);
      if (!user) throw new MoleculerClientError(`직원 계정 ${id}을(를) 찾을 수 없습니다 (staff account not found)`, 404, 'NOT_FOUND');
      return user;
    },
  },

  async started(this: StaffThis) {
    this.db = await runtimeOf(this.broker).database();
  },
};

export default StaffService;
