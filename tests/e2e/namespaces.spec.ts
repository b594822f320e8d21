import {
	encodeScenario,
	expect,
	measureEachStep,
	playersReady,
	stepEveryFrame,
	test,
	type Page
} from './fixtures';

const LESSON = '/lessons/namespaces';
const compare = (page: Page) => page.getByTestId('ns-compare');
const lab = (page: Page) => page.getByTestId('ns-lab');
const column = (page: Page, index: number) => compare(page).getByTestId(`compare-column-${index}`);
// A column lays out every frame of its question, hidden under the one shown (FrameStack).
const shownFrame = (page: Page, index: number) => column(page, index).locator('[data-current]');
const labPlayer = (page: Page) => lab(page).locator('.player');
// The lab lays out the table and terminal of each frame of the current question,
// hidden under the shown one's.
const labShown = (page: Page) => labPlayer(page).locator('[data-current]');

/**
 * The lesson's network scenario with a routing loop: the host routes 10.0.0.0/8 back
 * into solo-net, whose default route is the host, so a packet from agent to
 * 10.0.9.5 goes round until its time to live runs out. `ops` replace the lesson's.
 */
async function withRoutingLoop(page: Page, ops?: unknown[]) {
	const network = await page.evaluate(() =>
		fetch('/scenarios/namespaces/network.json').then((response) => response.json())
	);
	const hostNet = network.namespaces.find((ns: { id: string }) => ns.id === 'host-net');
	hostNet.routes = [hostNet.routes[0], { to: '10.0.0.0/8', via: '10.0.9.2', dev: 'veth-solo' }];
	network.ops = [...(ops ?? network.ops), { op: 'send', from: 'agent', to: '10.0.9.5' }];
	return network;
}

async function openLab(page: Page, url = LESSON) {
	await page.goto(url);
	// A page of its own (another context) is not the fixture's: start its lab.
	await playersReady(page);
	await expect(lab(page)).toHaveAttribute('data-ready', 'true');
}

test('the same question from the host and two containers gets different answers', async ({
	page
}) => {
	await openLab(page);
	const player = compare(page).locator('.player');
	await expect(column(page, 1).locator('h3')).toHaveText('nginx');
	await expect(column(page, 2).locator('h3')).toHaveText('postgres');
	await player.focus();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	// Step 2: the kernel picks each asker's UTS namespace.
	await expect(shownFrame(page, 1).locator('li.picked')).toContainText('web-uts');
	await expect(shownFrame(page, 2).locator('li.picked')).toContainText('db-uts');
	await page.keyboard.press('End');
	await expect(shownFrame(page, 0).getByTestId('ns-output')).toHaveText('laptop');
	await expect(shownFrame(page, 1).getByTestId('ns-output')).toHaveText('web');
	await expect(shownFrame(page, 2).getByTestId('ns-output')).toHaveText('db');

	await compare(page).getByTestId('compare-command').selectOption('ip addr');
	await expect(page).toHaveURL(/ask=ip\+addr|ask=ip%20addr/);
	await player.focus();
	await page.keyboard.press('End');
	await expect(shownFrame(page, 1).getByTestId('ns-output')).toContainText('inet 172.17.0.2/16');
	await expect(shownFrame(page, 2).getByTestId('ns-output')).toContainText('inet 172.17.0.3/16');
	await expect(shownFrame(page, 1).getByTestId('ns-output')).not.toContainText('172.17.0.3');
	await expect(player.locator('.narration')).toContainText('“web-net” has its own interfaces');
});

test('a packet from one container to the other, step by step through veth and bridge', async ({
	page
}) => {
	await openLab(page);
	await lab(page).getByTestId('ns-builtin').selectOption('network');
	await lab(page).getByRole('button', { name: 'Open', exact: true }).click();
	await lab(page)
		.getByRole('button', { name: '“nginx” sends a packet to 172.17.0.3', exact: true })
		.click();
	const narration = labPlayer(page).locator('.narration');
	await expect(narration).toContainText('“nginx” sends a packet to 172.17.0.3');
	const diagram = lab(page).getByTestId('net-diagram');
	await expect(diagram).toBeVisible();
	const expected = [
		'Route lookup in “web-net”: of 2 matching routes the longest prefix (/16) wins',
		'comes out of its peer veth-web in “host-net”',
		'Bridge br0 passes the frame from port veth-web to port veth-db',
		'comes out of its peer eth0 in “db-net”',
		'172.17.0.3 is an address of “db-net” itself'
	];
	await labPlayer(page).focus();
	for (const [index, text] of expected.entries()) {
		await page.keyboard.press('ArrowRight');
		await expect(narration).toContainText(text);
		if (index === 0) {
			const table = labShown(page).getByTestId('ns-table');
			await expect(table.locator('tr.used')).toContainText('172.17.0.0/16 dev eth0');
			await expect(table.locator('tr.match')).toContainText('default via 172.17.0.1');
		}
	}
	await expect(diagram.locator('[data-iface="db-net/eth0"]')).toHaveClass(/lit/);
	await expect(labShown(page).getByTestId('ns-output')).toContainText('delivered');
});

