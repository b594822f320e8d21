/**
 * The layering holds because ESLint enforces it: each import a lower layer must
 * not make is reported, and the same import from a layer allowed to make it is not.
 */
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function layeringErrors(filePath: string, source: string): Promise<string[]> {
	const [result] = await eslint.lintText(source, { filePath });
	return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const BREAKS: [file: string, source: string][] = [
	['src/lib/viz/unionfs/broken.ts', "import Player from '$lib/player/Player.svelte';"],
	['src/lib/viz/unionfs/broken.ts', "import { Lab } from '$lib/labs/lab.svelte';"],
	['src/lib/viz/pidns/broken.ts', "import type { AnimationProps } from '$lib/embed/animations';"],
	['src/lib/viz/pidns/broken.ts', "import { saveDraft } from '$lib/scenario/drafts';"],
	['src/lib/viz/pidns/broken.ts', "import { saveDraft } from '../../scenario/drafts';"],
	['src/lib/viz/cgroups/broken.ts', "import { page } from '$app/state';"],
	['src/lib/player/broken.ts', "import { iframeSnippet } from '$lib/embed/snippet';"],
	['src/lib/player/broken.ts', "import { iframeSnippet } from '../embed/snippet';"],
	['src/lib/sim/core/broken.ts', "import { frameAt } from '$lib/player/step';"],
	['src/lib/sim/unionfs/broken.ts', "import { layoutUnion } from '$lib/viz/unionfs/layout';"],
	['src/lib/sim/unionfs/broken.ts', "import { browser } from '$app/environment';"],
	['src/lib/scenario/broken.ts', "import Player from '$lib/player/Player.svelte';"]
];

describe('ESLint enforces the layering', () => {
	test.each(BREAKS)('%s may not: %s', async (file, source) => {
		expect(await layeringErrors(file, source)).toHaveLength(1);
	});

	test('the same imports are allowed where they belong', async () => {
		const allowed = [
			['src/lib/labs/unionfs/ok.ts', "import Player from '$lib/player/Player.svelte';"],
			['src/lib/labs/unionfs/ok.ts', "import { saveDraft } from '$lib/scenario/drafts';"],
			['src/lib/viz/unionfs/ok.ts', "import { resolve } from '$lib/sim/unionfs/lookup';"],
			['src/lib/player/ok.ts', "import { writeParams } from '$lib/url';"]
		];
		for (const [file, source] of allowed) expect(await layeringErrors(file, source)).toEqual([]);
	});
});
