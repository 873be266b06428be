// Updates the plan preview as soon as a choice changes (without JavaScript, the button does the same).
document.addEventListener('change', function (event) {
	var form = event.target && event.target.form;
	if (form && form.hasAttribute('data-auto-preview')) form.submit();
});
