export {};
// Dynamic Registration: tell the LMS that registration is over, so it closes its dialog.
(window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*');
