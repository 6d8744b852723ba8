/*
 * The task pane page's loader, ES5 only (webpack.config.js inlines it into taskpane.html, at the end of
 * <body>; test/loader.test.ts parses it as ES5). The bundle is ES2020: where Office shows add-ins with
 * Internet Explorer 11 (Trident) or the old Edge (EdgeHTML), i.e. Windows without the WebView2 runtime or
 * Office 2016/2019 perpetual, it fails to parse and the pane would stay blank with no KPI function
 * registered. So this script loads the bundle (the files in its `data-bundle` attribute) only when the
 * browser runs what the bundle uses; otherwise it says, in Office's language (zh or en), what to update.
 */
/* global document, window */
(function () {
  var me = document.getElementById('kpi-loader');
  var bundles = ((me && me.getAttribute('data-bundle')) || '').split(' ');

  /** ES2020 syntax (optional chaining, ??, async arrows, spread, for-of, classes): a browser that parses it has the built-ins too */
  function modern() {
    try {
      if (typeof Promise === 'undefined' || typeof Symbol === 'undefined') return false;
      new Function('return async(a)=>{const{b,...c}={...a};for(const d of[a?.e??1,2**3,`${b}`])await d;class E{}return c}');
      return true;
    } catch (_e) {
      return false;
    }
  }

  if (modern()) {
    for (var i = 0; i < bundles.length; i++) {
      if (!bundles[i]) continue;
      var s = document.createElement('script');
      s.src = bundles[i];
      s.async = false; // in order, as <script defer> would
      document.body.appendChild(s);
    }
    return;
  }

  // what to update, in Office's language (zh or en); WebView2: https://go.microsoft.com/fwlink/p/?LinkId=2124703
  var TEXT = {
    en: [
      'KPI Forms needs a newer Office',
      'This Office shows add-ins in Internet Explorer or the old Edge, which cannot run them. Update to Microsoft 365 or Office 2021 ' +
        'or later with the Microsoft Edge WebView2 Runtime, or use Excel on the web.',
    ],
    zh: [
      '“客服绩效考核表”需要更新 Office',
      '此 Office 用 Internet Explorer 或旧版 Edge 显示加载项,无法运行本加载项。请更新到 Microsoft 365 或 Office 2021 及以上版本并安装 ' +
        'Microsoft Edge WebView2 运行时,或使用网页版 Excel。',
    ],
  };

  function show(language) {
    var t = TEXT[/^zh/i.test(language || '') ? 'zh' : 'en'];
    (document.getElementById('root') || document.body).innerHTML =
      '<div role="alert" data-testid="old-webview" style="margin:12px;font-family:sans-serif"><h1 style="font-size:16px">' +
      t[0] +
      '</h1><p>' +
      t[1] +
      '</p></div>';
  }

  var nav = window.navigator || {};
  show(nav.language || nav.userLanguage || nav.browserLanguage);
  // Office's display language once office.js (loaded before; it runs in IE11) is ready; calling onReady
  // also tells Office the add-in started
  try {
    window.Office.onReady(function () {
      var c = window.Office.context; // none outside Office
      show((c && c.displayLanguage) || nav.language);
    });
  } catch (_e) {
    /* no office.js, or an old one: the message stays in the browser's language */
  }
})();
