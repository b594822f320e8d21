/**
 * The models' messages name a place in the scenario (`ops[15].to: must be an
 * IPv4 address like "10.0.0.2"`): right for a JSON file and the command line,
 * but a learner who typed in a form field knows the field by its label. These
 * say a message of the field instead (`To address must be an IPv4 address like
 * “10.0.0.2”`); the models' messages stay as they are.
 */

import { quoteText } from '$lib/sim/core/format';

/** What follows a place inside it: `.key`, `[3]` or `["a key"]`, any number of them. */
const INSIDE = /^((?:\.[A-Za-z_$][\w$-]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*): /;

/** A message about `place` or a place inside it: the rest of its place ('' for `place` itself) and what it says. */
export interface Problem {
	inside: string;
	text: string;
}

/** The messages about `place` or a place inside it, in order. */
export function problemsAt(lines: readonly string[], place: string): Problem[] {
	const found: Problem[] = [];
	for (const line of lines) {
		if (!line.startsWith(place)) continue;
		const rest = INSIDE.exec(line.slice(place.length));
		if (rest) found.push({ inside: rest[1], text: line.slice(place.length + rest[0].length) });
	}
	return found;
}

/** The place of `key` in the object at `parent`, written as the models write it. */
export function placeIn(parent: string, key: string | number): string {
	// Written as the core's formatPath writes a place, so that a message's place matches.
	if (typeof key === 'number') return `${parent}[${key}]`;
	if (key.length <= 80 && /^[A-Za-z_$][\w$-]*$/.test(key)) return parent ? `${parent}.${key}` : key;
	return `${parent}[${quoteText(key)}]`;
}

/** The models quote values in JSON's straight quotes; a sentence takes curly ones. */
const curlyQuoted = (text: string) => text.replace(/"((?:[^"\\]|\\.)*)"/g, '“$1”');

/**
 * A model's message said of the field labelled `label`: `Path must be an absolute
 * path (starting with “/”)`, or `Path: …` where the message is not a predicate.
 */
export function saidOf(label: string, text: string): string {
	const curly = curlyQuoted(text);
	return /^(must|is|has|only|cannot)\b/.test(curly) ? `${label} ${curly}` : `${label}: ${curly}`;
}

/**
 * A form field and its place in the scenario; `when`, if given, picks the messages
 * about that place that are the field's (two fields may make one value).
 */
export interface FieldPlace {
	place: string;
	label: string;
	when?: (text: string) => boolean;
}

/** The first message about `field`, said of it, or null. */
export function fieldProblem(lines: readonly string[], field: FieldPlace): string | null {
	const found = problemsAt(lines, field.place).find((one) => field.when?.(one.text) ?? true);
	return found ? saidOf(field.label, found.text) : null;
}

/**
 * A status line's messages, those about a form's fields (the first that has it)
 * said of the field; messages about other places are left as the model wrote them.
 */
export function inWords(lines: readonly string[], fields: readonly FieldPlace[]): string[] {
	return lines.map((line) => saidOfField(line, fields) ?? line);
}

/** `line` said of the first of `fields` it is about, or null. */
function saidOfField(line: string, fields: readonly FieldPlace[]): string | null {
	for (const field of fields) {
		const said = fieldProblem([line], field);
		if (said) return said;
	}
	return null;
}

/** A place at the start of a message (`ops[3].path: `, `(scenario): `). */
const PLACE =
	/^(?:\(scenario\)|[A-Za-z_$][\w$-]*)(?:\.[A-Za-z_$][\w$-]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*: /;

/**
 * One message in words, for a learner who never saw the scenario's JSON (the
 * layers shell): said of the first of `fields` it is about, else without its
 * place, as a sentence.
 */
export function sentenceOf(line: string, fields: readonly FieldPlace[]): string {
	const said = saidOfField(line, fields);
	if (said) return said;
	const place = PLACE.exec(line);
	const text = curlyQuoted(place ? line.slice(place[0].length) : line);
	return text.charAt(0).toUpperCase() + text.slice(1);
}
