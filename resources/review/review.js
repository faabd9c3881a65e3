// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The review page's script: times in the reviewer's zone, the remembered name, and decisions.
// Data from the server is only ever put in with textContent, never as HTML.
'use strict';

(function () {
  const NAME_KEY = 'cuepoint.reviewerName';
  const meta = (name) => {
    const el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : '';
  };
  const base = meta('review-base');
  const pageToken = meta('review-page-token');

  function formatTimes() {
    const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const long = new Intl.DateTimeFormat(undefined, {
      weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
      hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
    });
    document.querySelectorAll('time.scheduled').forEach((el) => {
      const at = new Date(el.getAttribute('datetime'));
      if (isNaN(at)) return;
      el.textContent = long.format(at);
      const zone = el.dataset.zone;
      if (zone && zone !== here) {
        try {
          const there = new Intl.DateTimeFormat(undefined, {
            hour: '2-digit', minute: '2-digit', timeZone: zone,
          }).format(at);
          const note = document.createElement('span');
          note.className = 'other-zone';
          note.textContent = there + ' in ' + zone.replace(/_/g, ' ');
          el.after(note);
        } catch (e) { /* an unknown zone: the reviewer's time alone */ }
      }
    });
    const short = new Intl.DateTimeFormat(undefined, {
      day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit',
    });
    document.querySelectorAll('time.fb-time, time.expires').forEach((el) => {
      const at = new Date(el.getAttribute('datetime'));
      if (!isNaN(at)) el.textContent = (el.classList.contains('expires') ? long : short).format(at);
    });
  }

  const nameInput = document.getElementById('reviewer-name');
  function rememberName() {
    if (!nameInput) return;
    try {
      nameInput.value = localStorage.getItem(NAME_KEY) || '';
      nameInput.addEventListener('change', () => {
        localStorage.setItem(NAME_KEY, nameInput.value.trim());
      });
    } catch (e) { /* storage disabled: the name is asked each time */ }
  }

  function badge(el, approval, label) {
    el.textContent = label;
    el.className = 'badge badge-' + (approval === 'approved' ? 'ok'
      : approval === 'changes_requested' ? 'warn' : 'neutral');
  }

  function addFeedback(article, fb) {
    const history = article.querySelector('.history');
    const list = history.querySelector('.fb-list');
    const li = document.createElement('li');
    li.className = 'fb fb-' + fb.decision;
    const head = document.createElement('div');
    head.className = 'fb-head';
    const name = document.createElement('span');
    name.className = 'fb-name';
    name.textContent = fb.name;
    const decision = document.createElement('span');
    decision.className = 'fb-decision';
    decision.textContent = fb.decisionLabel;
    const time = document.createElement('time');
    time.className = 'fb-time';
    time.dateTime = fb.at;
    time.textContent = new Intl.DateTimeFormat(undefined, {
      day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit',
    }).format(new Date(fb.at));
    head.append(name, ' ', decision, ' ', time);
    li.append(head);
    if (fb.comment) {
      const p = document.createElement('p');
      p.className = 'fb-comment';
      p.textContent = fb.comment;
      li.append(p);
    }
    list.append(li);
    history.hidden = false;
  }

  async function decide(form, decision, buttons) {
    const status = form.querySelector('.status');
    const comment = form.querySelector('textarea');
    const article = form.closest('article');
    const say = (text, isError) => {
      status.textContent = text;
      status.classList.toggle('error', !!isError);
    };
    const name = nameInput ? nameInput.value.trim() : '';
    if (!name) {
      say('Enter your name at the top of the page first.', true);
      if (nameInput) nameInput.focus();
      return;
    }
    if (decision === 'changes' && !comment.value.trim()) {
      say('Say what should change in the comment.', true);
      comment.focus();
      return;
    }
    try { localStorage.setItem(NAME_KEY, name); } catch (e) { /* ignored */ }
    buttons.forEach((b) => { b.disabled = true; });
    say('Sending…', false);
    try {
      const response = await fetch(base + '/posts/' + encodeURIComponent(form.dataset.postId) + '/feedback', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Review-Page-Token': pageToken },
        body: JSON.stringify({ decision: decision, name: name, comment: comment.value }),
        credentials: 'omit',
        cache: 'no-store',
      });
      let answer = {};
      try { answer = await response.json(); } catch (e) { /* not JSON */ }
      if (!response.ok) {
        say(answer.error || 'Not sent (error ' + response.status + '). Try again.', true);
        return;
      }
      badge(article.querySelector('[data-role="approval"]'), answer.approval, answer.approvalLabel);
      addFeedback(article, answer.feedback);
      comment.value = '';
      say(decision === 'approve' ? 'Approved. Thank you!' : 'Sent. Thank you!', false);
    } catch (e) {
      say('Not sent: the connection failed. Try again.', true);
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  function wireForms() {
    document.querySelectorAll('form.decide').forEach((form) => {
      const buttons = Array.from(form.querySelectorAll('button[data-decision]'));
      buttons.forEach((button) => {
        button.addEventListener('click', () => decide(form, button.dataset.decision, buttons));
      });
      form.addEventListener('submit', (event) => event.preventDefault());
    });
  }

  formatTimes();
  rememberName();
  wireForms();
}());
