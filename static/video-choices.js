// The video's chapters and choices as real controls over it: a chapter button jumps to its scene, and from the
// options scene on (and once it has ended) the choices are shown as links to that step on the page. Each tap is
// a timeline event. Without JavaScript none of this shows: the page's own buttons remain.
(function () {
	var video = document.querySelector('video[data-beacon]');
	var controls = document.querySelector('[data-video-controls]');
	if (!video || !controls) return;
	var url = video.getAttribute('data-beacon');
	var id = video.getAttribute('data-video');
	var choices = controls.querySelector('[data-choices]');
	var from = Number(choices.getAttribute('data-from'));
	controls.hidden = false;
	function send(body) {
		body.video = id;
		if (navigator.sendBeacon) navigator.sendBeacon(url, new Blob([JSON.stringify(body)], { type: 'application/json' }));
	}
	function showChoices() {
		if (choices.hidden && choices.querySelector('a')) choices.hidden = false;
	}
	video.addEventListener('timeupdate', function () {
		if (video.currentTime >= from) showChoices();
	});
	video.addEventListener('ended', showChoices);
	controls.querySelectorAll('[data-seek]').forEach(function (button) {
		button.addEventListener('click', function () {
			var at = Number(button.getAttribute('data-seek'));
			video.currentTime = video.duration ? Math.min(at, video.duration) : at;
			send({ event: 'chapter', scene: button.getAttribute('data-chapter') });
			if (button.getAttribute('data-chapter') === 'options') showChoices();
			var played = video.play();
			if (played && played.catch) played.catch(function () {});
		});
	});
	controls.querySelectorAll('[data-choice]').forEach(function (link) {
		link.addEventListener('click', function () {
			send({ event: 'choice', choice: link.getAttribute('data-choice') });
			video.pause();
		});
	});
})();
