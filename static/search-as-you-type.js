// Results as the agent types: the same GET page is fetched and its result list swapped in (the form works without it).
(function () {
	var form = document.querySelector('form[data-as-you-type]');
	if (!form || !window.fetch || !window.DOMParser) return;
	var input = form.querySelector('input[name="q"]');
	var timer;
	var latest = 0;
	input.addEventListener('input', function () {
		clearTimeout(timer);
		timer = setTimeout(function () {
			var ticket = ++latest;
			var url = location.pathname + '?q=' + encodeURIComponent(input.value);
			fetch(url, { headers: { accept: 'text/html' } })
				.then(function (r) { return r.text(); })
				.then(function (html) {
					if (ticket !== latest) return;
					var next = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-results]');
					var here = document.querySelector('[data-results]');
					if (next && here) here.replaceWith(next);
					history.replaceState(null, '', url);
				})
				.catch(function () {});
		}, 200);
	});
})();
