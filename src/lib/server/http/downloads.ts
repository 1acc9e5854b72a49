/** A file the browser saves rather than shows, never kept by a cache: the CSV and JSON exports. */
export function download(body: string, type: 'text/csv' | 'application/json', fileName: string): Response {
	return new Response(body, {
		headers: {
			'content-type': `${type}; charset=utf-8`,
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'no-store'
		}
	});
}
