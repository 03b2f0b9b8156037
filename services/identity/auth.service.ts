import { randomUUID } from 'node:crypto';
import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { Op, UniqueConstraintError } from 'sequelize';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { audit } from '../../mixins/audit.js';
import type { Realm } from '../../lib/constants.js';
import { dummyPasswordHash, hashPassword, passwordPolicyViolations, verifyPassword } from '../../lib/security/passwords.js';
import { hashRefreshToken, newRefreshToken, signAccessToken, type AccessClaims } from '../../lib/security/tokens.js';
import type { AuthUser } from '../../models/auth-user.js';
import type { PatientUser } from '../../models/patient-user.js';
import type { CdssContext } from '../context.js';
import { runtimeOf, type Database, type Runtime } from '../runtime.js';
import { profileModel } from './accounts.js';
import { seedDemoData } from '../../models/demo/seed.js';

const { MoleculerClientError } = Errors;

export interface LoginParams { username: string; password: string }
export interface PatientLoginParams { login: string; password: string }
export interface PatientSignupParams {
  accountId: string;
  email: string;
  name: string;
  password: string;
  birthDate: string;
  phone?: string;
  patientNumber?: string;
}
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  realm: Realm;
}

type Account = AuthUser | PatientUser;
type AuthThis = Service & { db: Database; runtime: Runtime } & AuthMethods;
interface AuthMethods {
  claimsFor(realm: Realm, account: Account): Promise<Omit<AccessClaims, 'sessionId'>>;
  issueTokens(ctx: CdssContext, realm: Realm, account: Account, familyId?: string): Promise<TokenPair>;
  checkPassword(ctx: CdssContext, realm: Realm, account: Account | null, password: string, name: string): Promise<Account>;
  revokeFamily(familyId: string, reason: 'logout' | 'reuse-detected' | 'admin'): Promise<void>;
}

const INVALID_LOGIN = '아이디 또는 비밀번호가 올바르지 않습니다 (invalid credentials)';

