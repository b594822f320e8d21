/**
 * Folder rule: src/lib/review/ is the review page's deck and progress; the cards
 * themselves live in the lessons' manifests.
 *
 * The course's review deck: every card, answered in this project's words, with the
 * lesson that teaches it, gathered from the lessons' manifests in the deck's order.
 * Each answer is the one its lesson gives, including the lesson's refinement where
 * the kernel is more precise than the card (the lessons list the sources).
 */
import cards from 'virtual:stepvisor-manifests/cards';

export interface Card {
	id: string;
	question: string;
	/** Short paragraphs or list items. */
	answer: string[];
	lesson: string;
}

export const CARDS: Card[] = [...cards]
	.sort((a, b) => a.deck - b.deck)
	.map(({ id, question, answer, lesson }) => ({
		id,
		question,
		answer,
		lesson
	}));
