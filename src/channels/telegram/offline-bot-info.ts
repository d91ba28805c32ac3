import type { UserFromGetMe } from 'grammy/types';

/** A getMe result for a bot that never calls the Bot API itself (tests and the bench use transformers). */
export function offlineBotInfo(id: number, first_name: string, username: string): UserFromGetMe {
  return {
    id,
    is_bot: true,
    first_name,
    username,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
  } as UserFromGetMe;
}
