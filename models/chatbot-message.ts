import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { ChatbotMessageType, ChatbotResponseType } from '../lib/constants-clinical.js';

/** seed §3.5.7 `chatbot_message`: one turn, the user's or the bot's, with the detected intent. */
export interface ChatbotMessageAttributes {
  id: number;
  conversation_id: number;
  message_type: ChatbotMessageType;
  content: string | null;
  intent: string | null;
  response_type: ChatbotResponseType | null;
  metadata: Record<string, unknown> | null;
  created_at: Date;
}
type Defaults = 'id' | 'content' | 'intent' | 'response_type' | 'metadata' | 'created_at';
export interface ChatbotMessage extends Model<ChatbotMessageAttributes, Optional<ChatbotMessageAttributes, Defaults>>, ChatbotMessageAttributes {}

export function defineChatbotMessage(sequelize: Sequelize): ModelStatic<ChatbotMessage> {
  return sequelize.define<ChatbotMessage>('chatbot_message', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    conversation_id: { type: DataTypes.INTEGER, allowNull: false },
    message_type: { type: DataTypes.STRING(8), allowNull: false },
    content: DataTypes.TEXT,
    intent: DataTypes.STRING(64),
    response_type: DataTypes.STRING(16),
    metadata: DataTypes.JSON,
    created_at: DataTypes.DATE(3),
  }, { tableName: 'chatbot_message', timestamps: true, createdAt: 'created_at', updatedAt: false });
}
