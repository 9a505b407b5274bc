/** One repository serves both dialects (server/store/types.ts): their schemas must name the same tables and columns. */
import { describe, expect, test } from 'vitest';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import * as sqlite from '../../../server/db/schema-sqlite';
import * as pg from '../../../server/db/schema-pg';

function shape(tables: Record<string, unknown>, config: (t: never) => { name: string; columns: { name: string; notNull: boolean }[] }) {
	return Object.fromEntries(
		Object.entries(tables)
			.filter(([, t]) => t instanceof SQLiteTable || t instanceof PgTable)
			.map(([key, t]) => {
				const { name, columns } = config(t as never);
				return [key, { name, columns: columns.map((c) => `${c.name}${c.notNull ? '' : '?'}`).sort() }];
			})
	);
}

describe('schemas', () => {
	test('SQLite and PostgreSQL have the same tables, columns and nullability, under the same export names', () => {
		const a = shape(sqlite, sqliteConfig as never);
		const b = shape(pg, pgConfig as never);
		expect(Object.keys(a).length).toBeGreaterThan(5);
		expect(b).toEqual(a);
	});
});
