import { m } from '$lib/paraglide/messages.js';
import type { PollKind } from '$lib/board/polls';

/** Each poll kind's name, as the facilitator picks it. */
export function pollKindName(kind: PollKind): string {
	return { single: m.poll_kind_single, multiple: m.poll_kind_multiple, scale: m.poll_kind_scale, word: m.poll_kind_word }[kind]();
}
