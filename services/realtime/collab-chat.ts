import type * as Y from 'yjs';
import type { CdssContext } from '../context.js';

/**
 * The `chat:<roomId>` collaboration document (a shared note or draft beside a chat room): the
 * room's members edit, anyone else is refused. The chat actor answers the membership question
 * (`chat.access`: 404 for a missing room, 403 for a non-member, audited either way), so the
 * collaboration server never reads chat tables itself.
 */
export const chatDocumentType: {
  prefix: 'chat';
  authorize(ctx: CdssContext, id: number): Promise<'edit' | 'read'>;
  initialize?(ctx: CdssContext, id: number, doc: Y.Doc): Promise<void>;
} = {
  prefix: 'chat',
  async authorize(ctx, id) {
    const { mode } = await ctx.call<{ mode: 'edit' }, { roomId: number }>('chat.access', { roomId: id });
    return mode;
  },
};

export default chatDocumentType;