test('an added question survives a reload and a share link reopens it elsewhere', async ({
	page,
	browser
}) => {
	await openLab(page);
	await lab(page).getByTestId('ask-process').selectOption('postgres');
	await lab(page).getByTestId('ask-command').selectOption('ls');
	await lab(page).getByTestId('ask-path').fill('/data');
	await lab(page).getByRole('button', { name: 'Add question' }).click();
	await expect(lab(page).getByTestId('ns-ops')).toContainText('“postgres” asks: ls /data');
	// Removing the last item gives the focus to the one before it, not to the page (WCAG 2.4.3).
	await lab(page).getByTestId('ask-command').selectOption('hostname');
	await lab(page).getByRole('button', { name: 'Add question' }).click();
	const ops = lab(page).getByTestId('ns-ops');
	await ops.getByRole('button', { name: 'Remove: “postgres” asks: hostname' }).last().click();
	await expect(
		ops.getByRole('button', { name: 'Remove: “postgres” asks: ls /data' }).last()
	).toBeFocused();
	// A refused field is marked and described by a message that names it in words.
	const to = lab(page).getByTestId('send-to');
	await to.fill('not-an-ip');
	await lab(page).getByRole('button', { name: 'Send', exact: true }).click();
	await expect(to).toHaveAttribute('aria-invalid', 'true');
	await expect(to).toHaveAccessibleDescription(
		'To address must be an IPv4 address like “10.0.0.2”'
	);
	await expect(lab(page).getByTestId('ns-status')).not.toContainText('ops[');
	await lab(page).getByText('Host names and addresses').click();
	const web = lab(page).getByTestId('hostname-web-uts');
	await web.fill('');
	await web.press('Enter');
	await expect(web).toHaveAccessibleDescription('Host name of web-uts must not be empty');
	await expect(lab(page).getByTestId('ns-status')).not.toContainText('namespaces[');
	await web.fill('frontend');
	await web.press('Enter');
	await expect(lab(page).getByTestId('ns-status')).toContainText(
		'“web-uts” now has the host name “frontend”'
	);
	await expect(web).not.toHaveAttribute('aria-invalid');
	await page.reload();
	await expect(lab(page)).toHaveAttribute('data-ready', 'true');
	await expect(lab(page).getByTestId('ns-ops')).toContainText('“postgres” asks: ls /data');

	await lab(page).getByRole('button', { name: 'Copy share link' }).click();
	const link = await lab(page).getByRole('textbox', { name: 'Share link' }).inputValue();
	expect(link).toContain('scenario=v1.');
	const other = await browser.newContext();
	const fresh = await other.newPage();
	await openLab(fresh, link.replace(/^https?:\/\/[^/]+/, ''));
	await expect(lab(fresh).getByText('Showing the scenario from the link.')).toBeVisible();
	await expect(lab(fresh).getByTestId('ns-ops')).toContainText('“postgres” asks: ls /data');
	// The side-by-side view asks the same processes: nginx's host name is now frontend.
	await compare(fresh).locator('.player').focus();
	await fresh.keyboard.press('End');
	await expect(shownFrame(fresh, 1).getByTestId('ns-output')).toHaveText('frontend');
	await other.close();
});

