/**
 * Layout checks any journey can run on a page as it is now: no sideways
 * scrolling, and no main region drawn over another (bounding boxes, not
 * pixels). `checkLayout` also saves a screenshot under test-results/visual/
 * for a person to look at.
 */
import { expect, type Page } from '@playwright/test';

/** The page's main regions: bars, columns, panels, cards, editors and their lists. */
export const MAIN_REGIONS = [
	'header',
	'footer',
	'nav',
	'main > *',
	'main section',
	'main form',
	'main article',
	'main li',
	'textarea',
	'select',
	'.editor > *'
].join(', ');

/** Fails when the document is wider than the window (the page scrolls sideways). */
export async function expectNoSideScroll(page: Page, label: string): Promise<void> {
	const { scrollWidth, innerWidth } = await page.evaluate(() => ({
		scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
		innerWidth: window.innerWidth
	}));
	expect.soft(scrollWidth, `${label}: the page is ${scrollWidth} px wide in a ${innerWidth} px window`).toBeLessThanOrEqual(innerWidth);
}

/**
 * Fails when two visible elements matching `selector` overlap, unless one
 * contains the other. Boxes touching within 1 px do not count.
 */
export async function expectNoOverlap(page: Page, label: string, selector = MAIN_REGIONS): Promise<void> {
	const overlaps = await page.evaluate((selector) => {
		const describe = (el: Element) => {
			const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
			return `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/)[0] : ''}> "${text}"`;
		};
		// The content of a closed <details> keeps a box in Chromium but is not drawn.
		const folded = (el: Element) => {
			const details = el.parentElement?.closest('details:not([open])');
			return !!details && !el.closest('summary');
		};
		const shown = [...document.querySelectorAll(selector)].filter((el) => {
			if (folded(el)) return false;
			const style = getComputedStyle(el);
			const box = el.getBoundingClientRect();
			return style.visibility !== 'hidden' && style.display !== 'contents' && box.width > 1 && box.height > 1 && !el.closest('[hidden], .visually-hidden');
		});
		const found: string[] = [];
		for (let i = 0; i < shown.length; i++) {
			for (let j = i + 1; j < shown.length; j++) {
				const [a, b] = [shown[i], shown[j]];
				if (a.contains(b) || b.contains(a)) continue;
				const [p, q] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
				const x = Math.min(p.right, q.right) - Math.max(p.left, q.left);
				const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
				if (x > 1 && y > 1) found.push(`${describe(a)} overlaps ${describe(b)} (${Math.round(x)}×${Math.round(y)} px)`);
			}
		}
		return found.slice(0, 10);
	}, selector);
	expect.soft(overlaps, `${label}: regions drawn over one another`).toEqual([]);
}

/**
 * WCAG 2.5.3 (label in name): a button or link named by aria-label must
 * contain the words it shows, so "+ Nouveau groupe" is not announced as
 * something else and voice control finds it by what it says.
 */
export async function expectLabelInName(page: Page, label: string): Promise<void> {
	const mismatches = await page.evaluate(() => {
		const words = (text: string) => text.toLowerCase().match(/\p{L}+/gu) ?? [];
		return [...document.querySelectorAll('button[aria-label], a[aria-label]')]
			.filter((el) => (el as HTMLElement).offsetParent !== null)
			.filter((el) => {
				const name = words(el.getAttribute('aria-label') ?? '').join(' ');
				return !words(el.textContent ?? '').every((word) => name.split(' ').includes(word));
			})
			.map((el) => `"${el.textContent?.trim()}" is named "${el.getAttribute('aria-label')}"`);
	});
	expect.soft(mismatches, `${label}: visible label not in the accessible name`).toEqual([]);
}

/**
 * Runs the checks on the page scrolled to its top (where sticky bars sit in
 * the flow), then saves test-results/visual/<name>.png of the whole page.
 */
export async function checkLayout(page: Page, name: string, selector = MAIN_REGIONS): Promise<void> {
	await page.evaluate(() => window.scrollTo(0, 0));
	await expectNoSideScroll(page, name);
	await expectNoOverlap(page, name, selector);
	await expectLabelInName(page, name);
	await page.screenshot({ path: `test-results/visual/${name}.png`, fullPage: true });
}
