/**
 * The live link to the server: a y-websocket WebsocketProvider (DESIGN.md,
 * sync contract) wrapped in runes. It exposes what the page shows — the
 * connection status, who is present, why the server closed the link — and
 * keeps local edits while offline (the provider resends them on reconnect).
 * Given a MuxSocket, the provider talks through the page's one socket
 * instead of opening its own (mux-socket.svelte.ts).
 */
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { CloseCode } from '$lib/shared/errors';
import { LIMITS } from '$lib/shared/limits';
import type { MuxDoc } from '$lib/shared/mux';
import { isPresenceSummary, SUMMARY_CLIENT_ID } from '$lib/shared/presence';
import type { MuxSocket } from './mux-socket.svelte';

/** How the list of people present is sorted. */
const NAMES = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export type Status = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'closed';

/** What a person shows of themselves to the others (awareness state `user`). */
export interface Presence {
	clientId: number;
	name: string;
	participantId: string | null;
	/** The phase serial they said "J'ai fini" in, if any. */
	done?: number;
}

export interface ConnectOptions {
	boardId: string;
	token: string;
	key: string | null;
	doc: Y.Doc;
	/** The y-websocket room: the board id, or `<boardId>/session` for the session document. */
	room?: string;
	/** Called when the server refused an update this document holds (it will not reconnect), with the close reason. */
	onRefused?: (reason: string) => void;
	/** The page's shared socket, and which of its documents this is. */
	mux?: { socket: MuxSocket; doc: MuxDoc };
	/** False for documents that show nobody (session, private notes): no presence is sent for them. */
	presence?: boolean;
}

export class Connection {
	#provider: WebsocketProvider;
	#socket = $state<'connecting' | 'connected' | 'disconnected'>('connecting');
	#network = $state(true);
	#everOnline = $state(false);
	/** The server's close code when it ended the link for good (refused, revoked…). */
	closedCode = $state<number | null>(null);
	/** True once the document holds the server's state (safe to create shared texts). */
	synced = $state(false);
	/** Set while the last edit could not be stored by the server (disk full). */
	unsaved = $state(false);
	#presence = $state<Presence[]>([]);
	/** On a plenary board, the server's count of people present (it sends no names then), else null. */
	#summary = $state<number | null>(null);
	#mux: MuxSocket | null;
	#stopActivity: () => void = () => undefined;
	#probeUrl: string;
	/** The current socket opened (a close before that may be a refused upgrade). */
	#opened = false;
	#probed = false;