test('scenario text is shown as text and never run', async ({ page }) => {
	const evil = '<img src=x onerror=window.__pwned=1>';
	await page.goto(LESSON);
	const base = await page.evaluate(() =>
		fetch('/scenarios/namespaces/containers.json').then((response) => response.json())
	);
	base.title = evil;
	base.description = evil;
	base.processes[1].name = evil;
	base.ops = [{ op: 'ask', process: evil, command: 'hostname' }];
	const encoded = await encodeScenario(page, base);
	await openLab(page, `${LESSON}?scenario=${encoded}`);
	await expect(lab(page).getByTestId('ns-title')).toHaveText(evil);
	await expect(lab(page).getByTestId('ns-description')).toHaveText(evil);
	await labPlayer(page).focus();
	await page.keyboard.press('ArrowRight');
	await expect(labPlayer(page).locator('.narration')).toContainText(`“${evil}” runs`);
	await expect(lab(page).getByTestId('ns-ops')).toContainText(evil);
	await expect(page.locator('main img[src="x"], [data-testid="ns-lab"] img')).toHaveCount(0);
	expect(
		await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)
	).toBeUndefined();
});

test('a broken link falls back with a notice', async ({ page }) => {
	await openLab(page, `${LESSON}?scenario=v1.AAAA`);
	await expect(lab(page).locator('.notice')).toContainText('The shared scenario in this link');
	await expect(lab(page).getByTestId('ns-title')).toHaveText(
		'One host, two containers: same questions, different answers'
	);
});

/**
 * Where Next is at each step of one question, stepped forward to its last frame
 * and back to its first: its top in the page (not the window, which focusing the
 * player may scroll), after two frames, when the picture's own measuring is done.
 */
async function nextTopsThrough(page: Page, question: string): Promise<number[]> {
	await lab(page).getByRole('button', { name: question, exact: true }).click();
	const current = lab(page).getByTestId('ns-ops').locator('li.current .link-button');
	await expect(current).toHaveText(question);
	const player = labPlayer(page);
	const next = player.getByRole('button', { name: 'Next step' });
	const top = async () => {
		await page.evaluate(
			() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
		);
		return page.evaluate(
			(button) => button!.getBoundingClientRect().top + window.scrollY,
			await next.elementHandle()
		);
	};
	await player.focus();
	const first = Number(await player.getAttribute('data-step'));
	const tops = [await top()];
	let at = first;
	for (;;) {
		await page.keyboard.press('ArrowRight');
		await expect(player).toHaveAttribute('data-step', String(at + 1));
		if ((await current.textContent()) !== question) break;
		at++;
		tops.push(await top());
	}
	// Back from the next question's first frame, to this one's first.
	for (at++; at > first; at--) {
		await page.keyboard.press('ArrowLeft');
		await expect(player).toHaveAttribute('data-step', String(at - 1));
		tops.push(await top());
	}
	expect(tops.length).toBeGreaterThan(4);
	return tops;
}

const spread = (values: number[]) => Math.max(...values) - Math.min(...values);

