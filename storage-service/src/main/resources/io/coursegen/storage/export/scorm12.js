/*
 * SCORM 1.2 run-time for a Coursegen lesson (one SCO per page). Finds the LMS's API object by the standard walk up
 * window.parent (then window.opener), calls LMSInitialize, reports "completed" for a lesson without a quiz, or
 * "incomplete" until the quiz is checked and then "passed"/"failed" with cmi.core.score.raw/min/max, commits,
 * and calls LMSFinish when the page goes away. Without an LMS (page opened on its own) the quiz still works.
 */
(function () {
    "use strict";

    var MAX_PARENT_HOPS = 500;
    var DEFAULT_MASTERY_SCORE = 80;
    var api = null;
    var startedAt = new Date().getTime();
    var finished = false;

    function findAPI(win) {
        var hops = 0;
        while (win.API == null && win.parent != null && win.parent !== win) {
            hops += 1;
            if (hops > MAX_PARENT_HOPS) {
                return null;
            }
            win = win.parent;
        }
        return win.API || null;
    }

    function locateAPI() {
        var found = null;
        try {
            found = findAPI(window);
            if (found == null && window.opener != null && typeof window.opener !== "undefined") {
                found = findAPI(window.opener);
            }
        } catch (e) {
            // a window of another origin on the way up: no LMS reachable from here
            found = null;
        }
        return found;
    }

    function getValue(name) {
        return api == null ? "" : String(api.LMSGetValue(name));
    }

    function setValue(name, value) {
        if (api != null) {
            api.LMSSetValue(name, String(value));
        }
    }

    function commit() {
        if (api != null) {
            api.LMSCommit("");
        }
    }

    /** CMITimespan: HHHH:MM:SS.SS */
    function timespan(millis) {
        function pad(number, width) {
            var text = String(number);
            while (text.length < width) {
                text = "0" + text;
            }
            return text;
        }
        var centis = Math.floor(millis / 10);
        return pad(Math.min(Math.floor(centis / 360000), 9999), 4) + ":" + pad(Math.floor(centis / 6000) % 60, 2) + ":"
                + pad(Math.floor(centis / 100) % 60, 2) + "." + pad(centis % 100, 2);
    }

    function start(quiz) {
        api = locateAPI();
        if (api == null) {
            return;
        }
        if (String(api.LMSInitialize("")) !== "true") {
            api = null;
            return;
        }
        var status = getValue("cmi.core.lesson_status");
        if (quiz == null) {
            setValue("cmi.core.lesson_status", "completed");
        } else if (status === "" || status === "not attempted") {
            setValue("cmi.core.lesson_status", "incomplete");
        }
        commit();
    }

    function finish() {
        if (api == null || finished) {
            return;
        }
        finished = true;
        setValue("cmi.core.session_time", timespan(new Date().getTime() - startedAt));
        commit();
        api.LMSFinish("");
    }

    function masteryScore(quiz) {
        var fromLms = parseFloat(getValue("cmi.student_data.mastery_score"));
        if (!isNaN(fromLms)) {
            return fromLms;
        }
        var fromPage = parseFloat(quiz.getAttribute("data-mastery-score"));
        return isNaN(fromPage) ? DEFAULT_MASTERY_SCORE : fromPage;
    }

    function grade(quiz) {
        var questions = quiz.querySelectorAll("fieldset.question");
        var correct = 0;
        for (var i = 0; i < questions.length; i++) {
            var question = questions[i];
            var chosen = question.querySelector("input[type=radio]:checked");
            var right = chosen != null && chosen.value === question.getAttribute("data-correct");
            if (right) {
                correct += 1;
            }
            var verdict = question.querySelector(".verdict");
            verdict.textContent = quiz.getAttribute(right ? "data-correct-label" : "data-incorrect-label");
            verdict.className = "verdict " + (right ? "verdict-correct" : "verdict-incorrect");
            var explanation = question.querySelector(".explanation");
            if (explanation != null) {
                explanation.hidden = false;
            }
        }
        var total = questions.length;
        var score = total === 0 ? 100 : Math.round(correct * 100 / total);
        quiz.querySelector(".result").textContent = quiz.getAttribute("data-result-template")
                .replace("{correct}", String(correct)).replace("{total}", String(total)).replace("{score}", String(score));
        setValue("cmi.core.score.min", 0);
        setValue("cmi.core.score.max", 100);
        setValue("cmi.core.score.raw", score);
        setValue("cmi.core.lesson_status", score >= masteryScore(quiz) ? "passed" : "failed");
        commit();
    }

    var quiz = document.querySelector("form.quiz");
    if (quiz != null) {
        quiz.addEventListener("submit", function (event) {
            event.preventDefault();
            grade(quiz);
        });
    }
    start(quiz);
    // some LMS players remove the frame before "unload" fires, others only fire "unload": finish() runs once
    window.addEventListener("beforeunload", finish);
    window.addEventListener("pagehide", finish);
    window.addEventListener("unload", finish);
})();
