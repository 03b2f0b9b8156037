import type { ServiceSchema, ServiceSettingSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DbMixin } from '../../mixins/db.mixin.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { CHAT_MESSAGE_TYPES, CHAT_ROOM_TYPES, keysOf } from '../../lib/constants.js';
import type { CdssContext } from '../context.js';
import { memberRoom, unreadCount, type ChatThis, type StaffName } from './chat-rooms.js';
import { addMember, createRoom, removeMember, type CreateRoomParams } from './chat-manage.js';
import { listMessages, markRead, roomOfMessage, sendMessage, type MessageListParams, type SendParams } from './chat-messages.js';
import { portalActions } from './chat-portal.js';

export type { CreateRoomParams, MessageListParams, SendParams };

const id = { type: 'number', integer: true, positive: true, convert: true } as const;

/**
 * Chat (seed §3.5.3–3.5.5, §4.1.6, §7.8): direct, group and consultation (진료상담) rooms of staff,
 * messages with links to images and records, read receipts and unread counts. Access is
 * membership; every read and write is audited. New messages and receipts go out live as the
 * broker event `realtime.push` (broadcast, so every gateway node's events socket gets it).
 */
const ChatService: ServiceSchema<ServiceSettingSchema, ChatThis> = {
  name: 'chat',
  mixins: [RbacMixin, DbMixin({ model: 'ChatRoom', resourceType: 'ChatRoom', patientColumn: 'related_patient_id' })],
  settings: { rest: '/chat' },

  actions: {
    listRooms: {
      rest: 'GET /rooms',
      permission: 'chat.read',
      summary: '내 채팅방 목록 (최근 대화순, 안 읽은 메시지 수) / my chat rooms, most recent first, with unread counts',
      params: { ...pagingParams },
      async handler(this: ChatThis, ctx: CdssContext<PagingParams>) {
        const { page, pageSize } = ctx.params;
        const { models } = this.db();
        const user = ctx.meta.user!;
        const memberships = await models.ChatRoomMember.findAll({ where: { user_id: user.id } });
        const byRoom = new Map(memberships.map((m) => [m.room_id, m]));
        const { rows, count } = await models.ChatRoom.findAndCountAll({
          where: { id: [...byRoom.keys()] }, order: [['updated_at', 'DESC'], ['id', 'DESC']], limit: pageSize, offset: (page - 1) * pageSize,
        });
        const items = await Promise.all(rows.map(async (row) => {
          const member = byRoom.get(row.id)!;
          const last = await models.ChatMessage.findOne({ where: { room_id: row.id }, order: [['id', 'DESC']] });
          return { ...row.get({ plain: true }), myRole: member.role, lastReadAt: member.last_read_at, unread: await unreadCount(this, member), lastMessage: last?.get({ plain: true }) ?? null };
        }));
        await this.auditAccess(ctx, { actionType: 'search', outcome: 'success', description: `my chat rooms; ids ${items.map((i) => i.id).join(',')}`.slice(0, 500) });
        return { items, page, pageSize, total: count };
      },
    },

    contacts: {
      rest: 'GET /contacts',
      permission: 'chat.write',
      summary: '대화 상대 찾기 (재직 중인 의료진: 이름, 직군, 진료과) / colleagues to start a chat with',
      params: { q: { type: 'string', optional: true, max: 100 } },
      async handler(this: ChatThis, ctx: CdssContext<{ q?: string }>) {
        const people = await ctx.call<(StaffName & { id: number })[], { q?: string; limit: number }>('staff.directory', { q: ctx.params.q, limit: 51 });
        return { items: people.filter((p) => p.id !== ctx.meta.user!.id).slice(0, 50) };
      },
    },

    unread: {
      rest: 'GET /unread',
      permission: 'chat.read',
      summary: '안 읽은 메시지 수 (방별, 합계) / unread message counts per room and in total',
      async handler(this: ChatThis, ctx: CdssContext) {
        const memberships = await this.db().models.ChatRoomMember.findAll({ where: { user_id: ctx.meta.user!.id } });
        const rooms = await Promise.all(memberships.map(async (m) => ({ roomId: m.room_id, unread: await unreadCount(this, m) })));
        return { total: rooms.reduce((sum, r) => sum + r.unread, 0), rooms: rooms.filter((r) => r.unread > 0) };
      },
    },

    createRoom: {
      rest: 'POST /rooms',
      permission: 'chat.write',
      summary: '채팅방 생성 (일대일·그룹·진료상담: 환자의 진료팀만) / create a direct, group or consultation room (care team only)',
      params: {
        roomType: { type: 'enum', values: keysOf(CHAT_ROOM_TYPES) },
        name: { type: 'string', max: 200, optional: true },
        memberIds: { type: 'array', max: 50, default: [], items: { type: 'number', integer: true, positive: true } },
        patientId: { ...id, optional: true },
        appointmentId: { type: 'uuid', optional: true },
        $$strict: true,
      },
      async handler(this: ChatThis, ctx: CdssContext<CreateRoomParams>) {
        return createRoom(this, ctx);
      },
    },

    getRoom: {
      rest: 'GET /rooms/:id',
      permission: 'chat.read',
      summary: '채팅방 상세 (참여자, 읽음 위치) / one room: members with their read position',
      params: { id },
      async handler(this: ChatThis, ctx: CdssContext<{ id: number }>) {
        const { room, member } = await memberRoom(this, ctx, ctx.params.id, 'read');
        const members = (await this.db().models.ChatRoomMember.findAll({ where: { room_id: room.id }, order: [['id', 'ASC']] })).map((m) => m.get({ plain: true }));
        const names = await ctx.call<Record<number, StaffName>, { ids: number[] }>('staff.namesByIds', { ids: members.map((m) => m.user_id) });
        return {
          ...room,
          myRole: member.role,
          unread: await unreadCount(this, member),
          members: members.map((m) => ({ userId: m.user_id, role: m.role, joinedAt: m.joined_at, lastReadAt: m.last_read_at, name: names[m.user_id]?.name ?? null, staffRole: names[m.user_id]?.role ?? null })),
        };
      },
    },

    addMember: {
      rest: 'POST /rooms/:id/members',
      permission: 'chat.write',
      summary: '참여자 추가 (방 관리자; 진료상담은 진료팀만) / add a member (room admins; consultation rooms: care team only)',
      params: { id, userId: { type: 'number', integer: true, positive: true }, $$strict: true },
      async handler(this: ChatThis, ctx: CdssContext<{ id: number; userId: number }>) {
        return addMember(this, ctx);
      },
    },

    removeMember: {
      rest: 'DELETE /rooms/:id/members/:userId',
      permission: 'chat.write',
      summary: '참여자 내보내기·나가기 (관리자는 누구나, 참여자는 본인만) / remove a member, or leave the room',
      params: { id, userId: id },
      async handler(this: ChatThis, ctx: CdssContext<{ id: number; userId: number }>) {
        return removeMember(this, ctx);
      },
    },

    messages: {
      rest: 'GET /rooms/:id/messages',
      permission: 'chat.read',
      summary: '메시지 목록 (최신순, before=메시지 id로 이전 페이지) / messages newest first; page back with before=<message id>',
      params: { id, before: { ...id, optional: true }, limit: { type: 'number', integer: true, min: 1, max: 100, convert: true, default: 50 } },
      async handler(this: ChatThis, ctx: CdssContext<MessageListParams>) {
        return listMessages(this, ctx);
      },
    },

    send: {
      rest: 'POST /rooms/:id/messages',
      permission: 'chat.write',
      summary: '메시지 전송 (텍스트, 파일, 의료영상 링크, 진료기록 링크; 링크는 보낸 사람의 권한으로 확인) / send a message; linked images and records are checked with the sender\'s rights',
      params: {
        id,
        messageType: { type: 'enum', values: keysOf(CHAT_MESSAGE_TYPES), optional: true },
        content: { type: 'string', max: 4000, optional: true },
        fileUrl: { type: 'string', max: 500, optional: true },
        imageId: { type: 'number', integer: true, positive: true, optional: true },
        recordId: { type: 'number', integer: true, positive: true, optional: true },
        $$strict: true,
      },
      async handler(this: ChatThis, ctx: CdssContext<SendParams>) {
        return sendMessage(this, ctx);
      },
    },

    read: {
      rest: 'POST /rooms/:id/read',
      permission: 'chat.read',
      summary: '읽음 처리 (방의 최신 메시지까지, 또는 messageId까지) / read receipt up to the newest message or messageId',
      params: { id, messageId: { type: 'number', integer: true, positive: true, optional: true } },
      async handler(this: ChatThis, ctx: CdssContext<{ id: number; messageId?: number }>) {
        return markRead(this, ctx, ctx.params.id, ctx.params.messageId);
      },
    },

    readMessage: {
      rest: 'PUT /messages/:id/read',
      permission: 'chat.read',
      summary: '메시지 읽음 처리 (seed §7.8) / mark read up to this message',
      params: { id },
      async handler(this: ChatThis, ctx: CdssContext<{ id: number }>) {
        return markRead(this, ctx, await roomOfMessage(this, ctx, ctx.params.id), ctx.params.id);
      },
    },

    /** The collaboration server's question for a `chat:<roomId>` document: members edit, others 403 (audited). */
    access: {
      permission: 'internal',
      visibility: 'public',
      params: { roomId: id },
      async handler(this: ChatThis, ctx: CdssContext<{ roomId: number }>): Promise<{ mode: 'edit' }> {
        await memberRoom(this, ctx, ctx.params.roomId, 'read');
        return { mode: 'edit' };
      },
    },

    ...portalActions,
  },
};

export default ChatService;
