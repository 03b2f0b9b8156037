import type { ServiceActionsSchema } from 'moleculer';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import type { CdssContext } from '../context.js';

const id = { type: 'number', integer: true, positive: true, convert: true } as const;

/**
 * `/api/v1/portal/chat/*` (seed §4.3.7 담당 의사와 실시간 채팅): the patient's consultation rooms
 * with their own care team. The chat actor decides what the patient may see (its `portal*`
 * internal actions: only CONSULTATION rooms of the patient's own chart, audited).
 */
export const portalChatActions: ServiceActionsSchema = {
  chatRooms: {
    rest: 'GET /chat/rooms',
    permission: 'portal.self',
    summary: '내 진료상담 채팅방 (안 읽은 메시지 수) / my consultation rooms with unread counts',
    params: { ...pagingParams },
    handler(ctx: CdssContext<PagingParams>) {
      return ctx.call('chat.portalRooms', { page: ctx.params.page, pageSize: ctx.params.pageSize });
    },
  },

  chatContacts: {
    rest: 'GET /chat/contacts',
    permission: 'portal.self',
    summary: '상담할 수 있는 내 진료팀 의료진 / the people on my care team I can start a consultation with',
    handler(ctx: CdssContext) {
      return ctx.call('chat.portalContacts', {});
    },
  },

  chatCreateRoom: {
    rest: 'POST /chat/rooms',
    permission: 'portal.self',
    summary: '진료상담 시작 (내 진료팀 의료진과) / start a consultation with someone on my care team',
    params: { staffUserId: { type: 'number', integer: true, positive: true }, $$strict: true },
    handler(ctx: CdssContext<{ staffUserId: number }>) {
      return ctx.call('chat.portalCreate', ctx.params);
    },
  },

  chatRoom: {
    rest: 'GET /chat/rooms/:id',
    permission: 'portal.self',
    summary: '진료상담 채팅방 상세 / one of my consultation rooms',
    params: { id },
    handler(ctx: CdssContext<{ id: number }>) {
      return ctx.call('chat.portalRoom', { id: ctx.params.id });
    },
  },

  chatMessages: {
    rest: 'GET /chat/rooms/:id/messages',
    permission: 'portal.self',
    summary: '진료상담 메시지 (최신순, before=메시지 id) / messages newest first; page back with before',
    params: { id, before: { ...id, optional: true }, limit: { type: 'number', integer: true, min: 1, max: 100, convert: true, default: 50 } },
    handler(ctx: CdssContext<{ id: number; before?: number; limit: number }>) {
      return ctx.call('chat.portalMessages', ctx.params);
    },
  },

  chatSend: {
    rest: 'POST /chat/rooms/:id/messages',
    permission: 'portal.self',
    summary: '진료상담 메시지 보내기 (텍스트) / send a text message to my care team',
    params: { id, content: { type: 'string', min: 1, max: 4000 }, $$strict: true },
    handler(ctx: CdssContext<{ id: number; content: string }>) {
      return ctx.call('chat.portalSend', ctx.params);
    },
  },

  chatRead: {
    rest: 'POST /chat/rooms/:id/read',
    permission: 'portal.self',
    summary: '진료상담 읽음 처리 / mark my consultation room read',
    params: { id },
    handler(ctx: CdssContext<{ id: number }>) {
      return ctx.call('chat.portalRead', { id: ctx.params.id });
    },
  },
};
