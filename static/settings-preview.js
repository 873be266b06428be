// Live preview on the console settings page: colours, name, logo, contact details, sender name and tone follow the
// form while the owner edits, and the video's first frame and script are asked for the look being tried.
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

	function field(name) {
		return document.querySelector('#brand-form [name="' + name + '"]');
	}
	function valueOf(name) {
		var input = field(name);
		return input ? input.value.trim() : '';
	}
	function onInput(names, run) {
		names.forEach(function (name) {
			var input = field(name);
			if (input) input.addEventListener('input', run);
		});
	}
	function toneNow() {
		var checked = document.querySelector('#tone-form [name="tone"]:checked');
		return checked ? checked.value : 'friendly';
	}
	document.querySelectorAll('#tone-form [name="tone"]').forEach(function (radio) {
		radio.addEventListener('change', function () {
			signoff();
			lookChanged();
		});
	});

	// The logo: a chosen file shows at once (as a data: URL, which the page's CSP allows), before it is uploaded.
	var logo = preview.querySelector('[data-preview-logo]');
	var logoInput = document.querySelector('input[type="file"][name="logo"]');
	var unsaved = document.querySelector('[data-logo-unsaved]');
	var later = document.querySelector('[data-logo-later]');
	if (logo && logoInput) {
		var savedSrc = logo.getAttribute('src');
		var savedHidden = logo.hidden;
		var TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'];
		logoInput.addEventListener('change', function () {
			var file = logoInput.files && logoInput.files[0];
			var show = file && TYPES.indexOf(file.type) >= 0 && file.size <= 1024 * 1024;
			if (unsaved) unsaved.hidden = !show;
			if (later) later.hidden = !show;
			if (!show) {
				// Nothing chosen, or a file the upload will refuse: the preview keeps the saved logo.
				if (savedSrc) logo.setAttribute('src', savedSrc);
				else logo.removeAttribute('src');
				logo.hidden = savedHidden;
				return;
			}
			var reader = new FileReader();
			reader.onload = function () {
				logo.src = String(reader.result);
				logo.hidden = false;
			};
			reader.readAsDataURL(file);
		});
	}
	if (logo && nameInput) {
		nameInput.addEventListener('input', function () {
			var template = logo.getAttribute('data-alt-template');
			if (template && nameInput.value.trim()) logo.alt = template.replace('{merchant}', nameInput.value.trim());
		});
	}

	// Contact details: the card shows what is filled in, as the debtor page will after saving.
	var card = preview.querySelector('[data-contact]');
	function contact() {
		if (!card) return;
		var phone = valueOf('contactPhone');
		var email = valueOf('contactEmail');
		var hours = valueOf('contactHours');
		var website = valueOf('website');
		var phoneItem = card.querySelector('[data-contact-phone]');
		if (phoneItem) {
			phoneItem.hidden = !phone;
			var call = phoneItem.querySelector('a');
			if (call) {
				call.textContent = (call.getAttribute('data-template') || '').replace('{phone}', phone);
				call.setAttribute('href', 'tel:' + phone.replace(/[^+\d]/g, ''));
			}
		}
		var emailItem = card.querySelector('[data-contact-email]');
		if (emailItem) {
			emailItem.hidden = !email;
			var mail = emailItem.querySelector('a');
			if (mail) mail.setAttribute('href', 'mailto:' + email);
		}
		var hoursLine = card.querySelector('[data-contact-hours]');
		if (hoursLine) {
			hoursLine.hidden = !hours;
			hoursLine.textContent = (hoursLine.getAttribute('data-template') || '').replace('{hours}', hours);
		}
		var site = card.querySelector('[data-contact-website]');
		if (site) {
			site.hidden = !website;
			var link = site.querySelector('a');
			if (link && /^https?:\/\//i.test(website)) link.setAttribute('href', website);
		}
		card.hidden = !(phone || email || website);
	}
	onInput(['contactPhone', 'contactEmail', 'contactHours', 'website'], contact);

	// The sender name: how the message with each link will end, in the chosen tone.
	var example = document.querySelector('[data-sender-example]');
	function signoff() {
		if (!example) return;
		var sender = valueOf('senderName') || valueOf('displayName');
		if (!sender) return;
		var line = (example.getAttribute('data-' + toneNow()) || '').replace('{sender}', sender);
		example.textContent = (example.getAttribute('data-template') || '').replace('{signoff}', line);
	}
	onInput(['senderName', 'displayName'], signoff);

	// The video: its script and first frame for the look being tried. The server renders the frame on its job queue;
	// while it is being made this asks again after the Retry-After the server gives, for a while.
	var status = document.querySelector('[data-video-status]');
	var still = preview.querySelector('[data-video-still]');
	var script = document.querySelector('[data-video-script]');
	var endpoint = status && status.getAttribute('data-endpoint');
	var seq = 0;
	var timer;
	function say(key) {
		if (status) status.textContent = status.getAttribute('data-' + key) || '';
	}
	function showScript(lines) {
		if (!script || !lines) return;
		script.textContent = '';
		lines.forEach(function (text) {
			var li = document.createElement('li');
			li.textContent = text;
			script.appendChild(li);
		});
	}
	function showStill(src) {
		if (!still) return;
		var img = still.querySelector('img');
		if (!src) {
			// No frame for this look: the brand-coloured placeholder, never the frame of another look.
			if (img) {
				var box = document.createElement('span');
				box.className = 'preview-video-placeholder';
				box.setAttribute('aria-hidden', 'true');
				box.textContent = '\u25B6';
				still.replaceChild(box, img);
			}
			return;
		}
		if (!img) {
			img = document.createElement('img');
			img.width = 360;
			img.height = 640;
			img.alt = (status && status.getAttribute('data-alt')) || '';
			img.setAttribute('data-testid', 'video-still');
			still.textContent = '';
			still.appendChild(img);
		}
		img.src = src;
	}
	function lookQuery() {
		var params = new URLSearchParams();
		params.set('tone', toneNow());
		['brandColor', 'accentColor', 'displayName'].forEach(function (name) {
			var v = valueOf(name);
			if (v) params.set(name, v);
		});
		return params.toString();
	}
	function ask(mine, tries) {
		fetch(endpoint + '?' + lookQuery(), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
			.then(function (response) {
				if (!response.ok) throw new Error(String(response.status));
				var wait = Number(response.headers.get('retry-after')) || 2;
				return response.json().then(function (answer) {
					return { answer: answer, wait: wait };
				});
			})
			.then(function (got) {
				if (mine !== seq) return;
				var answer = got.answer;
				showScript(answer.script);
				if (answer.state === 'ready' && answer.still) {
					return fetch(answer.still, { credentials: 'same-origin' })
						.then(function (r) {
							if (!r.ok) throw new Error(String(r.status));
							return r.blob();
						})
						.then(function (blob) {
							return new Promise(function (resolve, reject) {
								var reader = new FileReader();
								reader.onload = function () {
									resolve(String(reader.result));
								};
								reader.onerror = reject;
								reader.readAsDataURL(blob);
							});
						})
						.then(function (dataUrl) {
							if (mine !== seq) return;
							showStill(dataUrl);
							if (status) status.setAttribute('data-state', 'ready');
							say('ready');
						});
				}
				showStill(null);
				if (status) status.setAttribute('data-state', answer.state);
				if (answer.state === 'off') return say('off');
				if (tries >= 30) {
					if (status) status.setAttribute('data-state', 'failed');
					return say('failed');
				}
				say('pending');
				timer = setTimeout(function () {
					ask(mine, tries + 1);
				}, got.wait * 1000);
			})
			.catch(function () {
				if (mine !== seq) return;
				if (status) status.setAttribute('data-state', 'failed');
				say('failed');
			});
	}
	var debounce;
	function lookChanged() {
		if (!endpoint) return;
		clearTimeout(debounce);
		debounce = setTimeout(function () {
			clearTimeout(timer);
			seq++;
			ask(seq, 0);
		}, 500);
	}
	onInput(['brandColor', 'accentColor', 'displayName'], lookChanged);
	// A frame asked for while the page was made: wait for it here rather than on a reload.
	if (status && status.getAttribute('data-state') === 'pending') lookChanged();
})();
