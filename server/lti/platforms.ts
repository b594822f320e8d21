/** Platform registrations (an LMS's issuer and client id) and their deployments. */
import type { Db } from './db';

export interface Registration {
	issuer: string;
	clientId: string;
	authUrl: string;
	tokenUrl: string;
	jwksUrl: string;
	name?: string;
	deployments: string[];
}

/** A registration that would change the addresses of an (issuer, client id) already registered. */
export class RegistrationConflict extends Error {
	constructor(public platformId: number) {
		super('this issuer and client id are already registered with other addresses');
	}
}

/**
 * Adds a platform and its deployments; returns its id. An existing (issuer, client id)
 * keeps its addresses unless `replace` is set (the administrator's own command, or a
 * registration that carries the registration key): its addresses decide whose
 * signatures are trusted, so an anonymous registration must not move them elsewhere.
 */
export async function registerPlatform(
	db: Db,
	registration: Registration,
	{ replace = true }: { replace?: boolean } = {}
): Promise<number> {
	return db.transaction(async (tx) => {
		const [existing] = await tx.query<{
			id: number;
			auth_url: string;
			token_url: string;
			jwks_url: string;
		}>(
			'SELECT id, auth_url, token_url, jwks_url FROM platforms WHERE issuer = $1 AND client_id = $2 FOR UPDATE',
			[registration.issuer, registration.clientId]
		);
		const sameAddresses =
			existing?.auth_url === registration.authUrl &&
			existing?.token_url === registration.tokenUrl &&
			existing?.jwks_url === registration.jwksUrl;
		if (existing && !sameAddresses && !replace) throw new RegistrationConflict(existing.id);
		const [row] = await tx.query<{ id: number }>(
			`INSERT INTO platforms (issuer, client_id, auth_url, token_url, jwks_url, name)
			 VALUES ($1, $2, $3, $4, $5, $6)
			 ON CONFLICT (issuer, client_id) DO UPDATE SET auth_url = $3, token_url = $4, jwks_url = $5,
			   name = CASE WHEN $7::boolean THEN $6 ELSE platforms.name END
			 RETURNING id`,
			[
				registration.issuer,
				registration.clientId,
				registration.authUrl,
				registration.tokenUrl,
				registration.jwksUrl,
				registration.name ?? '',
				replace
			]
		);
		for (const deployment of registration.deployments) {
			await tx.query(
				'INSERT INTO deployments (platform_id, deployment_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
				[row.id, deployment]
			);
		}
		return row.id;
	});
}
