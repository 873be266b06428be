// "Remind me on this phone" (components/debtor/PushOffer.svelte): shows the offer only where push can work, asks
// for permission on the tap, subscribes with the server's VAPID key and posts the subscription behind the personal
// link. External and tiny, because the debtor page ships no bundle and its CSP allows no inline script.
(function () {
	var card = document.querySelector('[data-push-offer]');
	if (!card || !('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return;
	if (Notification.permission === 'denied') return;
	var button = card.querySelector('[data-push-ask]');
	var status = card.querySelector('[data-push-status]');
	card.hidden = false;

	function key(base64url) {
		var s = (base64url + '==='.slice((base64url.length + 3) % 4)).replace(/-/g, '+').replace(/_/g, '/');
		var raw = atob(s);
		var out = new Uint8Array(raw.length);
		for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
		return out;
	}
	function say(text, done) {
		status.textContent = text;
		status.className = 'notice';
		// The button's own display rule would win over the hidden attribute.
		if (done) button.style.display = 'none';
	}

	button.addEventListener('click', function () {
		button.disabled = true;
		Notification.requestPermission()
			.then(function (permission) {
				if (permission !== 'granted') return say(card.getAttribute('data-refused'), true);
				return navigator.serviceWorker.ready
					.then(function (registration) {
						return registration.pushManager.getSubscription().then(function (existing) {
							return (
								existing ||
								registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(card.getAttribute('data-key')) })
							);
						});
					})
					.then(function (subscription) {
						return fetch(card.getAttribute('data-endpoint'), {
							method: 'POST',
							credentials: 'same-origin',
							headers: { 'content-type': 'application/json' },
							body: JSON.stringify(subscription)
						});
					})
					.then(function (response) {
						if (!response.ok) throw new Error(String(response.status));
						say(card.getAttribute('data-done'), true);
					});
			})
			.catch(function () {
				button.disabled = false;
				say(card.getAttribute('data-failed'), false);
			});
	});
})();
