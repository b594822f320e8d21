/**
 * What a page that holds players wants to hear from them: an embed reports steps
 * to its host frame, a SCORM launch reports completion to the LMS. Pages provide a
 * host with `providePlayerHost`; every Player and SelfCheck inside reports to it.
 * Without a host (an ordinary lesson page) nothing is reported anywhere.
 */
import { getContext, setContext } from 'svelte';

export interface PlayerHandle {
	/** Stable within the page: the player's URL key, or its order. */
	readonly id: string;
	goto(step: number): void;
	play(): void;
	pause(): void;
	readonly step: number;
	readonly total: number;
}

export interface PlayerHost {
	register(player: PlayerHandle): () => void;
	step(player: PlayerHandle, step: number, total: number): void;
	answer(questionId: string, correct: boolean): void;
}

const KEY = Symbol('stepvisor:player-host');

export function providePlayerHost(host: PlayerHost): void {
	setContext(KEY, host);
}

export function usePlayerHost(): PlayerHost | undefined {
	return getContext<PlayerHost | undefined>(KEY);
}

/** A host that keeps players in page order and fans events out to listeners. */
export function createPlayerHost(listeners: {
	step?: (player: PlayerHandle, step: number, total: number) => void;
	answer?: (questionId: string, correct: boolean) => void;
}) {
	const players: PlayerHandle[] = [];
	const host: PlayerHost = {
		register(player) {
			players.push(player);
			return () => {
				const index = players.indexOf(player);
				if (index >= 0) players.splice(index, 1);
			};
		},
		step(player, step, total) {
			listeners.step?.(player, step, total);
		},
		answer(questionId, correct) {
			listeners.answer?.(questionId, correct);
		}
	};
	return { host, players };
}
