import { Errors, type Service } from 'moleculer';
import { Op } from 'sequelize';
import { roleHas } from '../../lib/rbac/policy.js';
import type { AuditAction, Role } from '../../lib/constants.js';
import type { DbMethods } from '../../mixins/db.mixin.js';
import type { ChatRoomAttributes } from '../../models/chat-room.js';
import type { ChatRoomMemberAttributes } from '../../models/chat-room-member.js';
import type { CdssContext } from '../context.js';

const { MoleculerClientError } = Errors;

export type ChatThis = Service & DbMethods;

/** What `staff.namesByIds` answers per user id. */
export interface StaffName {
  name: string;
  role: Role;
  department: string | null;
}

/** One row of `patients.careTeam`: a user, or a whole department, caring for the patient. */
export interface CareTeamRow {
  userId: number | null;
  department: string | null;
  relation: string;
}

export interface RoomAccess {
  room: ChatRoomAttributes;
  member: ChatRoomMemberAttributes;
}

/**
 * The room, if the caller is one of its members. Membership is the access rule of chat (not the
 * patient row scope: a group room of colleagues names no patient). A missing room is 404, a room
 * of others 403; both leave an audit row, and so does every successful access.
 */
export async function memberRoom(self: ChatThis, ctx: CdssContext, roomId: number, actionType: AuditAction, resourceType = 'ChatRoom'): Promise<RoomAccess> {
  const { models } = self.db();
  const user = ctx.meta.user!;
  const room = await models.ChatRoom.findByPk(roomId);
  const facts = { actionType, resourceType, resourceId: String(roomId), patientId: room?.related_patient_id ?? null };
  if (!room) {
    await self.auditAccess(ctx, { ...facts, outcome: 'error', description: 'chat room not found' });
    throw new MoleculerClientError(`채팅방 ${roomId}을(를) 찾을 수 없습니다 (chat room not found)`, 404, 'NOT_FOUND');
  }
  const member = await models.ChatRoomMember.findOne({ where: { room_id: roomId, user_id: user.id } });
  if (!member || user.realm !== 'staff') {
    await self.auditAccess(ctx, { ...facts, outcome: 'denied', description: 'not a member of the chat room' });
    throw new MoleculerClientError('이 채팅방의 참여자가 아닙니다 (not a member of this chat room)', 403, 'NOT_A_MEMBER');
  }
  await self.auditAccess(ctx, { ...facts, outcome: 'success' });
  return { room: room.get({ plain: true }), member: member.get({ plain: true }) };
}

/** User ids of a room's members: whom a new message or a read receipt is pushed to. */
export async function memberIds(self: ChatThis, roomId: number): Promise<number[]> {
  const rows = await self.db().models.ChatRoomMember.findAll({ where: { room_id: roomId }, attributes: ['user_id'] });
  return rows.map((r) => r.user_id);
}

/** Messages not sent by this staff member: other staff's, and the patient's (sender_id null). */
export function othersThan(userId: number) {
  return { [Op.or]: [{ sender_id: { [Op.ne]: userId } }, { sender_id: null }] };
}

/** Messages of others after the member's last read (all of them if never read). */
export async function unreadCount(self: ChatThis, member: Pick<ChatRoomMemberAttributes, 'room_id' | 'user_id' | 'last_read_at'>): Promise<number> {
  return self.db().models.ChatMessage.count({
    where: {
      room_id: member.room_id,
      ...othersThan(member.user_id),
      ...(member.last_read_at ? { created_at: { [Op.gt]: member.last_read_at } } : {}),
    },
  });
}

/**
 * Checks that every id is a staff account that may chat; answers their names. Chat members are
 * staff accounts (chat_room_member.user_id references auth_user).
 */
export async function chatStaff(ctx: CdssContext, ids: number[]): Promise<Record<number, StaffName>> {
  const names = ids.length ? await ctx.call<Record<number, StaffName>, { ids: number[] }>('staff.namesByIds', { ids }) : {};
  const invalid = ids.filter((id) => !names[id] || !roleHas(names[id].role, 'chat.read'));
  if (invalid.length) {
    throw new MoleculerClientError(`채팅에 참여할 수 없는 사용자입니다: ${invalid.join(', ')} (not a staff member who may chat)`, 422, 'INVALID_MEMBER', { userIds: invalid });
  }
  return names;
}

/**
 * Consultation rooms (진료상담) are for the patient's care team only: every staff member must be
 * on the patient's care team by name or by department (the same rule as the row scope).
 */
export async function checkCareTeam(ctx: CdssContext, patientId: number, members: Record<number, StaffName>): Promise<void> {
  const team = await ctx.call<CareTeamRow[], { patientId: number }>('patients.careTeam', { patientId });
  const outside = Object.entries(members)
    .filter(([id, staff]) => !team.some((row) => row.userId === Number(id) || (row.department !== null && row.department === staff.department)))
    .map(([id]) => Number(id));
  if (outside.length) {
    throw new MoleculerClientError(`진료상담 채팅방에는 환자의 진료팀만 참여할 수 있습니다: ${outside.join(', ')} (not on the patient's care team)`, 403, 'NOT_CARE_TEAM', { userIds: outside });
  }
}

/**
 * Tells the members' open sockets (any gateway node) about a change; the gateway's events socket
 * forwards `realtime.push`. A consultation room's patient is told through their portal account
 * (`realm: 'patient'`: patient and staff accounts number independently).
 */
export function push(ctx: CdssContext, userIds: number[], payload: Record<string, unknown> & { type: string }, room?: Pick<ChatRoomAttributes, 'patient_user_id'>): void {
  if (userIds.length) ctx.broadcast('realtime.push', { userIds, payload });
  if (room?.patient_user_id) ctx.broadcast('realtime.push', { userIds: [room.patient_user_id], realm: 'patient', payload });
}
