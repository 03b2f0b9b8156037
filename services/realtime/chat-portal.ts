import { Errors, type ServiceActionsSchema } from 'moleculer';
import { Op } from 'sequelize';
import { writeTransaction } from '../../models/database.js';
import type { AuditAction } from '../../lib/constants.js';
import type { PagingParams } from '../../lib/http/paging.js';
import type { ChatRoomAttributes } from '../../models/chat-room.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import { roleHas } from '../../lib/rbac/policy.js';
import { chatStaff, memberIds, push, type CareTeamRow, type ChatThis, type StaffName } from './chat-rooms.js';

const { MoleculerClientError } = Errors;

const id = { type: 'number', integer: true, positive: true, convert: true } as const;
/** Messages from the hospital side: staff senders (a patient's own have sender_id null). */
const fromStaff = { sender_id: { [Op.ne]: null } };

/**
 * The consultation room (진료상담) of the signed-in patient's own chart, or 404 (audited): a
 * patient sees no other room type and no other patient's room. The first visit links the
 * patient's portal account to the room, so the room's live messages reach them.
 */
async function patientRoom(self: ChatThis, ctx: CdssContext, roomId: number, actionType: AuditAction, resourceType = 'ChatRoom'): Promise<ChatRoomAttributes> {
  const user = ctx.meta.user!;
  const room = await self.db().models.ChatRoom.findByPk(roomId);
  const facts = { actionType, resourceType, resourceId: String(roomId), patientId: room?.related_patient_id ?? null };
  if (!room || user.realm !== 'patient' || !user.patientId || room.room_type !== 'CONSULTATION' || room.related_patient_id !== user.patientId) {
    await self.auditAccess(ctx, { ...facts, outcome: room ? 'denied' : 'error', description: room ? 'not the patient\'s consultation room' : 'chat room not found' });
    throw new MoleculerClientError(`채팅방 ${roomId}을(를) 찾을 수 없습니다 (chat room not found)`, 404, 'NOT_FOUND');
  }
  if (room.patient_user_id !== user.id) await room.update({ patient_user_id: user.id });
  await self.auditAccess(ctx, { ...facts, outcome: 'success' });
  return room.get({ plain: true });
}

function patientUnread(self: ChatThis, room: ChatRoomAttributes): Promise<number> {
  return self.db().models.ChatMessage.count({
    where: { room_id: room.id, ...fromStaff, ...(room.patient_last_read_at ? { created_at: { [Op.gt]: room.patient_last_read_at } } : {}) },
  });
}

