// Live preview on the console settings page: colours, name and tone follow the form while the owner edits.
// Same maths as src/lib/domain/contrast.ts and src/lib/schemas/brand.ts; after saving, the server renders the same.
(function () {
	var preview = document.getElementById('settings-preview');
	if (!preview) return;
	var INK = '#14181c';
	var PAPER = '#ffffff';
	function luminance(hex) {
		var c = [1, 3, 5].map(function (i) {
			var v = parseInt(hex.slice(i, i + 2), 16) / 255;
			return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
		});
		return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
	}
	function ratio(a, b) {
		var x = luminance(a);
		var y = luminance(b);
		return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
	}
	function decide(bg) {
		var ink = ratio(bg, INK);
		var paper = ratio(bg, PAPER);
		return { text: ink >= paper ? INK : PAPER, ratio: Math.max(ink, paper) };
	}
	var lang = document.documentElement.lang || 'nl';
	var number = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

	function colour(name, property) {
		var input = document.querySelector('#brand-form [name="' + name + '"]');
		var line = document.querySelector('[data-contrast-for="' + name + '"]');
		if (!input) return;
		input.addEventListener('input', function () {
			var value = input.value;
			if (!/^#[0-9a-f]{6}$/i.test(value)) return;
			var d = decide(value);
			preview.style.setProperty('--' + property, value);
			preview.style.setProperty('--on-' + property, d.text);
			if (!line) return;
			var text = line.querySelector('[data-contrast-text]');
			var words = d.text === INK ? line.getAttribute('data-dark') : line.getAttribute('data-white');
			// The sentence comes translated from the server, with {text} and {ratio} left open.
			if (text) {
				text.textContent = (line.getAttribute('data-template') || '')
					.replace('{text}', words)
					.replace('{ratio}', number.format(Math.floor(d.ratio * 10) / 10) + ':1');
			}
			var warning = line.querySelector('[data-contrast-warning]');
			if (warning) warning.hidden = d.ratio >= 4.5;
		});
	}
	colour('brandColor', 'brand');
	colour('accentColor', 'accent');

	var nameInput = document.querySelector('#brand-form [name="displayName"]');
	var nameOut = preview.querySelector('.brand-name');
	if (nameInput && nameOut) {
		nameInput.addEventListener('input', function () {
			nameOut.textContent = nameInput.value.trim() || nameOut.textContent;
		});
	}

	document.querySelectorAll('#tone-form [name="tone"]').forEach(function (radio) {
		radio.addEventListener('change', function () {
			preview.querySelectorAll('[data-tone-variant]').forEach(function (el) {
				el.hidden = el.getAttribute('data-tone-variant') !== radio.value;
			});
		});
	});
})();
