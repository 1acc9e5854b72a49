// A small closed-loop load generator for loopback benchmarks: N workers each send one request at a time until
// the time or the request budget runs out. Every response is checked by the caller, so a fast wrong run fails.

export interface LoadResult {
	requests: number;
	failures: number;
	seconds: number;
	perSecond: number;
	p50: number;
	p99: number;
}

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runLoad(options: {
	concurrency: number;
	seconds: number;
	maxRequests: number;
	/** One request by worker `worker`; resolves true when its answer was right. */
	request: (worker: number) => Promise<boolean>;
}): Promise<LoadResult> {
	const latencies: number[] = [];
	let failures = 0;
	let started = 0;
	const begin = performance.now();
	const deadline = begin + options.seconds * 1000;
	await Promise.all(
		Array.from({ length: options.concurrency }, async (_, worker) => {
			while (performance.now() < deadline && started < options.maxRequests) {
				started++;
				const sent = performance.now();
				const ok = await options.request(worker).catch(() => false);
				latencies.push(performance.now() - sent);
				if (!ok) failures++;
			}
		})
	);
	const seconds = (performance.now() - begin) / 1000;
	latencies.sort((a, b) => a - b);
	return {
		requests: latencies.length,
		failures,
		seconds,
		perSecond: latencies.length / seconds,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99)
	};
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

export interface HammerResult {
	perSecond: number;
	p50: number;
	p99: number;
	requests: number;
}

/**
 * `connections` keep-alive connections sending GETs to one URL for `seconds` (autocannon, which keeps up with a
 * bare Node server where a fetch loop would not). Throws unless every response was a 200: a fast wrong run fails.
 */
export async function hammer(url: string, options: { connections: number; seconds: number; headers?: Record<string, string> }): Promise<HammerResult> {
	const { default: autocannon } = await import('autocannon');
	const result = await autocannon({ url, connections: options.connections, duration: options.seconds, headers: options.headers });
	const wrong = result.non2xx + result.errors + result.timeouts;
	if (wrong > 0 || result.requests.total === 0) {
		throw new Error(`${url}: ${wrong} of ${result.requests.total} requests were not answered 200`);
	}
	return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total };
}
