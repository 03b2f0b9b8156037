import { Errors } from 'moleculer';
import { Op } from 'sequelize';
import { writeTransaction } from '../../models/database.js';
import type { ChatMessageType } from '../../lib/constants-clinical.js';
import type { ChatMessageAttributes } from '../../models/chat-message.js';
import type { ChatRoomAttributes } from '../../models/chat-room.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import { memberIds, memberRoom, othersThan, push, type ChatThis } from './chat-rooms.js';

const { MoleculerClientError } = Errors;

export interface SendParams {
  id: number;
  messageType?: ChatMessageType;
  content?: string;
  fileUrl?: string;
  imageId?: number;
  recordId?: number;
}

export interface MessageListParams {
  id: number;
  before?: number;
  limit: number;
}

/**
 * Attachments are links into this API (an uploaded document, an image download), never outside
 * addresses: whoever opens one goes through that route's own permission and scope checks, and a
 * chat cannot carry `javascript:` or tracking URLs to a colleague.
 */
const INTERNAL_LINK = /^\/api\/v1\/[A-Za-z0-9._~\-/]+(\?[A-Za-z0-9._~\-=&%]*)?$/;

/**
 * The patient a linked image or record belongs to, read with the sender's own rights: a link the
 * sender could not open is refused (403/404 from the owning actor, audited there).
 */
async function linkedPatient(ctx: CdssContext, action: 'medical-images.get' | 'records.get', id: number): Promise<number | null> {
  const row = await ctx.call<{ patient_fk_id?: number | null }, { id: number }>(action, { id });
  return row.patient_fk_id ?? null;
}

/** In a consultation room (진료상담) only the room's own patient's images and records may be linked. */
function samePatient(room: ChatRoomAttributes, patientId: number | null, field: string) {
  if (room.room_type === 'CONSULTATION' && patientId !== room.related_patient_id) {
    throw new MoleculerClientError('진료상담 채팅방에는 해당 환자의 영상·기록만 공유할 수 있습니다 (link belongs to another patient)', 422, 'OTHER_PATIENT', [{ field }]);
  }
}

/** Validates a message against its type; answers the columns to store. */
async function messageColumns(ctx: CdssContext, room: ChatRoomAttributes, p: SendParams) {
  const type = p.messageType ?? 'TEXT';
  const content = p.content?.trim() || null;
  if (type === 'TEXT' && !content) invalidField('content', '메시지 내용을 입력하세요 (content required)');
  if ((type === 'FILE' || type === 'IMAGE') && !p.fileUrl) invalidField('fileUrl', '첨부 파일 주소를 입력하세요 (fileUrl required)');
  if (p.fileUrl && !INTERNAL_LINK.test(p.fileUrl)) invalidField('fileUrl', '첨부 파일은 /api/v1/ 아래의 주소만 가능합니다 (attachments must link into this API)');
  if (type === 'MEDICAL_IMAGE_LINK' && !p.imageId) invalidField('imageId', '공유할 영상을 지정하세요 (imageId required)');
  if (p.imageId) samePatient(room, await linkedPatient(ctx, 'medical-images.get', p.imageId), 'imageId');
  if (p.recordId) samePatient(room, await linkedPatient(ctx, 'records.get', p.recordId), 'recordId');
  return {
    message_type: type, content, file_url: p.fileUrl ?? null, related_image_id: p.imageId ?? null, related_record_id: p.recordId ?? null,
  };
}

