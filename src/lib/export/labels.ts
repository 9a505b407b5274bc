/**
 * Words of the Markdown report, French first. Exports are files, not pages,
 * so they carry their own small dictionary instead of the UI's messages.
 */
import type { ExportLang } from './types';
import { colon, countOf } from '../i18n/typography';

export interface Labels {
	/** Between a label and its value: French puts a space before the colon. */
	colon: string;
	date: string;
	dates: string;
	place: string;
	licence: string;
	axes: string;
	workshops: string;
	noteCount: string;
	synthesis: string;
	noSynthesis: string;
	cited: string;
	groups: string;
	untitledGroup: string;
	ungrouped: string;
	ranked: string;
	noNotes: string;
	emptyNote: string;
	otherNotes: string;
	/** A table of a workshop (issue 13). */
	table(n: number): string;
	tables: string;
	votes(n: number): string;
	/** Of the votes, hands raised in the room. */
	roomVotes(n: number): string;
	/** A note written on behalf of the people in the room without a device. */
	roomNote: string;
	generated(date: string): string;
}

export const LABELS: Record<ExportLang, Labels> = {
	fr: {
		colon: colon('fr'),
		date: 'Date',
		dates: 'Dates',
		place: 'Lieu',
		licence: 'Licence',
		axes: 'Axes',
		workshops: 'Ateliers',
		noteCount: 'Notes',
		synthesis: 'Synthèse',
		noSynthesis: 'Pas de synthèse.',
		cited: 'Notes citées',
		groups: 'Groupes',
		untitledGroup: 'Groupe sans titre',
		ungrouped: 'Hors groupe',
		ranked: 'Notes par nombre de votes',
		noNotes: 'Aucune note.',
		emptyNote: '*(note vide)*',
		otherNotes: 'Notes d’axes supprimés',
		table: (n) => `Table ${n}`,
		tables: 'Tables',
		votes: (n) => countOf('fr', n, { one: 'vote', other: 'votes' }),
		roomVotes: (n) => `dont ${n} à main levée`,
		roomNote: 'au nom de la salle',
		generated: (date) => `Exporté de Trame le ${date}.`
	},
	en: {
		colon: colon('en'),
		date: 'Date',
		dates: 'Dates',
		place: 'Place',
		licence: 'Licence',
		axes: 'Axes',
		workshops: 'Workshops',
		noteCount: 'Notes',
		synthesis: 'Synthesis',
		noSynthesis: 'No synthesis.',
		cited: 'Cited notes',
		groups: 'Groups',
		untitledGroup: 'Untitled group',
		ungrouped: 'Not in a group',
		ranked: 'Notes by votes',
		noNotes: 'No notes.',
		emptyNote: '*(empty note)*',
		otherNotes: 'Notes of removed axes',
		table: (n) => `Table ${n}`,
		tables: 'Tables',
		votes: (n) => countOf('en', n, { one: 'vote', other: 'votes' }),
		roomVotes: (n) => `${n} by show of hands`,
		roomNote: 'on behalf of the room',
		generated: (date) => `Exported from Trame on ${date}.`
	}
};
