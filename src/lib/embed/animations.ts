/**
 * Every animation that can be embedded (`/embed/<id>`): what the Embed button and the
 * docs need (id, title, lesson, model, suggested size), without any code, derived
 * from the lessons' manifests. The code loaders live in ./registry.ts, which only
 * the embed route imports, so a lesson page does not carry a loader for every animation.
 */

import animations from 'virtual:stepvisor-manifests/animations';
import type { AnimationEntry } from '$lib/content/manifest';

export interface AnimationInfo extends AnimationEntry {
	/** The lesson it belongs to (its slug). */
	lesson: string;
}

/** From the lessons' manifests, in lesson order. */
export const ANIMATION_INFO: readonly AnimationInfo[] = animations;

export type AnimationId = string;

export function findAnimationInfo(id: string): AnimationInfo | undefined {
	return ANIMATION_INFO.find((animation) => animation.id === id);
}

/** Props every embeddable animation accepts (all optional). */
export interface AnimationProps {
	urlKey?: string | null;
	controls?: 'full' | 'minimal' | 'none';
	autoplay?: boolean;
	speed?: number;
	predict?: boolean;
	/** A validated scenario for this animation's model (from a share link, `src` or `setScenario`). */
	scenario?: unknown;
}
