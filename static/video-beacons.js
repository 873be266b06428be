// Watch beacons for the personalised video: started, 25/50/75 %, completed, captions on. External and tiny,
// because the debtor page ships no bundle and its CSP allows no inline script. sendBeacon survives closing the tab.
(function () {
	var video = document.querySelector('video[data-beacon]');
	if (!video || !navigator.sendBeacon) return;
	var url = video.getAttribute('data-beacon');
	var id = video.getAttribute('data-video');
	var sent = {};
	function send(key, body) {
		if (sent[key]) return;
		sent[key] = true;
		body.video = id;
		navigator.sendBeacon(url, new Blob([JSON.stringify(body)], { type: 'application/json' }));
	}
	video.addEventListener('play', function () {
		send('started', { event: 'started' });
	});
	video.addEventListener('timeupdate', function () {
		var p = video.duration ? (video.currentTime / video.duration) * 100 : 0;
		[25, 50, 75].forEach(function (at) {
			if (p >= at) send('p' + at, { event: 'progress', percent: at });
		});
	});
	video.addEventListener('ended', function () {
		send('completed', { event: 'completed' });
	});
	function watchTracks() {
		for (var i = 0; i < video.textTracks.length; i++) {
			var t = video.textTracks[i];
			if (t.mode === 'showing') send('captions', { event: 'captions', language: t.language });
		}
	}
	video.textTracks.addEventListener('change', watchTracks);
})();
