import { describe, expect, it } from 'vitest';
import { isTableName, tableColumns } from './tables';

describe('isTableName', () => {
	it('names every table', () => {
		for (const name of Object.keys(tableColumns)) expect(isTableName(name)).toBe(true);
	});

	it('names nothing an object inherits, or anything else', () => {
		for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '', 'Summary', 'items\u0000']) {
			expect(isTableName(name), name).toBe(false);
		}
	});
});
