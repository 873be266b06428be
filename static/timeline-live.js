// Live timeline for support staff: new events arrive over server-sent events and go on top of the list.
(function () {
	var list = document.querySelector('[data-live="events"]');
	if (!list || !window.EventSource) return;
	var source = new EventSource(location.pathname + '/events?after=' + encodeURIComponent(list.getAttribute('data-after') || '0'));
	source.addEventListener('timeline', function (message) {
		var e = JSON.parse(message.data);
		if (list.querySelector('[data-id="' + e.id + '"]')) return;
		var item = document.createElement('li');
		item.setAttribute('data-type', e.type);
		item.setAttribute('data-id', String(e.id));
		var title = document.createElement('strong');
		title.textContent = e.label || e.type;
		var meta = document.createElement('span');
		meta.className = 'quiet';
		meta.textContent = new Date(e.occurredAt).toLocaleString();
		item.appendChild(title);
		item.appendChild(meta);
		list.insertBefore(item, list.firstChild);
	});
})();
