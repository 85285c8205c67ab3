// Preloaded (NODE_OPTIONS=--require) into a CLI under test so that resolving a hostname fails the
// way an unknown host does, without any DNS query leaving the machine.
'use strict';
const dns = require('node:dns');
const original = dns.lookup;
dns.lookup = function lookup(hostname, options, callback, ...rest) {
  const cb = typeof options === 'function' ? options : callback;
  if (hostname === 'localhost' || /^[\d.]+$/.test(hostname) || hostname.includes(':'))
    return original.call(this, hostname, options, callback, ...rest);
  const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: 'ENOTFOUND',
    errno: -3008,
    syscall: 'getaddrinfo',
    hostname,
  });
  process.nextTick(cb, err);
};
