// The assistant's conversations: each turn, the debtor's words or the assistant's reply, kept with the debtor.
import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { Reply, State } from '../../../domain/assistant/conversation';
import { createdAt, debtorRef, merchantRef } from './core';

export const assistantTurns = pgTable(
	'assistant_turns',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		debtorId: debtorRef(),
		author: text('author').$type<'debtor' | 'assistant'>().notNull(),
		/** What the debtor typed or tapped (a tap is kept as the button's words). */
		text: text('text'),
		/** The assistant's reply as data, so it reads in whatever language the page is in later. */
		reply: jsonb('reply').$type<Reply>(),
		/** Where the conversation stands after this reply (what is proposed, what was asked). */
		state: jsonb('state').$type<State>(),
		locale: text('locale').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		index('assistant_turns_debtor').on(t.debtorId, t.createdAt),
		check('assistant_turns_author', sql`${t.author} in ('debtor', 'assistant')`),
		check('assistant_turns_text', sql`${t.text} is null or char_length(${t.text}) <= 500`),
		check('assistant_turns_one', sql`(${t.author} = 'debtor') = (${t.text} is not null) and (${t.reply} is null) = (${t.text} is not null)`)
	]
);
