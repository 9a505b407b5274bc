/**
 * Every limit Trame enforces, in one place. The server refuses what exceeds
 * them (with the error codes of errors.ts); the client uses the same numbers
 * to warn before sending.
 */
export const LIMITS = {
	/** Characters in one note's text: the editor stops here. */
	noteLength: 1000,
	/**
	 * The server refuses a note longer than this. The margin over `noteLength`
	 * absorbs several people typing at once into a nearly full note, whose merged
	 * text can pass the editor's limit; refusing that would cut them off.
	 */
	noteLengthMax: 2000,
	/** Notes on one board (live, not counting deleted ones). */
	notesPerBoard: 2000,
	/** Bytes in one websocket message; larger frames close the connection. */
	messageBytes: 1024 * 1024,
	/** Bytes in one JSON request body. */
	bodyBytes: 64 * 1024,
	/** Characters in a board title or an axis title. */
	titleLength: 120,
	/** Characters in an axis description. */
	axisDescriptionLength: 400,
	/** Characters in one axis' synthesis text (session document). */
	synthesisLength: 20_000,
	/** Reports stored per note (one per participant); past this, more are not stored (random keys cannot fill the log). */
	reportsPerNote: 200,
	/** Named groups on one board. */
	groupsPerBoard: 500,
	/** Axes on one board. */
	axesPerBoard: 12,
	/** Characters in a display name (awareness). */
	displayNameLength: 40,
	/**
	 * Concurrent websocket connections on one board, all its documents
	 * together: a participant holds up to three (notes, session, private notes).
	 */
	connectionsPerBoard: 1500,
	/** Concurrent websocket connections from one IP address (a venue's wifi is often one address). */
	connectionsPerIp: 600,
	/** Characters in an event's place. */
	eventPlaceLength: 200,
	/** Characters in an event's description. */
	eventDescriptionLength: 2000,
	/** Quick polls on one board (session document), closed ones included. */
	pollsPerBoard: 50,
	/** Characters in a poll's question. */
	pollQuestionLength: 200,
	/** Choices of a single- or multiple-choice poll. */
	pollOptionsMax: 10,
	/** Characters in one poll choice. */
	pollOptionLength: 80,
	/** Characters in a one-word answer (a word or two, not a note). */
	pollWordLength: 40,
	/** Tables one workshop is split into (issue 13); a split makes at least two. */
	tablesPerWorkshop: 30
} as const;

export type Limits = typeof LIMITS;

/**
 * Limits of a workshop kit and of a board's planned run (issue 13). The kit
 * schema (static/schema/trame-kit-v1.schema.json) states the same numbers;
 * tests/unit/kits/kits.test.ts checks they agree.
 */
export const KIT_LIMITS = {
	agendaSteps: 30,
	stepMinutes: 240,
	instructionLength: 400,
	promptLength: 300,
	examples: 50,
	kitDescriptionLength: 1000
} as const;
