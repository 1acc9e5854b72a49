import { describe, expect, it } from 'vitest';
import { headingKey, placeClaims } from './sections';

const html = '<p>Intro.</p><h2>“Am I free to go?” — ask</h2><p>Street.</p><h2 id="jail">In police custody &amp; jail</h2><p>Jail.</p>';

describe('placing claims in a lesson body', () => {
	it('compares a heading as written with the same heading as mdsvex renders it', () => {
		expect(headingKey('<h2>“Am I free to go?” — ask</h2>')).toBe(headingKey('"Am I free to go?" --- ask'));
		expect(headingKey('<h2>In police custody &amp; jail</h2>')).toBe(headingKey('In *police* custody & jail'));
		expect(headingKey('It&#39;s <em>here</em>')).toBe(headingKey("It's here"));
	});

	it('cuts the body at each h2 and puts each claim beside the section it names', () => {
		const street = { claim: 'Street rule.', checked: '2026-12-01', source: 'https://example.org/s', section: '"Am I free to go?" --- ask' };
		const jail = { claim: 'Jail rule.', checked: '2026-12-02', source: 'https://example.org/j', section: 'In police custody & jail' };
		const { sections, unplaced } = placeClaims(html, [street, jail]);
		expect(sections).toEqual([
			{ heading: '', html: '<p>Intro.</p>', claims: [] },
			{ heading: '<h2>“Am I free to go?” — ask</h2>', html: '<p>Street.</p>', claims: [street] },
			{ heading: '<h2 id="jail">In police custody &amp; jail</h2>', html: '<p>Jail.</p>', claims: [jail] }
		]);
		expect(unplaced).toEqual([]);
		expect(sections.map((section) => section.heading + section.html).join('')).toBe(html);
	});

	it('leaves for the footer the claims with no section or a section the body lacks', () => {
		const general = { claim: 'General.', checked: '2026-12-01', source: 'https://example.org/g' };
		const elsewhere = { ...general, section: 'Nowhere' };
		expect(placeClaims(html, [general, elsewhere]).unplaced).toEqual([general, elsewhere]);
	});
});
