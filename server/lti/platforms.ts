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

/** Adds a platform (or updates its addresses) and its deployments; returns its id. */
export async function registerPlatform(db: Db, registration: Registration): Promise<number> {
	return db.transaction(async (tx) => {
		const [row] = await tx.query<{ id: number }>(
			`INSERT INTO platforms (issuer, client_id, auth_url, token_url, jwks_url, name)
			 VALUES ($1, $2, $3, $4, $5, $6)
			 ON CONFLICT (issuer, client_id) DO UPDATE SET auth_url = $3, token_url = $4, jwks_url = $5, name = $6
			 RETURNING id`,
			[
				registration.issuer,
				registration.clientId,
				registration.authUrl,
				registration.tokenUrl,
				registration.jwksUrl,
				registration.name ?? ''
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
