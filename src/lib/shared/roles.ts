/** The four capability roles of DESIGN.md, from most to least powerful. */
export const ROLES = ['organiser', 'facilitator', 'participant', 'projector'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { organiser: 3, facilitator: 2, participant: 1, projector: 0 };

/** True when `role` has at least the rights of `needed`. */
export function hasRole(role: Role, needed: Role): boolean {
	return RANK[role] >= RANK[needed];
}

/** Roles whose connections may change the board's content. */
export function canWriteContent(role: Role): boolean {
	return role !== 'projector';
}

/** Roles whose connections must present a participant `key` (DESIGN.md, identity). */
export function needsKey(role: Role): boolean {
	return role !== 'projector';
}

/** Roles that write private notes before a reveal (and so have a private document to open). */
export function hasPrivateNotes(role: Role): boolean {
	return role === 'participant';
}

/** The page path of each role's link, below `/b/<boardId>`. */
export const ROLE_PATH: Record<Role, string> = {
	organiser: '/admin',
	facilitator: '/facilitate',
	participant: '',
	projector: '/screen'
};

/** Board pages that are no role's own link, and the least role they need. */
const OTHER_PAGES = new Map<string, Role>([
	// The printable report of the board's outcomes.
	['/report', 'facilitator'],
	// The room kit: posters and paper forms to print (issue 15).
	['/posters', 'facilitator']
]);

/** The role a board page is made for (the inverse of ROLE_PATH); its token must be at least that. */
export function roleOfPage(path: string): Role | null {
	return ROLES.find((role) => ROLE_PATH[role] === path) ?? OTHER_PAGES.get(path) ?? null;
}
