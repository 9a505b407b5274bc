/**
 * Who runs this Trame instance and how accessible it is, as the host declares
 * it (server/config.ts reads the settings; the legal notice, the
 * accessibility statement and every page's footer show it). Public-sector
 * sites in France must publish both pages (loi n° 2004-575 art. 6 for the
 * legal notice; loi n° 2005-102 art. 47 and the RGAA for accessibility).
 */

/** The RGAA's three states of conformity; without an audit the only honest one is `none`. */
export const ACCESSIBILITY_STATES = ['none', 'partial', 'full'] as const;
export type AccessibilityState = (typeof ACCESSIBILITY_STATES)[number];

export interface SiteInfo {
	/** The organisation that runs the instance (the publisher, "éditeur"); '' when not set. */
	operator: string;
	address: string;
	/** An e-mail address or a web page to reach the operator, also for accessibility problems. */
	contact: string;
	publicationDirector: string;
	/** Who hosts the server (name and address). */
	hosting: string;
	accessibility: AccessibilityState;
	/** The audit behind a `partial` or `full` state: date, auditor, result; '' when none was done. */
	audit: string;
}

/** When Trame's own accessibility statement was last reviewed (the software's, before any audit by a host). */
export const ACCESSIBILITY_STATEMENT_DATE = '2026-12-01';