for (const { width, url } of [
	{ width: 390, url: LESSON },
	{ width: 1280, url: LESSON },
	// As tall as a host's frame that grows with the embed: its controls stay in the flow.
	{ width: 390, url: '/embed/namespaces-lab' }
]) {
	test(`at ${width} px on ${url}, Next stays put while stepping through one question`, async ({
		page
	}) => {
		await page.setViewportSize({ width, height: url === LESSON ? 844 : 2400 });
		await openLab(page, url);
		// The interfaces table comes with the kernel's pick, and the output with the answer.
		expect(spread(await nextTopsThrough(page, '“bash” asks: ip addr'))).toBeLessThanOrEqual(3);
		// A packet: the routing table is there at a route lookup only.
		await lab(page).getByTestId('ns-builtin').selectOption('network');
		await lab(page).getByRole('button', { name: 'Open', exact: true }).click();
		const packet = '“nginx” sends a packet to 172.17.0.3';
		expect(spread(await nextTopsThrough(page, packet))).toBeLessThanOrEqual(3);
		// A write: the step with the fewest characters of narration wraps to the most lines
		// at 390 px (its long paths do not break), more than the longest narration.
		await lab(page).getByTestId('ns-builtin').selectOption('user-map');
		await lab(page).getByRole('button', { name: 'Open', exact: true }).click();
		const write = '“app” asks: write /var/www/index.html';
		expect(spread(await nextTopsThrough(page, write))).toBeLessThanOrEqual(3);
		// And the long path breaks instead of running past the player's edge.
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		const narration = labPlayer(page).locator('.narration');
		await expect(narration).toContainText('“/var/lib/containers/app/var/www/index.html”');
		const [box, player] = [await narration.boundingBox(), await labPlayer(page).boundingBox()];
		expect(box!.x + box!.width).toBeLessThanOrEqual(player!.x + player!.width);
		expect(await narration.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(
			0
		);
	});
}

for (const { width, url } of [
	{ width: 390, url: LESSON },
	{ width: 1280, url: LESSON },
	// As tall as a host's frame that grows with the embed (Canvas sizes its frames so).
	{ width: 1280, url: '/embed/namespaces-lab' }
]) {
	test(`at ${width} px on ${url}, Next stays put from one question to the next`, async ({
		page
	}) => {
		// The pictures of two questions differ by up to 900 px (a packet's hops bring the
		// network); the lab shows its controls above the picture.
		await page.setViewportSize({ width, height: url === LESSON ? 844 : 2400 });
		await openLab(page, url);
		const picture = labPlayer(page).locator('.stage');
		const { nextTops, measured: stages } = await stepEveryFrame(page, labPlayer(page), () =>
			picture.evaluate((stage) => stage.getBoundingClientRect().height)
		);
		// The scenario does move the picture's height, by more than a screen's worth.
		expect(spread(stages)).toBeGreaterThan(400);
		expect(spread(nextTops)).toBeLessThanOrEqual(1);
	});
}

/**
 * At a step of the lab's player: its stage's height, and how many tables are seen
 * (the hidden copies laid out to keep room are not). Runs in the page.
 */
const stageAndTables = (player: HTMLElement) => ({
	height: player.querySelector('.stage')!.getBoundingClientRect().height,
	table: [...player.querySelectorAll('[data-testid="ns-table"]')].filter(
		(table) => !table.closest('[aria-hidden="true"]')
	).length
});

test('a packet caught in a routing loop: the picture keeps its height through every hop', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto(LESSON);
	const encoded = await encodeScenario(page, await withRoutingLoop(page, []));
	await openLab(page, `${LESSON}?scenario=${encoded}`);
	const measured = await measureEachStep(labPlayer(page), stageAndTables);
	expect(measured.length).toBeGreaterThan(100);
	await expect(labPlayer(page).locator('.narration')).toContainText('routing loop');
	// Frame 0 asks nothing yet; from frame 1 on, all frames are the one packet's.
	const hops = measured.slice(1);
	// The routing table comes and goes as the packet hops, 64 times…
	expect(hops.filter((m) => m.table > 0).length).toBeGreaterThan(20);
	expect(hops.filter((m) => m.table === 0).length).toBeGreaterThan(20);
	// …and the picture stays as tall as at its tallest.
	expect(spread(hops.map((m) => m.height))).toBeLessThanOrEqual(1);
	// One copy of each look is laid out, not one per frame.
	const copies = await labPlayer(page).locator('.frame-stack > [aria-hidden="true"]').count();
	expect(copies).toBeGreaterThan(1);
	expect(copies).toBeLessThanOrEqual(8);
});

test('a packet through more namespaces than the lab lays out ahead still keeps its room', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto(LESSON);
	// A chain of 21 network namespaces, each routing 10.1.0.0/16 on to the next: the
	// packet's question has a routing table of its own at every hop, 23 looks in all,
	// more than the 16 the lab lays out ahead.
	const network = await page.evaluate(() =>
		fetch('/scenarios/namespaces/network.json').then((response) => response.json())
	);
	const last = 20;
	for (let i = 0; i <= last; i++) {
		const interfaces = [];
		if (i > 0)
			interfaces.push({
				name: 'eth0',
				addr: `10.1.${i}.2/30`,
				peer: { ns: `c${i - 1}`, name: 'next' }
			});
		if (i < last)
			interfaces.push({
				name: 'next',
				addr: `10.1.${i + 1}.1/30`,
				peer: { ns: `c${i + 1}`, name: 'eth0' }
			});
		network.namespaces.push({
			id: `c${i}`,
			kind: 'net',
			interfaces,
			routes: i < last ? [{ to: '10.1.0.0/16', via: `10.1.${i + 1}.2`, dev: 'next' }] : []
		});
	}
	network.processes.push({ name: 'edge', uid: 0, ns: { net: 'c0' } });
	network.ops = [{ op: 'send', from: 'edge', to: `10.1.${last}.2` }];
	const encoded = await encodeScenario(page, network);
	await openLab(page, `${LESSON}?scenario=${encoded}`);
	const measured = await measureEachStep(labPlayer(page), stageAndTables);
	await expect(labPlayer(page).locator('.narration')).toContainText('delivered here');
	const hops = measured.slice(1);
	// A routing table at most hops, and none at some…
	expect(hops.filter((m) => m.table > 0).length).toBeGreaterThan(15);
	expect(hops.filter((m) => m.table === 0).length).toBeGreaterThan(0);
	// …and the picture as tall at every one.
	expect(spread(hops.map((m) => m.height))).toBeLessThanOrEqual(1);
	await expect(labPlayer(page).locator('.frame-stack > [aria-hidden="true"]')).toHaveCount(16);
});

