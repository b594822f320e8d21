/**
 * Folder rule: src/lib/viz/<model>/ only draws. A renderer is a pure layout.ts and
 * components that draw one frame from their props; no renderer imports the player,
 * a lab, the embed feature, scenario storage or `$app` state (eslint.config.js).
 */
import type { Frame } from '$lib/sim/core';

/** What every renderer takes: the picture to draw, and how to move to it from the last one. */
export interface RendererProps<State extends object> {
	/** The trace frame to draw. */
	frame: Frame<State>;
	/** False under reduced motion or while seeking: jump, do not tween. */
	animate: boolean;
	/** Tween length in milliseconds (the player's speed already applied). */
	duration: number;
}
