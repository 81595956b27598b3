// Another script on the host page: listens to the widget's events.
document.addEventListener('DOMContentLoaded', () => {
  const log = document.getElementById('event-log');
  for (const el of document.querySelectorAll('dual-use-check')) {
    el.addEventListener('step', (e) => { log.textContent = `${el.id}: step ${e.detail.step}`; });
    el.addEventListener('determination', (e) => { log.textContent = `${el.id}: ${e.detail.outcome}`; });
  }
});