for (const width of [390, 1280]) {
	test(`at ${width} px the packet never covers a namespace's name`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		// The marker jumps to each hop instead of gliding there.
		await page.emulateMedia({ reducedMotion: 'reduce' });
		await page.goto(LESSON);
		// The lesson's packets, and one more from solo-net that loops back to it: route
		// lookups in the machine's namespace (its long name) and in a narrow box.
		const network = await withRoutingLoop(page);
		await openLab(page, `${LESSON}?scenario=${await encodeScenario(page, network)}`);
		const steps = await measureEachStep(labPlayer(page), (player, at, { apart }) => {
			const marker = player.querySelector('.stage .packet');
			if (!marker) return null;
			const box = marker.getBoundingClientRect();
			return [...player.querySelectorAll('.ns-title')]
				.filter((title) => !apart(box, title.getBoundingClientRect(), 0))
				.map((title) => `step ${at}: ${title.textContent}`);
		});
		const found = {
			packets: steps.filter((step) => step !== null).length,
			overlaps: steps.flatMap((step) => step ?? [])
		};
		expect(found.packets).toBeGreaterThan(100);
		expect(found.overlaps).toEqual([]);
	});
}

for (const width of [390, 1280]) {
	test(`at ${width} px no veth line is drawn across a namespace it does not join`, async ({
		page
	}) => {
		await page.setViewportSize({ width, height: 900 });
		await page.emulateMedia({ reducedMotion: 'reduce' });
		await page.goto(LESSON);
		// The lesson's network scenario: at 390 px, solo-net stands below web-net.
		const network = await page.evaluate(() =>
			fetch('/scenarios/namespaces/network.json').then((response) => response.json())
		);
		await openLab(page, `${LESSON}?scenario=${await encodeScenario(page, network)}`);
		await labPlayer(page).focus();
		const picture = labPlayer(page).getByTestId('net-diagram');
		while (!(await picture.isVisible())) await page.keyboard.press('ArrowRight');
		const found = await picture.evaluate((svg) => {
			type Point = { x: number; y: number };
			const boxes = [...svg.querySelectorAll('.ns rect')].map((rect) => {
				const [x, y, width, height] = ['x', 'y', 'width', 'height'].map((name) =>
					Number(rect.getAttribute(name))
				);
				return { x, y, width, height };
			});
			const inside = (p: Point, r: (typeof boxes)[number]) =>
				p.x > r.x && p.x < r.x + r.width && p.y > r.y && p.y < r.y + r.height;
			// Whether segment a–b passes through rectangle r (sampled every pixel).
			const crosses = (a: Point, b: Point, r: (typeof boxes)[number]) => {
				const steps = Math.ceil(Math.hypot(b.x - a.x, b.y - a.y));
				for (let k = 1; k < steps; k++) {
					const t = k / steps;
					if (inside({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t }, r)) return true;
				}
				return false;
			};
			const lines = [...svg.querySelectorAll('.link.veth')].map((line) =>
				line.tagName === 'line'
					? [
							{ x: Number(line.getAttribute('x1')), y: Number(line.getAttribute('y1')) },
							{ x: Number(line.getAttribute('x2')), y: Number(line.getAttribute('y2')) }
						]
					: line
							.getAttribute('points')!
							.trim()
							.split(/\s+/)
							.map((pair) => {
								const [x, y] = pair.split(',').map(Number);
								return { x, y };
							})
			);
			const crossings: string[] = [];
			lines.forEach((points, n) => {
				// The boxes of its two ends.
				const ends = boxes.filter((box) =>
					[points[0], points[points.length - 1]].some((p) => inside(p, box))
				);
				for (let i = 1; i < points.length; i++)
					boxes.forEach((box, b) => {
						if (!ends.includes(box) && crosses(points[i - 1], points[i], box))
							crossings.push(`line ${n} crosses box ${b}`);
					});
			});
			return { lines: lines.length, crossings };
		});
		expect(found.lines).toBe(3);
		expect(found.crossings).toEqual([]);
	});
}

