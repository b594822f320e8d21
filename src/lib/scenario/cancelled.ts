/**
 * Thrown (as a rejection) when the learner cancels a simulation. A module of its
 * own: every lab tells a cancelled check apart, and the off-thread runner
 * (./offthread) is only loaded when a big scenario is run.
 */
export class SimulationCancelled extends Error {
	constructor() {
		super('The simulation was cancelled.');
		this.name = 'SimulationCancelled';
	}
}
