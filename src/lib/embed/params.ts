/**
 * Query parameters of an embed (`/embed/<animation>?…`). Every bad value falls
 * back to its default and yields a notice; nothing here throws.
 */
import { SPEEDS, isStepText } from '$lib/player/step';
import { srcAllowed } from './src-allow.js';

export const CONTROLS = ['full', 'minimal', 'none'] as const;
export const EMBED_THEMES = ['light', 'dark', 'projector'] as const;

export interface EmbedParams {
	autoplay: boolean;
	speed: number;
	controls: (typeof CONTROLS)[number];
	theme: (typeof EMBED_THEMES)[number] | null;
	predict: boolean;
	selfcheck: boolean;
	/** Compressed scenario text from `scenario=`, not yet decoded. */
	scenario: string | null;
	/** URL of a scenario JSON from `src=`: same-origin, or https and allowed by the build's list. */
	src: string | null;
}

export const DEFAULTS: EmbedParams = {
	autoplay: false,
	speed: 1,
	controls: 'full',
	theme: null,
	predict: false,
	selfcheck: false,
	scenario: null,
	src: null
};

const shown = (value: string) =>
	JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

function flag(name: string, value: string, notices: string[]): boolean | null {
	if (value === '1' || value === 'true' || value === '') return true;
	if (value === '0' || value === 'false') return false;
	notices.push(`${name}=${shown(value)} is not 1 or 0; using the default.`);
	return null;
}

export function parseEmbedParams(
	search: URLSearchParams,
	base = 'http://localhost/',
	srcAllow: string[] | null = __STEPVISOR_SRC_ALLOW__
): { params: EmbedParams; notices: string[] } {
	const params: EmbedParams = { ...DEFAULTS };
	const notices: string[] = [];
	const single = (name: string): string | null => {
		const values = search.getAll(name);
		if (values.length > 1) {
			notices.push(`${name} is given ${values.length} times; using the default.`);
			return null;
		}
		return values.length ? values[0] : null;
	};

	// The player reads the step itself (and clamps one past the end); here a value
	// it ignores is reported.
	const step = single('step');
	if (step !== null && !isStepText(step))
		notices.push(`step=${shown(step)} is not a step number; starting at the first step.`);

	const autoplay = single('autoplay');
	if (autoplay !== null) params.autoplay = flag('autoplay', autoplay, notices) ?? DEFAULTS.autoplay;
	const predict = single('predict');
	if (predict !== null) params.predict = flag('predict', predict, notices) ?? DEFAULTS.predict;
	const selfcheck = single('selfcheck');
	if (selfcheck !== null)
		params.selfcheck = flag('selfcheck', selfcheck, notices) ?? DEFAULTS.selfcheck;

	const speed = single('speed');
	if (speed !== null) {
		const value = Number(speed);
		if ((SPEEDS as readonly number[]).includes(value) && /^[\d.]+$/.test(speed))
			params.speed = value;
		else notices.push(`speed=${shown(speed)} is not one of ${SPEEDS.join(', ')}; using 1.`);
	}

	const controls = single('controls');
	if (controls !== null) {
		if ((CONTROLS as readonly string[]).includes(controls))
			params.controls = controls as EmbedParams['controls'];
		else notices.push(`controls=${shown(controls)} is not full, minimal or none; using full.`);
	}

	const theme = single('theme');
	if (theme !== null) {
		if ((EMBED_THEMES as readonly string[]).includes(theme))
			params.theme = theme as EmbedParams['theme'];
		else notices.push(`theme=${shown(theme)} is not light, dark or projector; using the system’s.`);
	}

	const scenario = single('scenario');
	const src = single('src');
	if (scenario !== null && src !== null) {
		notices.push('Both scenario and src are given; using scenario.');
	}
	if (scenario !== null) params.scenario = scenario;
	else if (src !== null) {
		try {
			const url = new URL(src, base);
			if (url.protocol !== 'https:' && url.protocol !== 'http:')
				notices.push(`src must be an http(s) address; it was ignored.`);
			else if (srcAllowed(url.href, new URL(base).origin, srcAllow)) params.src = url.href;
			else if (url.protocol !== 'https:')
				notices.push(`src must be an https address (or on this site); it was ignored.`);
			else
				notices.push(
					`src=${shown(src)} is not on this site’s list of hosts scenarios may come from; it was ignored.`
				);
		} catch {
			notices.push(`src=${shown(src)} is not an address; it was ignored.`);
		}
	}
	return { params, notices };
}
