import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { ChatbotRealm, ChatbotType } from '../lib/constants-clinical.js';

/**
 * seed §3.5.6 `chatbot_conversation`. `user_id` is a plain string told apart by `realm`: staff,
 * patients and anonymous visitors of the public site (no user id) all talk to the bots.
 */
export interface ChatbotConversationAttributes {
  id: number;
  user_id: string | null;
  realm: ChatbotRealm;
  bot_type: ChatbotType;
  session_id: string;
  context: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
}
type Defaults = 'id' | 'user_id' | 'context' | 'created_at' | 'updated_at';
export interface ChatbotConversation
  extends Model<ChatbotConversationAttributes, Optional<ChatbotConversationAttributes, Defaults>>, ChatbotConversationAttributes {}

export function defineChatbotConversation(sequelize: Sequelize): ModelStatic<ChatbotConversation> {
  return sequelize.define<ChatbotConversation>('chatbot_conversation', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    user_id: DataTypes.STRING(20),
    realm: { type: DataTypes.STRING(16), allowNull: false },
    bot_type: { type: DataTypes.STRING(16), allowNull: false },
    session_id: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    context: DataTypes.JSON,
    created_at: DataTypes.DATE(3),
    updated_at: DataTypes.DATE(3),
  }, { tableName: 'chatbot_conversation', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });
}