for (const width of [390, 1280])
	test(`at ${width} px, a scenario’s longest words break instead of widening the page`, async ({
		page
	}) => {
		await page.setViewportSize({ width, height: 900 });
		await page.goto(LESSON);
		const scenario = await page.evaluate(() =>
			fetch('/scenarios/namespaces/containers.json').then((response) => response.json())
		);
		// Within the limits: a 200-character title, a long description, a 64-character name.
		const word = (length: number) => 'namespaced'.repeat(Math.ceil(length / 10)).slice(0, length);
		scenario.title = word(200);
		scenario.description = word(600);
		const long = word(64);
		for (const process of scenario.processes) if (process.name === 'nginx') process.name = long;
		for (const op of scenario.ops) if (op.process === 'nginx') op.process = long;
		await openLab(page, `${LESSON}?scenario=${await encodeScenario(page, scenario)}`);
		await expect(lab(page).getByTestId('ns-title')).toHaveText(word(200));
		await expect(compare(page).getByTestId('compare-process-1')).toBeVisible();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
	});

/**
 * Containers on the machine's bridges, as Docker joins them (one veth pair each,
 * the machine's end on the bridge): `counts[0]` on docker0 (app1…, ends veth1…),
 * `counts[1]` on br1 (db1…, ends vdb1…); a process in app1 sends to the last app.
 */
function bridgedContainers(title: string, counts: number[]) {
	const kinds = ['mnt', 'uts', 'user', 'pid', 'ipc'].map((kind) => ({ id: `host-${kind}`, kind }));
	const bridges = ['docker0', 'br1'].slice(0, counts.length);
	const host = {
		id: 'host-net',
		kind: 'net',
		interfaces: [
			{ name: 'eth0', addr: '192.168.1.10/24' },
			...bridges.map((name, b) => ({ name, type: 'bridge', addr: `172.${17 + b}.0.1/16` }))
		] as object[]
	};
	const containers = bridges.flatMap((bridge, b) =>
		Array.from({ length: counts[b] }, (_, i) => {
			const [id, end] = b ? [`db${i + 1}`, `vdb${i + 1}`] : [`app${i + 1}`, `veth${i + 1}`];
			host.interfaces.push({ name: end, peer: { ns: id, name: 'eth0' }, master: bridge });
			return {
				id,
				kind: 'net',
				interfaces: [
					{ name: 'eth0', addr: `172.${17 + b}.0.${i + 2}/16`, peer: { ns: 'host-net', name: end } }
				],
				routes: [{ to: 'default', via: `172.${17 + b}.0.1`, dev: 'eth0' }]
			};
		})
	);
	return {
		model: 'namespaces',
		title,
		namespaces: [...kinds, host, ...containers],
		processes: [
			{ name: 'bash', uid: 0 },
			{ name: 'web', uid: 0, ns: { net: 'app1' } }
		],
		ops: [{ op: 'send', from: 'web', to: `172.17.0.${counts[0] + 1}` }]
	};
}

test('at 390 px, eight containers on one bridge: every interface inside its namespace', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 900 });
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await page.goto(LESSON);
	const scenario = bridgedContainers('Eight containers on docker0', [8]);
	await openLab(page, `${LESSON}?scenario=${await encodeScenario(page, scenario)}`);
	await labPlayer(page).focus();
	const picture = labPlayer(page).getByTestId('net-diagram');
	const narration = labPlayer(page).locator('.narration');
	// Step to where the packet crosses the bridge, from one port to another.
	for (let i = 0; i < 12 && !(await narration.innerText()).includes('Bridge docker0'); i++)
		await page.keyboard.press('ArrowRight');
	await expect(narration).toContainText('from port veth1 to port veth8');
	const found = await picture.evaluate((svg) => {
		const rectOf = (el: Element) => {
			const [x, y, width, height] = ['x', 'y', 'width', 'height'].map((name) =>
				Number(el.getAttribute(name))
			);
			return { x, y, width, height };
		};
		const boxes = [...svg.querySelectorAll('.ns rect')].map(rectOf);
		const pills = [...svg.querySelectorAll('.iface')].map((g) => ({
			key: g.getAttribute('data-iface')!,
			...rectOf(g.querySelector('rect')!)
		}));
		// Out of the box its top left corner is in.
		const outside = pills.filter((pill) => {
			const box = boxes.find(
				(b) => pill.x > b.x && pill.x < b.x + b.width && pill.y > b.y && pill.y < b.y + b.height
			);
			return (
				!box ||
				pill.x < box.x ||
				pill.y < box.y ||
				pill.x + pill.width > box.x + box.width ||
				pill.y + pill.height > box.y + box.height
			);
		});
		const onEachOther = pills.flatMap((a, i) =>
			pills
				.slice(i + 1)
				.filter(
					(b) =>
						a.x < b.x + b.width &&
						b.x < a.x + a.width &&
						a.y < b.y + b.height &&
						b.y < a.y + a.height
				)
				.map((b) => `${a.key} on ${b.key}`)
		);
		return {
			pills: pills.length,
			outside: outside.map((pill) => pill.key),
			onEachOther,
			lit: [...svg.querySelectorAll('.iface.lit')].map((g) => g.getAttribute('data-iface'))
		};
	});
	// Each container's lo and eth0, the machine's lo, eth0 and eight ends.
	expect(found.pills).toBe(8 * 2 + 2 + 8);
	expect(found.outside).toEqual([]);
	expect(found.onEachOther).toEqual([]);
	expect(found.lit).toEqual(['host-net/veth1', 'host-net/veth8']);
});

