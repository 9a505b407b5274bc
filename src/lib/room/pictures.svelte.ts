/**
 * What the room looks at (issue 15) as Svelte sees it: the quick polls and
 * the screen's choice (session document), the answers (board document). A
 * runes wrapper over polls.ts, like Board over doc.ts; components never touch
 * Y.*. Light on purpose: the participant page imports it on first load.
 */
import { createSubscriber } from 'svelte/reactivity';
import type { Live } from '../board/live.svelte';
import {
	answerPoll,
	answersOf,
	createPoll,
	deletePoll,
	myAnswer,
	pollsOf,
	readAnswers,
	readPolls,
	readShow,
	screenOf,
	setPollOpen,
	setShow,
	tally,
	type Answer,
	type NewPoll,
	type Poll,
	type Show,
	type Tally
} from '../board/polls';

export class Pictures {
	#live: Live;

	#session = createSubscriber((update) => {
		const polls = pollsOf(this.#live.session.doc);
		const screen = screenOf(this.#live.session.doc);
		polls.observe(update);
		screen.observe(update);
		return () => {
			polls.unobserve(update);
			screen.unobserve(update);
		};
	});

	#answers = createSubscriber((update) => {
		const answers = answersOf(this.#live.board.doc);
		answers.observeDeep(update);
		return () => answers.unobserveDeep(update);
	});

	constructor(live: Live) {
		this.#live = live;
	}

	get polls(): Poll[] {
		this.#session();
		return readPolls(this.#live.session.doc);
	}

	/** Open polls, newest first: what a participant is asked. */
	get openPolls(): Poll[] {
		return this.polls.filter((p) => p.open).reverse();
	}

	get show(): Show {
		this.#session();
		return readShow(this.#live.session.doc);
	}

	poll(id: string): Poll | undefined {
		return this.polls.find((p) => p.id === id);
	}

	tally(poll: Poll): Tally {
		this.#answers();
		return tally(poll, readAnswers(this.#live.board.doc, poll.id));
	}

	/** This browser's answer, if it gave one. */
	mine(pollId: string): Answer | undefined {
		this.#answers();
		const id = this.#live.board.participantId;
		return id ? myAnswer(this.#live.board.doc, id, pollId) : undefined;
	}

	answer(pollId: string, answer: Answer): void {
		const id = this.#live.board.participantId;
		if (id && this.mine(pollId) === undefined) answerPoll(this.#live.board.doc, id, pollId, answer);
	}

	createPoll(input: NewPoll): string {
		return createPoll(this.#live.session.doc, input);
	}

	setOpen(pollId: string, open: boolean): void {
		setPollOpen(this.#live.session.doc, pollId, open);
	}

	deletePoll(pollId: string): void {
		deletePoll(this.#live.session.doc, pollId);
	}

	setShow(show: Show): void {
		setShow(this.#live.session.doc, show);
	}

	/** Closes the vote (on to Synthesis) with the ranking on the projector, revealed bar by bar: one update. */
	closeVoteAndReveal(): void {
		const session = this.#live.session;
		session.doc.transact(() => {
			session.setPhase('synthesis');
			setShow(session.doc, { kind: 'results', axisId: null });
		});
	}
}
