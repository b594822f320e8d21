/**
 * `npm run lti -- <command>`: the LTI 1.3 server and its administration.
 *   serve (default)  serves build/ and the LTI endpoints
 *   register         adds a platform by hand (when Dynamic Registration is not used)
 *   rotate-keys      makes a new signing key; the old one stays published for the overlap
 *   platforms        lists the registered platforms and deployments
 * Storage: PostgreSQL at DATABASE_URL when set, else an embedded PGlite in --data.
 */
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLtiApp } from './app';
import { loadCatalog } from './catalog';
import { openDb, type Db } from './db';
import { ensureKeys, rotateKeys } from './keys';
import { registerPlatform } from './platforms';

const USAGE = `usage: npm run lti -- [serve] [--data DIR] [--port N] [--host H] [--base-url URL] [--site DIR] [--trust-proxy]
       npm run lti -- register --issuer URL --client-id ID --auth-url URL --token-url URL --jwks-url URL --deployment ID [--deployment ID…] [--name NAME]
       npm run lti -- rotate-keys [--overlap-days N]
       npm run lti -- platforms
Storage: PostgreSQL at DATABASE_URL when it is set, else PGlite in --data (default ./lti-data).`;

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		data: { type: 'string', default: process.env.LTI_DATA_DIR ?? 'lti-data' },
		port: { type: 'string', default: process.env.PORT ?? '4180' },
		host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
		'base-url': { type: 'string', default: process.env.LTI_BASE_URL },
		site: { type: 'string', default: process.env.STEPVISOR_BUILD_DIR ?? 'build' },
		'trust-proxy': { type: 'boolean', default: process.env.LTI_TRUST_PROXY === '1' },
		'overlap-days': { type: 'string', default: '7' },
		issuer: { type: 'string' },
		'client-id': { type: 'string' },
		'auth-url': { type: 'string' },
		'token-url': { type: 'string' },
		'jwks-url': { type: 'string' },
		deployment: { type: 'string', multiple: true },
		name: { type: 'string' },
		help: { type: 'boolean', short: 'h' }
	}
});

function fail(message: string): never {
	console.error(message);
	process.exit(2);
}

async function open(): Promise<Db> {
	const databaseUrl = process.env.DATABASE_URL || undefined;
	const db = await openDb({ databaseUrl, dataDir: resolve(values.data!) });
	// Say where the data is, never the URL's password.
	console.log(
		databaseUrl
			? `storage: PostgreSQL at ${new URL(databaseUrl).host}`
			: `storage: PGlite in ${resolve(values.data!)}`
	);
	return db;
}

function httpsUrl(name: string, value: string | undefined): string {
	if (!value) fail(`--${name} is required.\n${USAGE}`);
	try {
		const url = new URL(value);
		if (url.protocol !== 'https:' && !(url.protocol === 'http:' && url.hostname === '127.0.0.1'))
			throw new Error();
		return url.toString();
	} catch {
		fail(`--${name} must be an https:// address (got ${JSON.stringify(value)}).`);
	}
}

const command = positionals[0] ?? 'serve';
if (values.help) {
	console.log(USAGE);
	process.exit(0);
}

if (command === 'serve') {
	const site = resolve(values.site!);
	if (!existsSync(join(site, 'index.html')))
		fail(`No built site in ${site}: run \`npm run build\` first.`);
	const port = Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		fail(`--port: not a port: ${values.port}`);
	const baseUrl = values['base-url'] ?? `http://${values.host}:${port}`;
	const db = await open();
	const app = createLtiApp({
		db,
		catalog: await loadCatalog(process.cwd()),
		baseUrl,
		siteDir: site,
		trustProxy: values['trust-proxy'],
		registrationKey: process.env.LTI_REGISTRATION_KEY || undefined,
		allowLoopbackHttp: new URL(baseUrl).hostname === '127.0.0.1'
	});
	await app.init();
	app.sender.start(5000);
	const server = createServer(
		{ maxHeaderSize: 16 * 1024, requestTimeout: 30_000 },
		(request, response) => void app.handle(request, response)
	);
	server.listen(port, values.host, () => {
		console.log(`Stepvisor LTI tool at ${baseUrl}/`);
		console.log(`  Dynamic Registration URL: ${baseUrl}/lti/register`);
		console.log(
			`  login ${baseUrl}/lti/login · launch ${baseUrl}/lti/launch · keys ${baseUrl}/lti/jwks`
		);
	});
	const stop = async () => {
		// Keep-alive connections would hold the process open.
		server.close();
		server.closeAllConnections();
		await app.sender.stop();
		await db.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
} else if (command === 'register') {
	const deployments = values.deployment ?? [];
	if (!values.issuer || !values['client-id'] || deployments.length === 0)
		fail(`register needs --issuer, --client-id and at least one --deployment.\n${USAGE}`);
	const registration = {
		issuer: values.issuer,
		clientId: values['client-id'],
		authUrl: httpsUrl('auth-url', values['auth-url']),
		tokenUrl: httpsUrl('token-url', values['token-url']),
		jwksUrl: httpsUrl('jwks-url', values['jwks-url']),
		name: values.name,
		deployments
	};
	const db = await open();
	await ensureKeys(db);
	const id = await registerPlatform(db, registration);
	console.log(
		`registered platform #${id}: ${registration.issuer} (client ${registration.clientId}), deployments ${deployments.join(', ')}`
	);
	await db.close();
} else if (command === 'rotate-keys') {
	const days = Number(values['overlap-days']);
	if (!(days >= 0)) fail('--overlap-days must be a number of days.');
	const db = await open();
	await ensureKeys(db);
	const kid = await rotateKeys(db, days * 86400);
	console.log(`new signing key ${kid}; the previous key stays published for ${days} days.`);
	await db.close();
} else if (command === 'platforms') {
	const db = await open();
	const rows = await db.query<{
		id: number;
		issuer: string;
		client_id: string;
		deployments: string;
	}>(
		`SELECT p.id, p.issuer, p.client_id, coalesce(string_agg(d.deployment_id, ', '), '') AS deployments
		 FROM platforms p LEFT JOIN deployments d ON d.platform_id = p.id GROUP BY p.id ORDER BY p.id`
	);
	for (const row of rows)
		console.log(`#${row.id} ${row.issuer} client ${row.client_id} deployments: ${row.deployments}`);
	if (rows.length === 0) console.log('no platforms registered');
	await db.close();
} else {
	fail(`unknown command ${JSON.stringify(command)}\n${USAGE}`);
}