test('before the kernel picks a namespace, the place of the table says it has none yet', async ({
	page
}) => {
	await openLab(page);
	await lab(page).getByRole('button', { name: '“bash” asks: ip addr', exact: true }).click();
	const narration = labPlayer(page).locator('.narration');
	await expect(narration).toContainText('“bash” runs “ip addr”');
	await expect(labShown(page).getByTestId('ns-table')).toHaveCount(0);
	await expect(labShown(page).getByTestId('ns-table-not-yet')).toHaveText(
		'No table yet: the kernel has not picked a namespace.'
	);
	// The later frames' tables only keep their room: hidden from sight and from screen readers.
	const later = labPlayer(page).locator('.frame-stack > [aria-hidden="true"]');
	await expect(later.first()).toBeHidden();
	await expect(later.getByTestId('ns-table')).not.toHaveCount(0);
	await labPlayer(page).focus();
	await page.keyboard.press('ArrowRight');
	await expect(narration).toContainText('network namespace, “host-net”');
	await expect(labShown(page).getByTestId('ns-table')).toContainText(
		'Interfaces of network namespace host-net'
	);
	await expect(labShown(page).getByTestId('ns-table-not-yet')).toHaveCount(0);
	// A mount table is looked up a step after the pick: until then it is named, not shown.
	await lab(page).getByRole('button', { name: '“nginx” asks: ls /', exact: true }).click();
	await labPlayer(page).focus();
	await page.keyboard.press('ArrowRight');
	await expect(narration).toContainText('mount namespace, “web-mnt”');
	await expect(labShown(page).getByTestId('ns-table-not-yet')).toHaveText(
		'Table of the mount namespace web-mnt: not looked up yet.'
	);
	await page.keyboard.press('ArrowRight');
	await expect(labShown(page).getByTestId('ns-table')).toContainText('Mount table of web-mnt');
});

test('Open and Reset are said once, by their status: neither player reads its new narration out', async ({
	page
}) => {
	await openLab(page);
	// The comparison asks the lab's processes: its opening sentence counts them.
	const compared = compare(page).locator('.player .narration');
	const own = labPlayer(page).locator('.narration');
	await expect(compared).toContainText('5 processes on one kernel');
	await labPlayer(page).focus();
	await page.keyboard.press('ArrowRight');
	await expect(own).toContainText('“bash” runs “hostname”');
	await expect(compared).toHaveAttribute('aria-live', 'polite');
	await expect(own).toHaveAttribute('aria-live', 'polite');

	await lab(page).getByTestId('ns-builtin').selectOption('network');
	await lab(page).getByRole('button', { name: 'Open', exact: true }).click();
	await expect(lab(page).getByTestId('ns-status')).toHaveText(
		'Opened the built-in scenario “veth pairs, a bridge and routes”.'
	);
	// Both narrations are the new scenario's, shown but not live (not read out).
	await expect(compared).toContainText('4 processes on one kernel');
	await expect(own).toContainText('4 processes on one kernel');
	await expect(compared).toHaveAttribute('aria-live', 'off');
	await expect(own).toHaveAttribute('aria-live', 'off');
	// A step of a player makes it live again, with the narration that step brings.
	await compare(page).locator('.player').focus();
	await page.keyboard.press('ArrowRight');
	await expect(compared).toHaveAttribute('aria-live', 'polite');
	await expect(compared).toContainText('runs “hostname”');
	await expect(own).toHaveAttribute('aria-live', 'off');
	await compare(page).locator('.player').focus();
	await page.keyboard.press('Home');

	await lab(page).getByRole('button', { name: 'Reset to the lesson’s scenario' }).click();
	await expect(
		lab(page).getByRole('status').filter({ hasText: 'Back to the lesson’s own' })
	).toHaveText('Back to the lesson’s own scenario.');
	await expect(compared).toContainText('5 processes on one kernel');
	await expect(own).toContainText('5 processes on one kernel');
	await expect(compared).toHaveAttribute('aria-live', 'off');
	await expect(own).toHaveAttribute('aria-live', 'off');
	await labPlayer(page).focus();
	await page.keyboard.press('ArrowRight');
	await expect(own).toHaveAttribute('aria-live', 'polite');
	await expect(own).toContainText('“bash” runs “hostname”');
});