/** Internal actions behind `/api/v1/portal/chat/*` (services/roles/patient-chat.ts): the caller is a patient. */
export const portalActions: ServiceActionsSchema = {
  portalRooms: {
    permission: 'internal',
    visibility: 'public',
    params: { page: { type: 'number', default: 1 }, pageSize: { type: 'number', default: 20 } },
    async handler(this: ChatThis, ctx: CdssContext<PagingParams>) {
      const { page, pageSize } = ctx.params;
      const patientId = ctx.meta.user?.patientId ?? null;
      const { rows, count } = await this.db().models.ChatRoom.findAndCountAll({
        where: { room_type: 'CONSULTATION', related_patient_id: patientId ?? -1 }, order: [['updated_at', 'DESC'], ['id', 'DESC']], limit: pageSize, offset: (page - 1) * pageSize,
      });
      const items = await Promise.all(rows.map(async (row) => ({ ...row.get({ plain: true }), unread: await patientUnread(this, row.get({ plain: true })) })));
      await this.auditAccess(ctx, { actionType: 'search', outcome: 'success', patientId, description: `my consultation rooms; ids ${items.map((i) => i.id).join(',')}`.slice(0, 500) });
      return { items, page, pageSize, total: count };
    },
  },

  portalRoom: {
    permission: 'internal',
    visibility: 'public',
    params: { id },
    async handler(this: ChatThis, ctx: CdssContext<{ id: number }>) {
      const room = await patientRoom(this, ctx, ctx.params.id, 'read');
      const staffIds = await memberIds(this, room.id);
      const names = await ctx.call<Record<number, StaffName>, { ids: number[] }>('staff.namesByIds', { ids: staffIds });
      return { ...room, unread: await patientUnread(this, room), members: staffIds.map((userId) => ({ userId, name: names[userId]?.name ?? null, staffRole: names[userId]?.role ?? null })) };
    },
  },

  /** Who on the patient's own care team the patient may start a consultation with (staff who chat). */
  portalContacts: {
    permission: 'internal',
    visibility: 'public',
    async handler(this: ChatThis, ctx: CdssContext) {
      const user = ctx.meta.user!;
      if (user.realm !== 'patient' || !user.patientId) return { items: [] };
      const team = (await ctx.call<CareTeamRow[], { patientId: number }>('patients.careTeam', { patientId: user.patientId })).filter((row) => row.userId);
      const ids = [...new Set(team.map((row) => row.userId!))];
      const names = ids.length ? await ctx.call<Record<number, StaffName>, { ids: number[] }>('staff.namesByIds', { ids }) : {};
      const items = team
        .filter((row, index) => names[row.userId!] && roleHas(names[row.userId!].role, 'chat.read') && team.findIndex((r) => r.userId === row.userId) === index)
        .map((row) => ({ userId: row.userId!, name: names[row.userId!].name, role: names[row.userId!].role, department: row.department, relation: row.relation }));
      return { items };
    },
  },

  portalCreate: {
    permission: 'internal',
    visibility: 'public',
    params: { staffUserId: { type: 'number', integer: true, positive: true } },
    async handler(this: ChatThis, ctx: CdssContext<{ staffUserId: number }>) {
      const user = ctx.meta.user!;
      if (!user.patientId) throw new MoleculerClientError('연결된 환자 기록이 없습니다. 원무과에 문의하세요 (no linked chart)', 404, 'NO_LINKED_CHART');
      const facts = { actionType: 'create' as const, resourceType: 'ChatRoom', patientId: user.patientId };
      const staff = await chatStaff(ctx, [ctx.params.staffUserId]);
      const team = await ctx.call<CareTeamRow[], { patientId: number }>('patients.careTeam', { patientId: user.patientId });
      // A patient chats with the people named on their own care team (not a whole department).
      if (!team.some((row) => row.userId === ctx.params.staffUserId)) {
        await this.auditAccess(ctx, { ...facts, outcome: 'denied', description: `staff ${ctx.params.staffUserId} not on the care team` });
        throw new MoleculerClientError('담당 진료팀 의료진과만 상담할 수 있습니다 (only your own care team)', 403, 'NOT_CARE_TEAM');
      }
      const { models, sequelize } = this.db();
      const room = await writeTransaction(sequelize, async (transaction) => {
        const row = await models.ChatRoom.create({
          room_type: 'CONSULTATION', name: `진료상담: ${user.name}`, related_patient_id: user.patientId, patient_user_id: user.id,
        }, { transaction });
        await models.ChatRoomMember.create({ room_id: row.id, user_id: ctx.params.staffUserId, role: 'ADMIN' }, { transaction });
        return row.get({ plain: true });
      });
      await this.auditAccess(ctx, { ...facts, outcome: 'success', resourceId: String(room.id), description: `with ${staff[ctx.params.staffUserId].name}` });
      push(ctx, [ctx.params.staffUserId], { type: 'chat.room', roomId: room.id, room });
      return room;
    },
  },

  portalMessages: {
    permission: 'internal',
    visibility: 'public',
    params: { id, before: { ...id, optional: true }, limit: { type: 'number', default: 50 } },
    async handler(this: ChatThis, ctx: CdssContext<{ id: number; before?: number; limit: number }>) {
      const { before, limit } = ctx.params;
      const room = await patientRoom(this, ctx, ctx.params.id, 'search', 'ChatMessage');
      const rows = await this.db().models.ChatMessage.findAll({ where: { room_id: room.id, ...(before ? { id: { [Op.lt]: before } } : {}) }, order: [['id', 'DESC']], limit: limit + 1 });
      const items = rows.slice(0, limit).map((r) => r.get({ plain: true }));
      return { items, hasMore: rows.length > limit, nextBefore: rows.length > limit ? items[items.length - 1].id : null };
    },
  },

  portalSend: {
    permission: 'internal',
    visibility: 'public',
    params: { id, content: { type: 'string', max: 4000 } },
    async handler(this: ChatThis, ctx: CdssContext<{ id: number; content: string }>) {
      const user = ctx.meta.user!;
      const room = await patientRoom(this, ctx, ctx.params.id, 'read');
      const content = ctx.params.content.trim();
      if (!content) invalidField('content', '메시지 내용을 입력하세요 (content required)');
      const { models, sequelize } = this.db();
      // Patients send text; images and records are shared by the care team, checked with staff rights.
      const message = await writeTransaction(sequelize, async (transaction) => {
        const row = await models.ChatMessage.create({ room_id: room.id, sender_id: null, sender_patient_user_id: user.id, message_type: 'TEXT', content }, { transaction });
        await models.ChatRoom.update({ updated_at: row.created_at, patient_last_read_at: row.created_at }, { where: { id: room.id }, transaction });
        return row.get({ plain: true });
      });
      await this.auditAccess(ctx, { actionType: 'create', resourceType: 'ChatMessage', resourceId: String(message.id), patientId: room.related_patient_id, outcome: 'success', description: `room ${room.id}` });
      push(ctx, await memberIds(this, room.id), { type: 'chat.message', roomId: room.id, message }, { patient_user_id: user.id });
      return message;
    },
  },

  portalRead: {
    permission: 'internal',
    visibility: 'public',
    params: { id },
    async handler(this: ChatThis, ctx: CdssContext<{ id: number }>) {
      const room = await patientRoom(this, ctx, ctx.params.id, 'update');
      const { models, sequelize } = this.db();
      const newest = await models.ChatMessage.findOne({ where: { room_id: room.id }, order: [['id', 'DESC']] });
      if (!newest) return { roomId: room.id, lastReadAt: room.patient_last_read_at, unread: 0 };
      await writeTransaction(sequelize, async (transaction) => {
        await models.ChatRoom.update({ patient_last_read_at: newest.created_at }, { where: { id: room.id }, transaction });
        await models.ChatMessage.update({ is_read: true }, { where: { room_id: room.id, ...fromStaff, id: { [Op.lte]: newest.id }, is_read: false }, transaction });
      });
      push(ctx, await memberIds(this, room.id), { type: 'chat.read', roomId: room.id, patient: true, lastReadAt: newest.created_at, upToMessageId: newest.id });
      return { roomId: room.id, lastReadAt: newest.created_at, unread: 0 };
    },
  },
};
