/**
 * What the labs whose scenario is a list of ops (OpsLab) share beside it: where
 * an op's steps begin, and the words every such lab uses to say where its player
 * went when the learner added one.
 */

/**
 * Index of the first frame of operation `op`, or the last frame when `op` has
 * none. Frames carry their op's index, in order (`FrameRecorder.beginOp`), so the
 * search walks back from the end: an op just appended is found in as many steps
 * as it has frames, not in all of a 100,000-frame trace's.
 */
export function firstFrameOf(frames: readonly { op: number | null }[], op: number): number {
	let found = -1;
	for (let i = frames.length - 1; i >= 0; i--) {
		const at = frames[i].op;
		if (at === op) found = i;
		else if (at !== null && at < op) break;
	}
	return found < 0 ? frames.length - 1 : found;
}

/**
 * Where the player went for an op the learner added, as the lab's status says it
 * (the lab writes the rest of the sentence). The step's number is said: “its
 * first step” alone was heard as the trace's first.
 */
export function whereItBegins(added: { first: number; last: number }): string {
	return `The player is at the step where it begins, step ${added.first} of ${added.last}`;
}
