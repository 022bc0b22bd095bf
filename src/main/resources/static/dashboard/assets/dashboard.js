// The dashboard's only script, loaded from the service itself (the content security policy allows
// nothing else): it refreshes the overview while the page is visible, and copies shown-once values.
(function () {
    "use strict";

    function refreshOverview() {
        var live = document.getElementById("live");
        if (live && document.visibilityState === "visible" && window.htmx) {
            window.htmx.trigger(live, "refresh");
        }
    }

    document.addEventListener("DOMContentLoaded", function () {
        var live = document.getElementById("live");
        if (live) {
            window.setInterval(refreshOverview, Number(live.getAttribute("data-refresh")) || 5000);
            document.addEventListener("visibilitychange", refreshOverview);
        }
        document.querySelectorAll("button.copy").forEach(function (button) {
            button.addEventListener("click", function () {
                navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
                    button.textContent = "Copied";
                });
            });
        });
    });
})();