/** Stores a message, counts it as read by its sender, and pushes it to every member's open sockets. */
export async function sendMessage(self: ChatThis, ctx: CdssContext<SendParams>): Promise<ChatMessageAttributes> {
  const { room } = await memberRoom(self, ctx, ctx.params.id, 'read');
  const user = ctx.meta.user!;
  const facts = { actionType: 'create' as const, resourceType: 'ChatMessage', patientId: room.related_patient_id };
  let message: ChatMessageAttributes;
  try {
    const columns = await messageColumns(ctx, room, ctx.params);
    const { models, sequelize } = self.db();
    message = await writeTransaction(sequelize, async (transaction) => {
      const row = await models.ChatMessage.create({ room_id: room.id, sender_id: user.id, ...columns }, { transaction });
      await models.ChatRoomMember.update({ last_read_at: row.created_at }, { where: { room_id: room.id, user_id: user.id }, transaction });
      await models.ChatRoom.update({ updated_at: row.created_at }, { where: { id: room.id }, transaction });
      return row.get({ plain: true });
    });
  } catch (err) {
    await self.auditAccess(ctx, { ...facts, outcome: err instanceof MoleculerClientError ? 'denied' : 'error', description: String((err as Error).message).slice(0, 500) });
    throw err;
  }
  await self.auditAccess(ctx, { ...facts, outcome: 'success', resourceId: String(message.id), description: `room ${room.id}` });
  push(ctx, await memberIds(self, room.id), { type: 'chat.message', roomId: room.id, message }, room);
  return message;
}

/** A page of messages, newest first; `before` (a message id) pages back through history. */
export async function listMessages(self: ChatThis, ctx: CdssContext<MessageListParams>) {
  const { id, before, limit } = ctx.params;
  await memberRoom(self, ctx, id, 'search', 'ChatMessage');
  const rows = await self.db().models.ChatMessage.findAll({
    where: { room_id: id, ...(before ? { id: { [Op.lt]: before } } : {}) },
    order: [['id', 'DESC']],
    limit: limit + 1,
  });
  const items = rows.slice(0, limit).map((r) => r.get({ plain: true }));
  return { items, hasMore: rows.length > limit, nextBefore: rows.length > limit ? items[items.length - 1].id : null };
}

/**
 * Read receipt: the member has read up to a message (default: the newest). Others' messages up to
 * there are marked read (the 1:1 "읽음" mark), and the members' sockets hear of it.
 */
export async function markRead(self: ChatThis, ctx: CdssContext, roomId: number, upToMessageId?: number) {
  const { room, member } = await memberRoom(self, ctx, roomId, 'update');
  const { models, sequelize } = self.db();
  const upTo = await models.ChatMessage.findOne({
    where: { room_id: room.id, ...(upToMessageId ? { id: upToMessageId } : {}) },
    order: [['id', 'DESC']],
  });
  if (upToMessageId && !upTo) throw new MoleculerClientError(`메시지 ${upToMessageId}을(를) 찾을 수 없습니다 (message not found)`, 404, 'NOT_FOUND');
  if (!upTo) return { roomId: room.id, lastReadAt: member.last_read_at, unread: 0 };
  // A receipt never moves back: reading an older message again keeps the later mark.
  const lastReadAt = member.last_read_at && member.last_read_at > upTo.created_at ? member.last_read_at : upTo.created_at;
  await writeTransaction(sequelize, async (transaction) => {
    await models.ChatRoomMember.update({ last_read_at: lastReadAt }, { where: { id: member.id }, transaction });
    await models.ChatMessage.update({ is_read: true }, {
      where: { room_id: room.id, ...othersThan(member.user_id), id: { [Op.lte]: upTo.id }, is_read: false }, transaction,
    });
  });
  push(ctx, await memberIds(self, room.id), { type: 'chat.read', roomId: room.id, userId: member.user_id, lastReadAt, upToMessageId: upTo.id }, room);
  const unread = await models.ChatMessage.count({ where: { room_id: room.id, ...othersThan(member.user_id), created_at: { [Op.gt]: lastReadAt } } });
  return { roomId: room.id, lastReadAt, unread };
}

/** The room of a message, for `PUT /chat/messages/:id/read` (seed §7.8). */
export async function roomOfMessage(self: ChatThis, ctx: CdssContext, messageId: number): Promise<number> {
  const message = await self.db().models.ChatMessage.findByPk(messageId, { attributes: ['room_id'] });
  if (!message) {
    await self.auditAccess(ctx, { actionType: 'update', resourceType: 'ChatMessage', resourceId: String(messageId), outcome: 'error', description: 'not found' });
    throw new MoleculerClientError(`메시지 ${messageId}을(를) 찾을 수 없습니다 (message not found)`, 404, 'NOT_FOUND');
  }
  return message.room_id;
}