	constructor({ boardId, token, key, doc, room = boardId, onRefused, mux, presence = true }: ConnectOptions) {
		const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
		const params: Record<string, string> = { token };
		if (key) params.key = key;
		this.#mux = mux?.socket ?? null;
		const WebSocketPolyfill = mux ? mux.socket.polyfill(mux.doc, () => doc.clientID) : undefined;
		this.#provider = new WebsocketProvider(url, room, doc, { params, WebSocketPolyfill });
		// A refused upgrade is asked about at the address that was refused: the page's one socket, or this document's.
		this.#probeUrl = `/yjs/${mux ? `${boardId}/mux` : room}?${new URLSearchParams(params)}`;
		if (mux) {
			// Liveness is the shared socket's (any frame, heartbeats included), not each document's.
			const provider = this.#provider;
			this.#stopActivity = mux.socket.onActivity(() => (provider.wsLastMessageReceived = Date.now()));
			if (!presence) provider.awareness.setLocalState(null);
		}
		this.#provider.on('status', ({ status }) => this.#onStatus(status));
		this.#provider.on('sync', (synced: boolean) => {
			this.synced = synced || this.synced;
			if (synced) this.unsaved = false;
		});
		this.#provider.on('connection-close', (event) => {
			if (event?.code === CloseCode.storageFull) this.unsaved = true;
			// Closed before it ever opened: the upgrade may have been refused (the browser hides why).
			if (event && !this.#opened) this.#probe();
			this.#opened = false;
		});
		this.#provider.on('closed', ({ code, reason }: { code: number; reason: string }) => {
			this.closedCode = code;
			if (code === CloseCode.refused || code === CloseCode.malformed || code === CloseCode.tooLarge) onRefused?.(reason);
		});
		this.#provider.awareness.on('change', () => this.#readPresence());
		this.#network = navigator.onLine;
		addEventListener('offline', this.#onNetwork);
		addEventListener('online', this.#onNetwork);
		addEventListener('pagehide', this.#onPageHide);
		addEventListener('pageshow', this.#onPageShow);
	}

	get status(): Status {
		if (this.closedCode !== null) return 'closed';
		if (!this.#network) return 'offline';
		if (this.#socket === 'connected') return 'online';
		return this.#everOnline ? 'reconnecting' : 'connecting';
	}

	get presence(): Presence[] {
		return this.#presence;
	}

	/** How many people are present: the server's count on a plenary board, else the list's length. */
	get presentCount(): number {
		return this.#summary ?? this.#presence.length;
	}

	/** True on a plenary board, where this page is told how many people are here, not who. */
	get summarised(): boolean {
		return this.#summary !== null;
	}

	/** While the server admits others first: this page's place in the queue, else null. */
	get queuePosition(): number | null {
		return this.#mux?.queuePosition ?? null;
	}

	/** The whole awareness state of this browser, merged field by field. */
	setPresence(fields: Partial<Omit<Presence, 'clientId'>>): void {
		const awareness = this.#provider.awareness;
		awareness.setLocalStateField('user', { ...(awareness.getLocalState()?.user ?? {}), ...fields });
	}

	destroy(): void {
		removeEventListener('offline', this.#onNetwork);
		removeEventListener('online', this.#onNetwork);
		removeEventListener('pagehide', this.#onPageHide);
		removeEventListener('pageshow', this.#onPageShow);
		this.#stopActivity();
		this.#provider.destroy();
	}

	#onStatus(status: 'connected' | 'connecting' | 'disconnected'): void {
		this.#socket = status;
		if (status === 'connected') {
			this.#everOnline = true;
			this.#opened = true;
			this.#probed = false;
		}
	}

	/**
	 * Asks the same address over plain HTTP why the socket could not open: 401/403/404
	 * (bad or revoked link, deleted board, a document this role has none of) will not change,
	 * so stop for good, as for a server close code, instead of retrying every few seconds.
	 * Asked once per run of failures; asked again if the server could not be reached.
	 */
	async #probe(): Promise<void> {
		if (this.#probed || this.closedCode !== null) return;
		this.#probed = true;
		let status: number;
		try {
			status = (await fetch(this.#probeUrl, { cache: 'no-store' })).status;
		} catch {
			this.#probed = false;
			return;
		}
		if (status !== 401 && status !== 403 && status !== 404) return;
		this.#provider.disconnect();
		this.closedCode = CloseCode.revoked;
	}

	// When the device says it is offline, its sockets are dead or dying: close ours at once
	// (edits stay in the document and IndexedDB) and reconnect as soon as the network is back.
	#onNetwork = () => {
		this.#network = navigator.onLine;
		if (this.closedCode !== null) return;
		if (navigator.onLine) this.#provider.connect();
		else this.#provider.disconnect();
	};

	// A reloaded or closed tab says it left before it goes: the others would otherwise count it
	// until the server notices the dead socket (tens of seconds), the reloaded tab twice.
	#hidden: unknown = null;
	#onPageHide = () => {
		const awareness = this.#provider.awareness;
		this.#hidden = awareness.getLocalState();
		awareness.setLocalState(null);
	};

	// Back from the browser's page cache: show ourselves again.
	#onPageShow = (event: PageTransitionEvent) => {
		if (event.persisted && this.#hidden) this.#provider.awareness.setLocalState(this.#hidden as Record<string, unknown>);
		this.#hidden = null;
	};

	#readPresence(): void {
		const awareness = this.#provider.awareness;
		const summary = awareness.getStates().get(SUMMARY_CLIENT_ID);
		this.#summary = isPresenceSummary(summary) ? summary.present : null;
		const list: Presence[] = [];
		// In a plenary, others' states are no longer renewed and only linger until they expire: show oneself alone.
		const states = this.#summary === null ? awareness.getStates() : new Map([[awareness.clientID, awareness.getLocalState() ?? {}]]);
		states.forEach((state, clientId) => {
			const user = state.user as Partial<Presence> | undefined;
			if (!user?.name) return;
			list.push({ clientId, name: String(user.name).slice(0, LIMITS.displayNameLength), participantId: user.participantId ?? null, done: user.done });
		});
		// « Table 2 » before « Table 10 »; accents and case do not split the list.
		this.#presence = list.sort((a, b) => NAMES.compare(a.name, b.name));
	}
}
