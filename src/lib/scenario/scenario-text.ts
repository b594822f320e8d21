/**
 * Scenario JSON text from outside (a share link once unpacked, an opened file,
 * an embed's `src`) becomes a value here, and only here: the nesting limit is
 * checked on the text before anything parses it (a value 100,000 levels deep
 * overflows the stack of whatever walks it next), and text that is not JSON is
 * reported with the line and column where it breaks.
 */
import { textDepthProblem } from '$lib/sim/core/depth';
import { LIMITS } from '$lib/sim/core/limits';
import { jsonErrorPlace, withoutByteOrderMark } from '$lib/sim/core/json-source';
import { parseRememberedInSlices } from './json-text';

export type ReadScenario = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Parses scenario text from outside, in slices (a big file must not block the
 * page). Messages start with `subject` ("The shared scenario in this link",
 * "deep.json"); `consequence` (say "; nothing was changed") follows what is
 * wrong and comes before the place where the text breaks.
 */
export async function readScenarioText(
	given: string,
	subject: string,
	consequence = ''
): Promise<ReadScenario> {
	// Some editors start a UTF-8 file with a byte-order mark; it is not part of the JSON.
	const text = withoutByteOrderMark(given);
	if (textDepthProblem(text)) {
		return {
			ok: false,
			error: `${subject} is nested more than ${LIMITS.nestingDepth} levels deep (the limit)${consequence}.`
		};
	}
	if (text.trim() === '') return { ok: false, error: `${subject} is empty${consequence}.` };
	try {
		return { ok: true, value: await parseRememberedInSlices(text) };
	} catch (error) {
		// Anything but a SyntaxError is the parser's code failing to load: it says nothing of the text.
		if (!(error instanceof SyntaxError)) {
			return {
				ok: false,
				error: `${subject} could not be read (check the connection and reload the page)${consequence}.`
			};
		}
		const place = jsonErrorPlace(error, text);
		return {
			ok: false,
			error: `${subject} is not valid JSON${consequence}.${place ? ` The first error is at ${place}.` : ''}`
		};
	}
}
