import { describe, expect, it } from 'vitest';
import { visualOrder } from './rtl';

describe('right-to-left lines', () => {
	it('reverses the Arabic words and keeps a Latin run in its own order', () => {
		expect(visualOrder(['لا', 'يزال', 'هناك', 'مبلغ', 'لدى', 'De', 'Groene', 'Fiets.'])).toEqual([
			'.',
			'De',
			'Groene',
			'Fiets',
			'لدى',
			'مبلغ',
			'هناك',
			'يزال',
			'لا'
		]);
		expect(visualOrder(['المبلغ', '124.50', '€', 'مفتوح'])).toEqual(['مفتوح', '124.50', '€', 'المبلغ']);
		expect(visualOrder(['مرحبًا', 'Zoë', 'Berg،'])).toEqual(['،', 'Zoë', 'Berg', 'مرحبًا']);
	});
});
