/**
 * npm run bench — prints figures, never fails on them (speed is not a test).
 * Each line: what was measured, the figure, and the target where there is one.
 * Run on an idle machine; figures vary with the machine.
 */
import { performance } from 'node:perf_hooks';
import { runModel, type AnyModel, type Frame, type Trace } from '../src/lib/sim/core';
import { frameAt } from '../src/lib/player/step';
import { syscallModel, type SyscallState } from '../src/lib/sim/syscall';
import { layoutSyscall } from '../src/lib/viz/syscall/layout';
import { medianAndRange } from './bench-stats';
import { MODEL_NAMES, loadModel, modelFile } from './models';

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
	gc?.();
	return process.memoryUsage().heapUsed;
};
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

function row(what: string, figure: string, target = '') {
	console.log(`${what.padEnd(72)} ${figure.padStart(12)}   ${target}`);
}

function best<T>(runs: number, fn: () => T): { time: number; value: T } {
	let time = Infinity;
	const kept: T[] = [];
	for (let i = 0; i < runs; i++) {
		// Each run starts from a collected heap holding nothing from the run before,
		// so none pays for another's garbage or marks another's trace.
		kept.length = 0;
		gc?.();
		const start = performance.now();
		kept.push(fn());
		time = Math.min(time, performance.now() - start);
	}
	return { time, value: kept[0] };
}

/**
 * Builds a trace and reports time, heap held by it, and the cost next to no frames
 * at all. The ratio is taken `rounds` times, each time from the best of five runs
 * with and five without frames, measured one after the other: on this kind of
 * machine a single ratio moved between 2.6× and 3.5× from one minute to the next
 * (garbage collection lands differently), so the median and the range are printed.
 */
function measureModel(
	label: string,
	model: AnyModel,
	scenario: unknown,
	target: string,
	rounds = 5
) {
	const problems = (() => {
		const outcome = runModel(model, { ...(scenario as object) });
		return outcome.ok ? null : outcome.errors;
	})();
	if (problems) throw new Error(`${label}: ${problems.join('; ')}`);
	const parsed = model.schema['~standard'].validate(scenario) as { value: unknown };
	const ratios: number[] = [];
	const times: number[] = [];
	for (let round = 0; round < rounds; round++) {
		const without = best(5, () => model.simulate(parsed.value, { recordFrames: false }));
		const withFrames = best(5, () => model.simulate(parsed.value) as Trace);
		ratios.push(withFrames.time / Math.max(without.time, 0.001));
		times.push(withFrames.time);
	}
	const before = heap();
	const trace = model.simulate(parsed.value) as Trace;
	const held = heap() - before;
	const ops = trace.results.length;
	const time = medianAndRange(times).median;
	const ratio = medianAndRange(ratios);
	const of = rounds > 1 ? `, median of ${rounds}` : '';
	row(
		`${label}: build trace (${trace.frames.length.toLocaleString('en-US')} frames)${of}`,
		ms(time)
	);
	row(`${label}: heap held by the trace`, mib(held));
	row(`${label}: time per operation`, `${((time / ops) * 1000).toFixed(1)} µs`);
	row(
		`${label}: with frames ÷ without frames${of}`,
		rounds > 1
			? `${ratio.median.toFixed(2)}×  (${ratio.low.toFixed(2)}–${ratio.high.toFixed(2)}×)`
			: `${ratio.median.toFixed(2)}×`,
		target
	);
	return trace;
}

console.log(`Stepvisor bench — Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log(gc ? '' : '(run with --expose-gc for heap figures)');

// 1. The foundation: a 100,000-frame trace.
const calls = 8_333; // × 12 frames per paravirtualized write, + 1 = 99,997 frames
const big = measureModel(
	'syscall, 8,333 Xen PV writes',
	syscallModel,
	{ model: 'syscall', platform: 'vm-paravirt', syscalls: Array(calls).fill('write') },
	'target ≤ 3×'
);
const last = big.frames.length - 1;
const seek = best(50, () => {
	const frame = frameAt(big.frames, last) as unknown as Frame<SyscallState>;
	return layoutSyscall(frame.bands, frame.callHops, frame.hop, 520);
});
row('syscall: seek to the last frame and lay it out', ms(seek.time), 'target ≤ 16.7 ms');

// 2–3. Every model at scale: the large scenario in its folder's bench.ts
// (`largeScenario`), each model found from its folder, none listed here.
for (const name of MODEL_NAMES) {
	const bench = await modelFile(name, 'bench.ts');
	if (typeof bench?.largeScenario !== 'function') continue;
	const model = (await loadModel(name))!;
	const scenario = bench.largeScenario() as { title?: string };
	// A build that takes a second or more (unionfs's takes seconds) is timed in one
	// round, not five: its ratio is far from its target anyway.
	const parsed = model.schema['~standard'].validate(scenario) as { value: unknown };
	const started = performance.now();
	model.simulate(parsed.value);
	const rounds = performance.now() - started >= 1_000 ? 1 : 5;
	measureModel(
		`${name}, ${scenario.title ?? 'large scenario'}`,
		model,
		scenario,
		'target ≤ 3×',
		rounds
	);
}

// 4. In the browser: page weight, step latency, seeking, Lighthouse.
if (process.env.BENCH_WEB !== '0') {
	const { benchWeb } = await import('./bench-web');
	await benchWeb(row);
}
