/*! cc-call-elements, for a classic <script src> (a CMS that strips type="module"): loads the
    module build, cc-call-elements.js, from the folder this file was loaded from. */
(function () {
  var script = document.currentScript;
  var src = script && script.src;
  if (!src) {
    var found = document.querySelector('script[src*="cc-call-elements.classic"]');
    src = found && found.src;
  }
  if (!src) {
    console.error('[cc-call-elements] cannot tell where cc-call-elements.classic.js was loaded from: load it with <script src>.');
    return;
  }
  var url = new URL('cc-call-elements.js', src).href;
  import(url).catch(function (error) {
    console.error('[cc-call-elements] could not load ' + url + ': ' + error);
  });
})();
