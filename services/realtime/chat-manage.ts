import { Errors } from 'moleculer';
import { Op } from 'sequelize';
import { writeTransaction } from '../../models/database.js';
import type { ChatRoomType } from '../../lib/constants-clinical.js';
import type { ChatRoomAttributes } from '../../models/chat-room.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import { chatStaff, checkCareTeam, memberIds, memberRoom, push, type ChatThis } from './chat-rooms.js';

const { MoleculerClientError } = Errors;

export interface CreateRoomParams {
  roomType: ChatRoomType;
  name?: string;
  memberIds: number[];
  patientId?: number;
  appointmentId?: string;
}

/** The one direct room of two users, if they have one already. */
async function existingDirect(self: ChatThis, a: number, b: number): Promise<ChatRoomAttributes | null> {
  const { models } = self.db();
  const mine = await models.ChatRoomMember.findAll({ where: { user_id: a }, attributes: ['room_id'] });
  if (!mine.length) return null;
  const shared = await models.ChatRoomMember.findAll({ where: { user_id: b, room_id: { [Op.in]: mine.map((m) => m.room_id) } }, attributes: ['room_id'] });
  if (!shared.length) return null;
  const room = await models.ChatRoom.findOne({ where: { id: { [Op.in]: shared.map((m) => m.room_id) }, room_type: 'DIRECT' } });
  return room ? room.get({ plain: true }) : null;
}

/**
 * Creates a room with the caller as its admin. A direct room has exactly one other member and is
 * reused if it exists; a group room needs a name; a consultation room (진료상담) names a patient in
 * the caller's scope, and every member must be on that patient's care team.
 */
export async function createRoom(self: ChatThis, ctx: CdssContext<CreateRoomParams>): Promise<ChatRoomAttributes & { created: boolean }> {
  const user = ctx.meta.user!;
  const { roomType, appointmentId } = ctx.params;
  const others = [...new Set(ctx.params.memberIds)].filter((id) => id !== user.id);
  let name = ctx.params.name?.trim() || null;
  let patientId: number | null = null;
  // The patient's portal account, when the caller's column scope shows it; otherwise the patient's first visit links it.
  let patientUserId: number | null = null;
  const facts = { actionType: 'create' as const, resourceType: 'ChatRoom' };
  try {
    const staff = await chatStaff(ctx, [user.id, ...others]);
    if (roomType === 'DIRECT') {
      if (others.length !== 1) invalidField('memberIds', '일대일 채팅방은 상대방 한 명을 지정합니다 (a direct room has exactly one other member)');
      const existing = await existingDirect(self, user.id, others[0]);
      if (existing) {
        await self.auditAccess(ctx, { actionType: 'read', resourceType: 'ChatRoom', resourceId: String(existing.id), outcome: 'success', description: 'existing direct room reused' });
        return { ...existing, created: false };
      }
    }
    if (roomType === 'GROUP' && !name) invalidField('name', '그룹 채팅방 이름을 입력하세요 (name required)');
    if (roomType === 'CONSULTATION') {
      if (!ctx.params.patientId) invalidField('patientId', '진료상담 채팅방은 환자를 지정합니다 (patientId required)');
      patientId = ctx.params.patientId;
      // Read with the caller's rights: 404 (audited by the patients actor) outside their scope.
      const patient = await ctx.call<{ name: string; user_account_id?: number | null }, { id: number }>('patients.get', { id: patientId });
      patientUserId = patient.user_account_id ?? null;
      await checkCareTeam(ctx, patientId, staff);
      name ??= `진료상담: ${patient.name}`;
    }
    if (appointmentId && roomType !== 'CONSULTATION') invalidField('appointmentId', '예약은 진료상담 채팅방에만 연결합니다 (appointment only for consultation rooms)');
    const { models, sequelize } = self.db();
    const room = await writeTransaction(sequelize, async (transaction) => {
      const row = await models.ChatRoom.create({
        room_type: roomType, name, created_by_id: user.id, related_patient_id: patientId, related_appointment_id: appointmentId ?? null,
        patient_user_id: patientUserId,
      }, { transaction });
      await models.ChatRoomMember.bulkCreate([
        { room_id: row.id, user_id: user.id, role: 'ADMIN' },
        ...others.map((id) => ({ room_id: row.id, user_id: id, role: 'MEMBER' as const })),
      ], { transaction });
      return row.get({ plain: true });
    });
    await self.auditAccess(ctx, { ...facts, outcome: 'success', resourceId: String(room.id), patientId, description: `${roomType}, members ${[user.id, ...others].join(',')}` });
    push(ctx, others, { type: 'chat.room', roomId: room.id, room }, room);
    return { ...room, created: true };
  } catch (err) {
    await self.auditAccess(ctx, { ...facts, outcome: err instanceof MoleculerClientError ? 'denied' : 'error', patientId, description: String((err as Error).message).slice(0, 500) });
    throw err;
  }
}

/** Adds a member: admins of group and consultation rooms only; consultation rooms keep to the care team. */
export async function addMember(self: ChatThis, ctx: CdssContext<{ id: number; userId: number }>) {
  const { room, member } = await memberRoom(self, ctx, ctx.params.id, 'update');
  if (room.room_type === 'DIRECT') throw new MoleculerClientError('일대일 채팅방에는 참여자를 추가할 수 없습니다 (direct rooms have two members)', 409, 'DIRECT_ROOM');
  if (member.role !== 'ADMIN') throw new MoleculerClientError('채팅방 관리자만 참여자를 추가할 수 있습니다 (room admins only)', 403, 'NOT_ROOM_ADMIN');
  const staff = await chatStaff(ctx, [ctx.params.userId]);
  if (room.room_type === 'CONSULTATION' && room.related_patient_id) await checkCareTeam(ctx, room.related_patient_id, staff);
  const { models } = self.db();
  const [row, created] = await models.ChatRoomMember.findOrCreate({ where: { room_id: room.id, user_id: ctx.params.userId }, defaults: { room_id: room.id, user_id: ctx.params.userId, role: 'MEMBER' } });
  if (created) push(ctx, await memberIds(self, room.id), { type: 'chat.member', roomId: room.id, added: ctx.params.userId });
  return row.get({ plain: true });
}

/** Removes a member: an admin removes anyone, a member only themself (leaving the room). */
export async function removeMember(self: ChatThis, ctx: CdssContext<{ id: number; userId: number }>) {
  const { room, member } = await memberRoom(self, ctx, ctx.params.id, 'delete');
  if (ctx.params.userId !== member.user_id && member.role !== 'ADMIN') {
    throw new MoleculerClientError('채팅방 관리자만 다른 참여자를 내보낼 수 있습니다 (room admins only)', 403, 'NOT_ROOM_ADMIN');
  }
  const before = await memberIds(self, room.id);
  const removed = await self.db().models.ChatRoomMember.destroy({ where: { room_id: room.id, user_id: ctx.params.userId } });
  if (!removed) throw new MoleculerClientError('채팅방 참여자가 아닙니다 (not a member)', 404, 'NOT_FOUND');
  push(ctx, before, { type: 'chat.member', roomId: room.id, removed: ctx.params.userId });
  return { roomId: room.id, userId: ctx.params.userId, removed: true };
}
