/**
 * The planned run (agenda.ts) as Svelte sees it, over the Session's document
 * and clock. Facilitators' pages call the writers; the server refuses them
 * from anyone else (validate-agenda.ts).
 */
import { createSubscriber } from 'svelte/reactivity';
import {
	currentStep,
	finishAgenda,
	nextStep,
	readAgenda,
	setAutoAdvance,
	setSteps,
	startStep,
	type Agenda,
	type PlannedStep
} from './agenda';
import type { Session } from './session.svelte';

export class AgendaRun {
	#session: Session;
	#subscribe = createSubscriber((update) => {
		const doc = this.#session.doc;
		doc.on('update', update);
		return () => doc.off('update', update);
	});

	constructor(session: Session) {
		this.#session = session;
	}

	get state(): Agenda {
		this.#subscribe();
		return readAgenda(this.#session.doc);
	}

	get current(): PlannedStep | null {
		return currentStep(this.state);
	}

	get next(): PlannedStep | null {
		return nextStep(this.state);
	}

	/** 1-based position of the running step, 0 when none runs. */
	get position(): number {
		const { steps, current } = this.state;
		return steps.findIndex((s) => s.id === current) + 1;
	}

	start(step: PlannedStep): void {
		startStep(this.#session.doc, step.id, this.#session.serverNow);
	}

	/** Starts the next step, or ends the run after the last one. */
	advance(): void {
		const next = this.next;
		if (next) this.start(next);
		else finishAgenda(this.#session.doc, this.#session.serverNow);
	}

	finish(): void {
		finishAgenda(this.#session.doc, this.#session.serverNow);
	}

	save(steps: PlannedStep[]): void {
		setSteps(this.#session.doc, steps);
	}

	setAuto(on: boolean): void {
		setAutoAdvance(this.#session.doc, on);
	}
}
