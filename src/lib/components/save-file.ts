/** Saves a fetched file as a download named by its Content-Disposition (or `fallback`); returns the name. */
export async function saveResponse(response: Response, fallback: string): Promise<string> {
	const disposition = response.headers.get('content-disposition') ?? '';
	const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
	// The export needs an Authorization header, so a plain link cannot fetch it: go through a Blob.
	const url = URL.createObjectURL(await response.blob());
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	document.body.append(link);
	link.click();
	link.remove();
	// Revoking at once can cancel the download in some browsers; a minute is plenty.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
	return name;
}
