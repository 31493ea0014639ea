// Quick capture's send queue (the Board page injects this once per browser tab).
//
// Streamlit sends a form's submit as a trigger; when a second submit from the same tab
// reaches the server while the first is still waiting to run, the newer trigger replaces
// the older one and the first line is lost without a word. So in the browser every line
// entered in Quick capture goes into a queue (the box clears at once, the next line can be
// typed), and the queue sends one line at a time through a hidden form, the next only once
// the run of the one before has finished. Nothing here knows the board; a line is only text.
(() => {
  if (window.__mlcanvasCaptureQueue) return;
  window.__mlcanvasCaptureQueue = true;

  const BOX = ".st-key-quick_capture [data-testid='stTextInput'] input";
  const ADD = ".st-key-quick_capture [data-testid='stFormSubmitButton'] button";
  const QUEUE_BOX = ".st-key-capture_queue input";
  const QUEUE_SEND = ".st-key-capture_queue button";
  const GIVE_UP_WAITING_MS = 4000;   // a run we never saw start is taken as done

  const queue = [];
  let awaiting = false;   // a sent line whose run has not finished yet
  let sawRun = false;
  let sentAt = 0;

  const scriptState = () =>
    document.querySelector("[data-testid='stApp']")?.dataset.testScriptState;

  // React keeps its own copy of an input's value: set it the way a keystroke would.
  const setValue = (input, value) => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(input, value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };

  function take(event) {
    const box = document.querySelector(BOX);
    if (!box || box.disabled || !document.querySelector(QUEUE_SEND)) return;  // Streamlit's own way
    event.preventDefault();
    event.stopImmediatePropagation();
    if (!box.value.trim()) return;
    queue.push(box.value);
    setValue(box, "");
    box.blur();    // commits the empty box to its form, so a line the server gives back
    box.focus();   // (refused, with the reason) shows in it; typing goes on as before
    pump();
  }

  function pump() {
    if (awaiting && !sawRun && Date.now() - sentAt > GIVE_UP_WAITING_MS) awaiting = false;
    if (queue.length && !awaiting && scriptState() === "notRunning") {
      const box = document.querySelector(QUEUE_BOX);
      const send = document.querySelector(QUEUE_SEND);
      // closed for additions: the lines wait here until the board is open again
      if (box && send && !send.disabled) {
        setValue(box, queue.shift());
        awaiting = true;
        sawRun = false;
        sentAt = Date.now();
        send.click();
      }
    }
  }

  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.isComposing && event.target.matches?.(BOX)) take(event);
  }, true);
  document.addEventListener("click", (event) => {
    if (event.isTrusted && event.target.closest?.(ADD)) take(event);
  }, true);
  new MutationObserver((records) => {
    // a run can start and end between two calls: the old values still show it ran
    if (records.some((r) => r.oldValue && r.oldValue !== "notRunning")) sawRun = true;
    if (scriptState() !== "notRunning") sawRun = true;
    else if (awaiting && sawRun) awaiting = false;
    pump();
  }).observe(document.body, {
    attributes: true, attributeOldValue: true, subtree: true,
    attributeFilter: ["data-test-script-state"],
  });
  setInterval(pump, 200);
  // A line not sent yet is never dropped silently: leaving the page asks first.
  window.addEventListener("beforeunload", (event) => {
    if (queue.length) event.preventDefault();
  });
})();
