import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config';

describe('configuration', () => {
	test('defaults serve on 0.0.0.0:3000 with the database under ./data', () => {
		const config = loadConfig({}, '/srv/trame');
		expect(config).toMatchObject({
			port: 3000,
			host: '0.0.0.0',
			dataDir: '/srv/trame/data',
			databaseFile: '/srv/trame/data/trame.db',
			publicUrl: 'http://localhost:3000',
			databaseUrl: null,
			redisUrl: null
		});
	});

	test('per-address connections default to a ceiling a venue never reaches, and can be set', () => {
		expect(loadConfig({}).connectionsPerIp).toBeGreaterThanOrEqual(3000);
		expect(loadConfig({ TRAME_CONNECTIONS_PER_IP: '50', TRAME_JOINS_PER_SECOND: '10' })).toMatchObject({ connectionsPerIp: 50, joinsPerSecond: 10 });
	});

	test('PostgreSQL alone, or with Redis (several instances); Redis alone is refused', () => {
		const pg = 'postgres://trame:pw@db.internal:5432/trame';
		expect(loadConfig({ TRAME_DATABASE_URL: pg })).toMatchObject({ databaseUrl: pg, redisUrl: null });
		expect(loadConfig({ TRAME_DATABASE_URL: pg, TRAME_REDIS_URL: 'redis://cache:6379' }).redisUrl).toBe('redis://cache:6379');
		expect(() => loadConfig({ TRAME_REDIS_URL: 'redis://cache:6379' })).toThrow(/TRAME_DATABASE_URL/);
	});

	test('the public URL defaults to the configured port and keeps only the origin', () => {
		expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
		expect(loadConfig({ TRAME_PUBLIC_URL: 'https://atelier.example.org/' }).publicUrl).toBe('https://atelier.example.org');
	});

	test.each([
		['PORT', 'abc'],
		['PORT', '70000'],
		['TRAME_PUBLIC_URL', 'atelier.example.org'],
		['TRAME_PUBLIC_URL', 'ftp://x.org'],
		['TRAME_LOG_LEVEL', 'loud'],
		['TRAME_UNLOAD_AFTER_MS', '-1'],
		['TRAME_CONNECTIONS_PER_IP', '0'],
		['TRAME_JOINS_PER_SECOND', 'many'],
		['TRAME_DATABASE_URL', 'sqlite:///tmp/x.db'],
		['TRAME_DATABASE_URL', 'not a url'],
		['TRAME_REDIS_URL', 'http://cache:6379']
	])('a bad %s (%s) stops the start with a message naming it', (name, value) => {
		expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
		expect(() => loadConfig({ [name]: value })).toThrow(name);
	});

	test('the host sets who runs the instance and its accessibility state; by default nothing is claimed', () => {
		expect(loadConfig({}).site).toEqual({ operator: '', address: '', contact: '', publicationDirector: '', hosting: '', accessibility: 'none', audit: '' });
		const site = loadConfig({
			TRAME_OPERATOR_NAME: ' Ville de Lyon ',
			TRAME_OPERATOR_CONTACT: 'numerique@example.org',
			TRAME_ACCESSIBILITY: 'partial',
			TRAME_ACCESSIBILITY_AUDIT: '2026-10-02, Access42, 82 % des critères respectés'
		}).site;
		expect(site).toMatchObject({ operator: 'Ville de Lyon', contact: 'numerique@example.org', accessibility: 'partial' });
	});

	test.each([
		[{ TRAME_ACCESSIBILITY: 'good' }, 'TRAME_ACCESSIBILITY'],
		[{ TRAME_ACCESSIBILITY: 'full' }, 'TRAME_ACCESSIBILITY_AUDIT'],
		[{ TRAME_OPERATOR_NAME: 'x'.repeat(301) }, 'TRAME_OPERATOR_NAME'],
		[{ TRAME_HOSTING: 'OVH\nRoubaix' }, 'TRAME_HOSTING']
	])('a bad site setting (%o) stops the start naming %s', (env, name) => {
		expect(() => loadConfig(env)).toThrow(ConfigError);
		expect(() => loadConfig(env)).toThrow(name);
	});
});