for (const width of [390, 1280])
	test(`at ${width} px, a port line crossing another bridge passes over its bar and under its name`, async ({
		page
	}) => {
		await page.setViewportSize({ width, height: 900 });
		await page.goto(LESSON);
		await openLab(
			page,
			`${LESSON}?scenario=${await encodeScenario(page, bridgedContainers('Two bridges', [5, 5]))}`
		);
		await labPlayer(page).focus();
		await page.keyboard.press('ArrowRight');
		const picture = labPlayer(page).getByTestId('net-diagram');
		await expect(picture.locator('line.bridge')).toHaveCount(2);
		const found = await picture.evaluate((div) => {
			const svg = div.querySelector('svg')!;
			const ends = (line: Element) =>
				['x1', 'y1', 'x2', 'y2'].map((name) => Number(line.getAttribute(name)));
			const onScreen = (x: number, y: number) =>
				new DOMPoint(x, y).matrixTransform(svg.getScreenCTM()!);
			// What is drawn on top there, scrolled into the window first (the picture is
			// taller than it at 390 px). Nothing at all counts as hidden.
			const topAt = (x: number, y: number) => {
				window.scrollBy(0, onScreen(x, y).y - innerHeight / 2);
				const point = onScreen(x, y);
				return document.elementFromPoint(point.x, point.y) ?? svg;
			};
			const between = (v: number, a: number, b: number) =>
				v > Math.min(a, b) + 0.5 && v < Math.max(a, b) - 0.5;
			const hidden: string[] = [];
			let crossings = 0;
			for (const port of svg.querySelectorAll('line.port')) {
				const [px1, py1, px2, py2] = ends(port);
				const vertical = px1 === px2;
				for (const bar of svg.querySelectorAll('line.bridge')) {
					const [bx1, by1, bx2, by2] = ends(bar);
					// Lines and bars are upright or level, and a port's line ends at its own bar's edge.
					const at = vertical ? { x: px1, y: by1 } : { x: bx1, y: py1 };
					const crosses = vertical
						? between(at.x, bx1, bx2) && between(at.y, py1, py2)
						: between(at.y, by1, by2) && between(at.x, px1, px2);
					if (!crosses) continue;
					crossings++;
					const top = topAt(at.x, at.y);
					if (top === svg || top.classList.contains('bridge')) hidden.push(`${at.x},${at.y}`);
				}
				for (const name of svg.querySelectorAll('text.bridge-name')) {
					const box = (name as SVGTextElement).getBBox();
					const y = box.y + box.height / 2;
					if (vertical && between(px1, box.x, box.x + box.width) && between(y, py1, py2))
						if (['port', 'bridge'].some((name) => topAt(px1, y).classList.contains(name)))
							hidden.push(`name at ${px1}`);
				}
			}
			return { crossings, hidden };
		});
		expect(found.crossings).toBeGreaterThan(0);
		expect(found.hidden).toEqual([]);
	});

test('the list of questions marks the current one for a screen reader too', async ({ page }) => {
	await openLab(page);
	const ops = lab(page).getByTestId('ns-ops');
	await expect(ops.locator('[aria-current]')).toHaveCount(0);
	await labPlayer(page).focus();
	for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
	await expect(labPlayer(page)).toHaveAttribute('data-step', '5');
	const current = ops.locator('li[aria-current="step"]');
	await expect(current).toHaveCount(1);
	await expect(current).toHaveClass(/\bcurrent\b/);
	await expect(ops.locator('li.current')).toHaveCount(1);
});
