// The one inline script of every page (src/app.html; svelte.config.js allows it by
// its hash, computed from this file). It runs before the app and tells the page's CSS
// whether the app can start, so an embed whose scripts are blocked (an LMS editor
// set sandbox="" on its iframe) or cannot load shows why, instead of a frozen player:
//   no class at all   scripts do not run: the no-scripts message stays visible
//   sv-js             scripts run (the messages are hidden)
//   sv-origin-null    scripts run in a frame sandboxed without allow-same-origin:
//                     the app's modules are refused (CORS from origin "null")
//   sv-load-failed    a module or the app's start failed to load
export const FRAME_CHECK =
	"(function(){var c=document.documentElement.classList;c.add(self.origin==='null'?'sv-origin-null':'sv-js');function f(){c.add('sv-load-failed')}addEventListener('unhandledrejection',function(e){var r=e.reason;if(r&&/import|module/i.test(String(r.message||r)))f()});addEventListener('error',function(e){var t=e.target;if(t&&(t.tagName==='SCRIPT'||t.tagName==='LINK'))f()},true)})()";
