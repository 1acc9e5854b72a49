import { customType, timestamp } from 'drizzle-orm/pg-core';

/** Raw bytes (hashes, keys). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	// postgres.js returns a Buffer and PGlite a Uint8Array: hand domain code one type.
	fromDriver: (value) => new Uint8Array(value)
});

/** A point in time with its time zone, read as a Date by both drivers. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