/** Authentication for both realms: staff (auth_user) and patients (patient_user). Seed §2.0, §7.1, §8.1. */
const AuthService: ServiceSchema<ServiceSettingSchema, AuthThis> = {
  name: 'auth',
  mixins: [RbacMixin],
  settings: { rest: '/' },

  actions: {
    login: {
      rest: 'POST /login',
      permission: 'public',
      rateLimit: 'login',
      summary: '의료진 로그인 / staff login',
      params: { username: { type: 'string', min: 1, max: 150 }, password: { type: 'string', min: 1, max: 128 }, $$strict: true },
      async handler(this: AuthThis, ctx: CdssContext<LoginParams>): Promise<TokenPair> {
        const user = await this.db.models.AuthUser.findOne({ where: { username: ctx.params.username } });
        const account = await this.checkPassword(ctx, 'staff', user, ctx.params.password, ctx.params.username);
        return this.issueTokens(ctx, 'staff', account);
      },
    },

    patientLogin: {
      rest: 'POST /patient/login',
      permission: 'public',
      rateLimit: 'login',
      summary: '환자 로그인 (아이디 또는 이메일) / patient login by account id or email',
      params: { login: { type: 'string', min: 1, max: 254 }, password: { type: 'string', min: 1, max: 128 }, $$strict: true },
      async handler(this: AuthThis, ctx: CdssContext<PatientLoginParams>): Promise<TokenPair> {
        const login = ctx.params.login.trim();
        const user = await this.db.models.PatientUser.findOne({ where: { [Op.or]: [{ account_id: login }, { email: login.toLowerCase() }] } });
        const account = await this.checkPassword(ctx, 'patient', user, ctx.params.password, login);
        return this.issueTokens(ctx, 'patient', account);
      },
    },

    patientSignup: {
      rest: 'POST /patient/signup',
      permission: 'public',
      rateLimit: 'login',
      summary: '환자 회원가입 / patient sign-up (links a chart when patientNumber, name and birth date match)',
      params: {
        accountId: { type: 'string', pattern: /^[A-Za-z0-9._-]{4,32}$/, messages: { stringPattern: '아이디는 영문·숫자·._- 4~32자입니다 (4-32 letters, digits, . _ -)' } },
        email: { type: 'email', max: 254 },
        name: { type: 'string', min: 1, max: 100, trim: true },
        password: { type: 'string', min: 1, max: 128 },
        birthDate: { type: 'string', pattern: /^\d{4}-\d{2}-\d{2}$/, messages: { stringPattern: '생년월일은 YYYY-MM-DD 형식입니다 (birthDate must be YYYY-MM-DD)' } },
        phone: { type: 'string', optional: true, pattern: /^[0-9+\- ]{7,20}$/ },
        patientNumber: { type: 'string', optional: true, max: 20 },
        $$strict: true,
      },
      async handler(this: AuthThis, ctx: CdssContext<PatientSignupParams>) {
        const p = ctx.params;
        if (Number.isNaN(Date.parse(p.birthDate)) || new Date(p.birthDate) > new Date()) {
          throw new MoleculerClientError('생년월일이 올바르지 않습니다 (invalid birthDate)', 422, 'VALIDATION_ERROR', [{ field: 'birthDate', message: 'invalid date' }]);
        }
        const violations = passwordPolicyViolations(p.password, p.accountId);
        if (violations.length) throw new MoleculerClientError(violations.join(' '), 422, 'PASSWORD_POLICY', violations.map((message) => ({ field: 'password', message })));
        const { sequelize, models } = this.db;
        try {
          const account = await sequelize.transaction(async (transaction) => {
            let chart = null;
            if (p.patientNumber) {
              chart = await models.Patient.findOne({ where: { patient_id: p.patientNumber, name: p.name, birth_date: p.birthDate }, transaction });
              if (!chart || chart.user_account_id) {
                throw new MoleculerClientError('환자번호·이름·생년월일이 일치하는 미등록 환자가 없습니다 (no unlinked chart matches)', 422, 'CHART_MISMATCH');
              }
            }
            const user = await models.PatientUser.create({
              account_id: p.accountId, email: p.email.toLowerCase(), name: p.name, password: await hashPassword(p.password),
              phone: p.phone ?? null, birth_date: p.birthDate, patient_id: chart?.patient_id ?? null,
            }, { transaction });
            if (chart) await chart.update({ user_account_id: user.id }, { transaction });
            return user;
          });
          await audit(ctx, { actionType: 'create', resourceType: 'PatientUser', resourceId: String(account.id), outcome: 'success', realm: 'patient', userId: String(account.id), role: 'patient' });
          return { id: account.id, accountId: account.account_id, email: account.email, name: account.name, linked: account.patient_id !== null, patientNumber: account.patient_id };
        } catch (err) {
          if (err instanceof UniqueConstraintError) throw new MoleculerClientError('이미 사용 중인 아이디 또는 이메일입니다 (account id or email taken)', 409, 'ACCOUNT_EXISTS');
          throw err;
        }
      },
    },

    refresh: {
      rest: 'POST /refresh',
      permission: 'public',
      summary: '토큰 갱신 (회전) / rotate the refresh token',
      params: { refreshToken: { type: 'string', min: 20, max: 200 }, $$strict: true },
      async handler(this: AuthThis, ctx: CdssContext<{ refreshToken: string }>): Promise<TokenPair> {
        const { models } = this.db;
        const stored = await models.RefreshToken.findOne({ where: { token_hash: hashRefreshToken(ctx.params.refreshToken) } });
        const reject = (message: string, type: string) => new MoleculerClientError(message, 401, type);
        if (!stored) throw reject('유효하지 않은 토큰입니다 (invalid refresh token)', 'INVALID_TOKEN');
        const auditFacts = { resourceType: 'Session', resourceId: stored.family_id, realm: stored.realm, userId: String(stored.user_id) };
        if (stored.revoked_at) {
          if (stored.revoked_reason === 'rotated') {
            // An already-rotated token came back: it was stolen or replayed. End the whole session.
            await this.revokeFamily(stored.family_id, 'reuse-detected');
            await audit(ctx, { ...auditFacts, actionType: 'login', outcome: 'denied', description: 'refresh token reuse detected; session revoked' });
            throw reject('재사용된 토큰이 감지되어 세션이 종료되었습니다 (refresh token reuse detected)', 'TOKEN_REUSED');
          }
          throw reject('세션이 종료되었습니다 (session revoked)', 'SESSION_REVOKED');
        }
        if (stored.expires_at.getTime() < Date.now()) throw reject('세션이 만료되었습니다 (refresh token expired)', 'TOKEN_EXPIRED');
        // Conditional update: of two concurrent refreshes with one token, only one wins.
        const [won] = await models.RefreshToken.update(
          { revoked_at: new Date(), revoked_reason: 'rotated' },
          { where: { id: stored.id, revoked_at: null } },
        );
        if (won !== 1) {
          await this.revokeFamily(stored.family_id, 'reuse-detected');
          throw reject('재사용된 토큰이 감지되어 세션이 종료되었습니다 (refresh token reuse detected)', 'TOKEN_REUSED');
        }
        const account = stored.realm === 'staff'
          ? await models.AuthUser.findByPk(stored.user_id)
          : await models.PatientUser.findByPk(stored.user_id);
        if (!account || !account.is_active) {
          await this.revokeFamily(stored.family_id, 'admin');
          throw reject('비활성화된 계정입니다 (account disabled)', 'ACCOUNT_DISABLED');
        }
        return this.issueTokens(ctx, stored.realm, account, stored.family_id);
      },
    },

    logout: {
      rest: 'POST /logout',
      permission: 'authenticated',
      summary: '로그아웃 (세션 폐기) / log out and revoke the session',
      async handler(this: AuthThis, ctx: CdssContext) {
        const user = ctx.meta.user!;
        await this.revokeFamily(user.sessionId, 'logout');
        await audit(ctx, { actionType: 'logout', resourceType: 'Session', resourceId: user.sessionId, outcome: 'success' });
        return { ok: true };
      },
    },

    me: {
      rest: 'GET /me',
      permission: 'authenticated',
      summary: '내 계정 정보 (역할, 진료과, 프로필) / who am I',
      async handler(this: AuthThis, ctx: CdssContext) {
        const user = ctx.meta.user!;
        const { models } = this.db;
        if (user.realm === 'patient') {
          const account = await models.PatientUser.findByPk(user.id);
          if (!account) throw new MoleculerClientError('계정을 찾을 수 없습니다 (account not found)', 404, 'NOT_FOUND');
          return {
            realm: 'patient', role: 'patient', id: account.id, accountId: account.account_id, name: account.name,
            email: account.email, patientNumber: account.patient_id, patientId: user.patientId,
          };
        }
        const account = await models.AuthUser.findByPk(user.id);
        if (!account) throw new MoleculerClientError('계정을 찾을 수 없습니다 (account not found)', 404, 'NOT_FOUND');
        const profile = await profileModel(models, account.role)?.findOne({ where: { user_id: account.id } });
        return {
          realm: 'staff', role: account.role, id: account.id, username: account.username, department: account.department,
          name: profile?.name ?? `${account.last_name ?? ''}${account.first_name ?? ''}`, email: account.email,
          profile: profile ? profile.get({ plain: true }) : null,
        };
      },
    },

    revokeUser: {
      permission: 'internal',
      visibility: 'public',
      params: { realm: { type: 'enum', values: ['staff', 'patient'] }, userId: 'number' },
      async handler(this: AuthThis, ctx: CdssContext<{ realm: Realm; userId: number }>) {
        const rows = await this.db.models.RefreshToken.findAll({
          attributes: ['family_id'], where: { realm: ctx.params.realm, user_id: ctx.params.userId, revoked_at: null }, group: ['family_id'],
        });
        for (const row of rows) await this.revokeFamily(row.family_id, 'admin');
        return { revoked: rows.length };
      },
    },

    /** The portal account linked to a chart, if any (patients without one are told nothing on the portal). */
    portalAccountOf: {
      permission: 'internal',
      visibility: 'public',
      params: { patientId: { type: 'number', integer: true, positive: true } },
      async handler(this: AuthThis, ctx: CdssContext<{ patientId: number }>): Promise<{ userId: number | null }> {
        const { models } = this.db;
        const chart = await models.Patient.findByPk(ctx.params.patientId, { attributes: ['user_account_id'] });
        if (!chart?.user_account_id) return { userId: null };
        const account = await models.PatientUser.findByPk(chart.user_account_id, { attributes: ['id', 'is_active'] });
        return { userId: account?.is_active ? account.id : null };
      },
    },

    revokedSessions: {
      permission: 'internal',
      visibility: 'public',
      async handler(this: AuthThis) {
        const since = new Date(Date.now() - this.runtime.config.accessTokenTtlSeconds * 1000);
        const rows = await this.db.models.RefreshToken.findAll({
          attributes: ['family_id'],
          where: { revoked_at: { [Op.gte]: since }, revoked_reason: { [Op.ne]: 'rotated' } },
          group: ['family_id'],
        });
        return rows.map((r) => r.family_id);
      },
    },
  },

  methods: {
    async claimsFor(this: AuthThis, realm: Realm, account: Account) {
      const { models } = this.db;
      if (realm === 'patient') {
        const patientUser = account as PatientUser;
        const chart = await models.Patient.findOne({ where: { user_account_id: patientUser.id }, attributes: ['id'] });
        return { sub: String(patientUser.id), realm, role: 'patient' as const, name: patientUser.name, department: null, patientId: chart?.id ?? null, staffId: null };
      }
      const staff = account as AuthUser;
      const profile = await profileModel(models, staff.role)?.findOne({ where: { user_id: staff.id } });
      return {
        sub: String(staff.id), realm, role: staff.role, name: profile?.name ?? staff.username,
        department: staff.department, patientId: null, staffId: profile?.code ?? null,
      };
    },

    async issueTokens(this: AuthThis, ctx: CdssContext, realm: Realm, account: Account, familyId = randomUUID()): Promise<TokenPair> {
      const { config } = this.runtime;
      const refresh = newRefreshToken();
      await this.db.models.RefreshToken.create({
        token_hash: refresh.hash, family_id: familyId, realm, user_id: account.id,
        expires_at: new Date(Date.now() + config.refreshTokenTtlSeconds * 1000),
        created_ip: ctx.meta.ip ?? null, user_agent: ctx.meta.userAgent?.slice(0, 300) ?? null,
      });
      const claims = { ...(await this.claimsFor(realm, account)), sessionId: familyId };
      const accessToken = await signAccessToken(claims, this.runtime.signingKey(), config.accessTokenTtlSeconds);
      return { accessToken, refreshToken: refresh.token, tokenType: 'Bearer', expiresIn: config.accessTokenTtlSeconds, realm };
    },

    /** Password check with lockout: N failures lock the account for M minutes (CDSS_LOCKOUT_*). */
    async checkPassword(this: AuthThis, ctx: CdssContext, realm: Realm, account: Account | null, password: string, name: string): Promise<Account> {
      const { lockoutThreshold, lockoutMinutes } = this.runtime.config;
      const facts = { actionType: 'login' as const, resourceType: 'Session', realm, role: realm === 'patient' ? 'patient' : (account as AuthUser | null)?.role ?? null, userId: account ? String(account.id) : null };
      if (!account) {
        await verifyPassword(password, await dummyPasswordHash()); // same cost as a real check: no account enumeration by timing
        await audit(ctx, { ...facts, outcome: 'denied', description: `unknown account '${name.slice(0, 64)}'` });
        throw new MoleculerClientError(INVALID_LOGIN, 401, 'INVALID_CREDENTIALS');
      }
      if (account.locked_until && account.locked_until.getTime() > Date.now()) {
        await audit(ctx, { ...facts, outcome: 'denied', description: 'account locked' });
        const retryAfter = Math.ceil((account.locked_until.getTime() - Date.now()) / 1000);
        ctx.meta.$responseHeaders = { 'Retry-After': String(retryAfter) };
        throw new MoleculerClientError(`로그인 실패가 반복되어 계정이 잠겼습니다. ${Math.ceil(retryAfter / 60)}분 후 다시 시도하세요 (account locked)`, 423, 'ACCOUNT_LOCKED', { retryAfter });
      }
      if (!(await verifyPassword(password, account.password))) {
        const failures = account.failed_login_count + 1;
        const lock = failures >= lockoutThreshold;
        await (account as AuthUser).update({ failed_login_count: lock ? 0 : failures, locked_until: lock ? new Date(Date.now() + lockoutMinutes * 60_000) : null });
        await audit(ctx, { ...facts, outcome: 'denied', description: lock ? `wrong password; locked for ${lockoutMinutes} min` : `wrong password (${failures})` });
        throw new MoleculerClientError(INVALID_LOGIN, 401, 'INVALID_CREDENTIALS');
      }
      if (!account.is_active) {
        await audit(ctx, { ...facts, outcome: 'denied', description: 'account disabled' });
        throw new MoleculerClientError('비활성화된 계정입니다. 관리자에게 문의하세요 (account disabled)', 403, 'ACCOUNT_DISABLED');
      }
      await (account as AuthUser).update({ failed_login_count: 0, locked_until: null, last_login: new Date() });
      await audit(ctx, { ...facts, outcome: 'success' });
      return account;
    },

    async revokeFamily(this: AuthThis, familyId: string, reason: 'logout' | 'reuse-detected' | 'admin') {
      await this.db.models.RefreshToken.update({ revoked_at: new Date(), revoked_reason: reason }, { where: { family_id: familyId, revoked_at: null } });
      await this.broker.broadcast('auth.sessionRevoked', { sessionId: familyId });
    },
  },

  async started(this: AuthThis) {
    this.runtime = runtimeOf(this.broker);
    this.db = await this.runtime.database();
    if (this.runtime.config.demo) await seedDemoData(this.db, this.runtime.config, this.logger);
  },
};

export default AuthService;
