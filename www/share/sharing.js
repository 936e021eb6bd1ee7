// The page's ties to the outside world, wired to the one store: the link in
// the URL (link.js), embed mode (embed.js) and the host page's messages
// (messages.js) with the embed's story (embed-story.js). The teaching
// page's tools (embed dialog, import, export, scenario files) are tools.js,
// which an embed never loads. main.js calls bindSharing once, then
// `opened()` after the first runs, `restarted()` after each rebuild,
// `update(panes)` a few times a second and `toggled(playing)` when the
// reader plays or pauses.
import { bindShare, toShared } from './link.js';
import { embedOptions, setupEmbed } from './embed.js';
import { bindMessages } from './messages.js';
import { createStory, verdict } from './embed-story.js';
import { stateJson } from '../core.js';

export const EMBED = embedOptions();
const $ = (id) => document.getElementById(id);

/** The `state` event: what plays, the title and what each pane shows. */
function stateEvent(app, story) {
  const s = app.snapshot();
  const panes = s.panes.map((p, i) => {
    const { run } = app.panes[i];
    const m = run.measures();
    const v = verdict(m, run.coordinated);
    return {
      label: p.label,
      kind: p.kind,
      mode: p.scenario.mode,
      r: p.r,
      bursts: p.bursts,
      syncTime: p.syncTime ?? null,
      // Only coordinators who plan have a roadmap to be on or off.
      onRoadmap: v.inStep && run.coordinated ? m.converged : null,
      verdict: `${v.head} · ${v.detail}`,
    };
  });
  return {
    playing: s.playing,
    speed: s.speed,
    time: s.time,
    title: story?.title() ?? null,
    preset: s.preset ?? null,
    panes,
  };
}

/** The host page's commands (embed mode) and the events it hears. */
function bindHost(app, embed, story) {
  const { store } = app;
  const messages = bindMessages({
    store,
    play: (on) => {
      embed?.readerToggled(on);
      store.setView({ playing: on });
    },
    reset: () => store.setPanes(store.get().panes, { at: null }),
    seek: (t) => app.seek(t),
    describe: refusalText,
    title: { get: () => story?.explicitTitle() ?? null, set: (text) => story?.setTitle(text) },
    snapshot: () => stateEvent(app, story),
  });
  let wasPlaying = store.get().view.playing;
  store.subscribe((state) => {
    if (state.view.playing !== wasPlaying) {
      wasPlaying = state.view.playing;
      messages.playing(wasPlaying);
    }
  });
  return messages;
}

/** "Dense: eps: 2 is outside [0, 1]": a refused change in words. */
export const refusalText = ({ error, label }) => `${label}: ${error.message || error}`;

/** Loads a decoded state (a link's or a file's); resolves to why it cannot run, or null. */
async function applyShared(app, { state }) {
  const { store } = app;
  const playing = EMBED.embed ? store.get().view.playing : true;
  const refusal = await store.setPanes(state.panes, { ...state.view, tour: null, playing, at: null });
  if (refusal) return refusalText(refusal);
  if (state.view.tour !== null && state.view.tour !== undefined && !EMBED.embed) app.tour.open(state.view.tour);
  // A moment (t=): the runs go there, paused; the page (and an embed's host) need not wait for a far one.
  if (state.at !== null) app.seek(state.at);
  return null;
}

/** Offers the page's state as a scenario file to download. */
async function saveFile({ store, notice }) {
  try {
    const { download } = await import('./export.js');
    download('lockstep-scenario.json', new Blob([stateJson(toShared(store.get()))], { type: 'application/json' }));
  } catch (err) {
    notice.show(`The scenario could not be saved: ${err.message}`, [], 'error');
  }
}

/** The link in the URL and the share buttons. */
function bindLink(app) {
  const { store, notice } = app;
  return bindShare({
    store,
    notice,
    apply: (decoded) => applyShared(app, decoded),
    download: () => saveFile(app),
    now: () => app.clock.time(),
    writeUrl: !EMBED.embed,
    el: {
      copy: $('copy-link'),
      moment: $('copy-moment'),
      reset: $('reset-link'),
      url: $('share-url'),
      status: $('share-status'),
      download: $('share-file'),
    },
  });
}

/** Embed mode's play button, controls and playing while in view (null outside an embed). */
function bindEmbed({ store, notice }, share) {
  if (!EMBED.embed) return null;
  // An unknown theme= or ink= is said, and the embed runs light.
  if (EMBED.problem) notice.show(EMBED.problem);
  return setupEmbed({
    controls: EMBED.controls,
    play: (on) => store.setView({ playing: on }),
    isPlaying: () => store.get().view.playing,
    link: share.link,
    id: EMBED.id,
    theme: EMBED.theme,
    ink: EMBED.ink,
  });
}

/** After the first runs: open the link in the URL, if any, then tell the host page. */
async function openLinkInUrl(app, share, messages, opened) {
  const fragment = location.hash.slice(1);
  if (fragment) await share.open(fragment, 'The link could not be opened, so the default scenario is shown');
  else share.readNow();
  opened.link = true;
  messages.ready(app.panes.map((p) => p.label));
}

/** `app`: store, panes, recorder, notice, tour, snapshot(). */
export function bindSharing(app) {
  const share = bindLink(app);
  const embed = bindEmbed(app, share);
  const story = EMBED.embed ? createStory(app, { title: EMBED.title }) : null;
  const messages = bindHost(app, embed, story);
  const opened = { link: false };
  return {
    embed,
    story,
    /** After the first runs: open the link in the URL, if any. */
    opened: () => openLinkInUrl(app, share, messages, opened),
    restarted() {
      messages.restart();
    },
    update(panes) {
      messages.update(panes);
      story?.update(panes);
    },
    /** The reader pressed play or pause (embed: remember it). */
    toggled(playing) {
      embed?.readerToggled(playing);
    },
    /** After a crash: the last scenario that ran goes back in the address bar. */
    recover: share.recover,
    /** The page's link now ('' when too big for one). */
    link: share.link,
    /** For the test hook: the link in the address was opened (or refused), and the writer's state. */
    linkState: () => ({ opened: opened.link, ...share.writer() }),
    /** For the test hook: the host's `set` and `preset` commands received and not yet applied or refused. */
    hostCommands: messages.waiting,
    /** Offers the page's state as a scenario file to download. */
    download: () => saveFile(app),
    /** Opens a scenario file's bytes as a link is opened (true on success). */
    openFile: share.openFile,
  };
}
