// The assistant without page loads: a turn is posted in the background and the new messages are put in the
// conversation (a live region, so a screen reader reads them), the focus staying in the text box.
// Without JavaScript every form posts as usual and the page comes back with the conversation.
(function () {
	var busy = false;
	function swap(html) {
		var next = new DOMParser().parseFromString(html, 'text/html');
		// Another language (the debtor asked for one): the whole page changes, so it is loaded again.
		if (next.documentElement.lang !== document.documentElement.lang) return false;
		var log = document.querySelector('#conversation > ol');
		var newLog = next.querySelector('#conversation > ol');
		var composer = document.getElementById('composer');
		var newComposer = next.getElementById('composer');
		if (!log || !newLog || !composer || !newComposer) return false;
		// Only the new turns are added (the conversation only grows), so the live region announces just those.
		var have = log.children.length;
		var items = newLog.children;
		if (items.length <= have) {
			// The page shows only the latest turns: then the whole log is replaced.
			log.replaceWith(document.importNode(newLog, true));
			log = document.querySelector('#conversation > ol');
		} else {
			for (var i = have; i < items.length; i++) log.appendChild(document.importNode(items[i], true));
		}
		log.querySelectorAll('#latest').forEach(function (el) {
			el.removeAttribute('id');
		});
		if (log.lastElementChild) log.lastElementChild.id = 'latest';
		composer.replaceWith(document.importNode(newComposer, true));
		return true;
	}
	document.addEventListener('submit', function (event) {
		var form = event.target;
		if (!form || !form.hasAttribute('data-assistant') || form.hasAttribute('data-native') || busy) return;
		var submitter = event.submitter;
		event.preventDefault();
		busy = true;
		var data = new FormData(form);
		if (submitter && submitter.name) data.append(submitter.name, submitter.value);
		fetch(form.action, { method: 'POST', body: data, headers: { accept: 'application/json', 'x-sveltekit-action': 'true' } })
			.then(function (response) {
				return response.json();
			})
			.then(function (result) {
				if (result.type === 'failure') {
					// Nothing was done: the form goes again as a plain post, and the page says why.
					form.setAttribute('data-native', '');
					form.requestSubmit(submitter);
					return;
				}
				var target = result.type === 'redirect' ? result.location : location.pathname;
				if (target.split('#')[0] !== location.pathname) {
					location.href = target;
					return;
				}
				return fetch(location.pathname, { headers: { accept: 'text/html' } })
					.then(function (page) {
						return page.text();
					})
					.then(function (html) {
						if (!swap(html)) location.reload();
						var box = document.getElementById('assistant-text');
						if (box) box.focus();
						var latest = document.getElementById('latest');
						if (latest) latest.scrollIntoView({ block: 'nearest' });
					});
			})
			.catch(function () {
				location.reload();
			})
			.finally(function () {
				busy = false;
			});
	});
})();
