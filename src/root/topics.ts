import { DEFAULT_FIELDS, FIELDS, FIELD_NAMES } from '../export/fields.js';

/**
 * The texts of `rcuser help <topic>`, loaded only when a topic is shown (names and summaries live in
 * help-topics.ts). Each line fits 80 columns. docs/<topic>.md starts with the same text:
 * `npm run docs` writes it there, test/docs/docs.test.ts fails when the two differ.
 */

const CREDENTIALS = `Credentials and profiles

Every command that talks to a server takes the server and the credentials from,
in this order:
  1. flags: --server <url>, --profile <name>
  2. the environment: RCUSER_SERVER, RCUSER_USER_ID with RCUSER_TOKEN,
     RCUSER_PROFILE
  3. the active stored profile (\`rcuser login\` writes one, \`rcuser use\`
     picks it)

The server:
  chat.example.com means https://chat.example.com; a trailing / or /api/v1 is
  dropped. A server under a path is given with its path (--server
  https://chat.example.com/chat). Plain http:// is accepted only for loopback
  hosts (localhost, 127.0.0.1, [::1]) unless you pass --allow-http.

The environment:
  Set both RCUSER_USER_ID and RCUSER_TOKEN or neither (a login token or a
  personal access token). They win over RCUSER_PROFILE and the active profile;
  an explicit --profile wins over them. Without RCUSER_SERVER they go to the
  active profile's server: --verbose says so, and every error adds it as a note.
  A flag beats a variable on either side: --profile work uses work's server even
  with RCUSER_SERVER set, and --server <url> uses the profile stored for that
  server even with RCUSER_PROFILE set. Two flags (or two variables) that
  disagree are a usage error.

Logging in:
  The password comes from a hidden prompt, or from the first line of stdin with
  --password-stdin: never from the command line, never stored. The profile
  holds the login token the server hands out; on a default server it expires
  90 days after login. A personal access token (--token-stdin --user-id <id>)
  does not expire; it is checked with GET /api/v1/me before it is saved.
  Two-factor codes are asked for at a terminal; in a script pass --code or
  RCUSER_2FA_CODE. \`rcuser login\` without a server logs in again to the active
  profile (or to --profile's) with the same server, name, user and CA file.

Profiles:
  rcuser profiles                  list them (never a token); * marks the active
  rcuser use <profile>             make another one active
  rcuser profiles rename <a> <b>   rename one (offline)
  rcuser profiles remove <name>    forget one here; a login token is NOT revoked
  rcuser logout                    revoke a login token and forget the profile
  rcuser whoami                    who you are, where, with which credentials
  rcuser status                    check every stored profile's token at once

  Profiles live in profiles.json (mode 0600, in a 0700 directory) under
  RCUSER_CONFIG_DIR when it is set, else $XDG_CONFIG_HOME/rcuser or
  ~/.config/rcuser (Linux and others), ~/Library/Preferences/rcuser (macOS),
  %APPDATA%\\rcuser\\Config (Windows). The file never holds a password.

Examples:
  rcuser login chat.example.com -u admin
  rcuser login chat.example.com --token-stdin --user-id aobEdbYhXfu5hkeqG < tok
  rcuser --profile ci info jdoe
  RCUSER_SERVER=chat.example.com RCUSER_USER_ID=aobEdbYhXfu5hkeqG \\
  RCUSER_TOKEN="$(cat ~/.rc-token)" rcuser info test.john

Read more: docs/credentials.md
`;

const NETWORK = `Network: TLS, proxies, redirects, timeouts

TLS:
  The server's certificate is verified against Node's public CA list and the
  CAs in NODE_EXTRA_CA_CERTS. For a server whose certificate comes from a
  private CA, add that CA with --ca-file <pem> or RCUSER_CA_FILE (it is added to
  those, not used instead). A login with --ca-file stores the file's absolute
  path in the profile, so later commands trust the server without the flag.
  --insecure skips the check for one run, with a warning; it is never stored.

Proxies:
  HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured (lower-case forms too).
  https goes through a CONNECT tunnel (the proxy never sees the token), plain
  http as an absolute-URI request. NO_PROXY takes host names, domain suffixes
  and host:port, comma-separated. A proxy given without a scheme
  (127.0.0.1:3128) is taken as http://, as curl does.

Redirects are never followed:
  A server with Force_SSL, or a proxy, may answer a plain http:// URL with a
  redirect. Following it would send your password or token wherever it points,
  so rcuser stops, names the target and exits 1. \`rcuser login\` asks
  GET /api/info first, so it stops before a password is asked for or sent.
  Use the URL it names.

Timeouts, failures, limits:
  --timeout <seconds> (default 30) bounds each request. Every network or server
  failure is exit 1 and one sentence naming the server and what happened, with
  a hint; RCUSER_DEBUG=1 adds the underlying error and its stack. A GET whose
  connection is reset is retried once. At most RCUSER_MAX_RESPONSE_MB MiB
  (default 32, at most 500) of one answer is read.

Seeing the requests:
  --verbose prints one line per request on stderr: method, path, status, time.
  Credentials travel in headers, which are never logged.

Examples:
  rcuser --ca-file ~/corp-root-ca.pem info test.john
  rcuser login chat.internal --ca-file ~/corp-root-ca.pem
  rcuser --insecure info test.john
  HTTPS_PROXY=http://proxy.example.com:3128 rcuser info test.john
  rcuser --verbose info test.john --rooms
  rcuser --server https://chat.example.com/chat info test.john

Read more: docs/network.md
`;

const BATCHES = `Batches, listings and rate limits

Several users at once:
  rcuser info alice bob carol      several names: one summary table
  rcuser info - < names.txt        identifiers from stdin, one a line

  On stdin, blank lines and lines starting with # are skipped; id:<user id>,
  import:<import id> and email:<address> pick the kind of lookup, anything else
  is a username (a leading @ is dropped, but not a Matrix id's: a federated
  user is @alice:matrix.org). A line may be 4,096 characters long.

  --concurrency <n> lookups run at a time (default 8, at most 64) over one
  connection pool. Output comes in input order, each line as soon as it and
  every line before it are done. With --json, one JSON object per line:
    {"query":"alice","user":{...}}
    {"query":"bob","error":"User not found.","status":400}
  Without --json, one table and a count line. On a terminal, a progress line is
  drawn on stderr for batches that take more than a second. Ctrl-C during a
  table batch prints the rows done so far, then exits 130. A failure that would
  repeat for every line (connection refused, an unknown host, a certificate
  that does not verify, a rejected token) stops the batch at once.

  Exit codes of a batch:
    0    every user was found
    3    at least one user was not found; all others were printed
    1    at least one line failed for another reason (1 beats 3)
    4    the server rejected the credentials: the batch stops at once
    130  interrupted

Listings (search, list):
  Users are asked for 100 a page (the server's cap) and printed page by page
  as they arrive; --limit <n> stops early. On a terminal, long lists show how
  many users have come so far on stderr. Rate limits are waited out as below,
  a rejected token stops at once (exit 4).

Rate limits:
  Rocket.Chat limits calls per client address and endpoint (by default 10 a
  minute for users.info; admins, bots and apps are exempt). rcuser reads
  X-RateLimit-Remaining and X-RateLimit-Reset and pauses new requests to that
  endpoint until the reset; a 429 is waited out and sent again, never reported
  as a failed lookup. Each wait is announced once on stderr. --max-wait
  <seconds> (default 120) bounds one wait: a longer one is not waited for, that
  line fails with the server's 429 message, and the exit code is 1.

Examples:
  rcuser info alice bob carol
  cut -d, -f1 users.csv | rcuser info - --json > users.ndjson
  rcuser info - --json < users.txt | jq -r 'select(.error) | .query'
  rcuser info - --json --max-wait 600 < everyone.txt > everyone.ndjson

Read more: docs/batches.md
`;

const FORMATS = `Output formats

Data goes to stdout; prompts, progress, warnings and errors go to stderr.

JSON, for scripts:
  rcuser info <user> --json prints the server's user object exactly as received
  (same keys, same order, same numbers), indented by two spaces, never colored.
  Several users (info a b, info -), search and list print one JSON object per
  line (NDJSON); whoami, status and profiles --json print one object or array.

Fields, CSV, TSV and jq (info, search, list; one of --json, --csv, --tsv, --jq):
  --fields a,b.c    only these fields, by path (username, emails.0.address,
                    customFields.dept; rcuser help fields): the table's columns,
                    --json objects keyed by the paths, CSV and TSV columns. A
                    field rcuser does not know is a usage error (exit 2).
  --csv             RFC 4180: a header row of the paths, one row per user.
                    Lists of plain values are joined with ;, objects are
                    compact JSON, absent is empty. Text that starts with = + -
                    @, a tab or a CR gets a leading ' so a spreadsheet shows it
                    instead of running it as a formula; numbers and booleans
                    stay as the server sent them.
  --tsv             for cut and awk: tab-separated, no quoting, no formula
                    guard; tab, CR, LF and \\ in values written \\t \\r \\n \\\\.
  --jq <expr>       jq itself (1.8, built in) over what --json prints: strings
                    raw, other values compact JSON, one a line. Over several
                    users or a list, one run over the whole stream, as jq over
                    NDJSON. A program that does not compile is exit 2, with
                    nothing sent.
  Without --fields, CSV and TSV have the columns of the command's table. With
  several users, a user not found is a line on stderr (and exit 3), never a row.

Secrets are redacted:
  Looking yourself up, the server sends your services object, credentials
  included. In every output each credential value there becomes the string
  "[redacted]"; its key stays, and every other byte stays as the server sent
  it. A credential is a key whose name contains token, secret, hash, code,
  passw, pwd, bcrypt, jwt, key, salt, session, credential, cookie, nonce,
  signature or bearer (any case), or a known path such as totp.secret or
  resume. true, false and null are kept.

Tables, for people:
  Every table fits the terminal: its width, else COLUMNS, else (a file or a
  pipe) no limit. Free text is cut first, with …; IDs, usernames, e-mail
  addresses, profile names and server URLs are never cut, except a username
  or address far longer than the rest of a long list (at most 1 in 50), cut
  to their width. A terminal too narrow for any table gets one block per row
  instead; whoami and status wrap at spaces, a URL or a command whole.
  A locale that is not UTF-8 (LC_ALL=C, LANG=POSIX) gets ASCII borders and
  markers. Control characters in names are printed as visible escapes
  (\\x1b), so a user name cannot drive your terminal. Login tokens and the
  services object are never shown.
  Help (--help, rcuser help <command>) fits 80 columns, or a narrower
  terminal (or COLUMNS): words are never split and example descriptions keep
  one column; an example too long for its line has its description below it.

Colors:
  Only when the stream is a terminal. NO_COLOR=1 or --no-color turns them off,
  FORCE_COLOR=1 or CLICOLOR_FORCE=1 on, CLICOLOR=0 off at a terminal; TERM=dumb
  means no colors, no progress line and no pager.

Pager:
  On a terminal, a long table of search or list goes through a pager, as gh
  does: RCUSER_PAGER, else PAGER, else less -FRX (which quits at once when the
  table fits the screen). --no-pager, or setting either variable to cat or to
  nothing, prints it directly. A pager that reads none of the table (it cannot
  start, or quits first) leaves it printed, with a line saying why.

Examples:
  rcuser info test.john --json | jq -r .username
  rcuser info test.john --rooms --jq '.rooms[] | .name'
  rcuser list --csv --fields username,name,emails.0.address,lastLogin > u.csv
  rcuser list --tsv | awk -F'\t' '$4 == "false" { print $1 }'
  rcuser list --role admin --jq '.emails[0].address // empty'
  rcuser search smith --no-pager
  NO_COLOR=1 rcuser whoami

Read more: docs/formats.md
`;

const VERSIONS = `Server versions

rcuser reads GET /api/info to learn the server's version and asks each one the
way it understands:

  6.x            rooms asked for with fields={"userRooms":1}; a 401 body has
                 only status and message
  7.0 and later  rooms asked for with includeUserRooms=true
  7.4 and later  logout answers 200 with an empty body: any 200 is logged out
  8.0 - 8.3      no lookup by e-mail: info --email fails with a plain message
                 (exit 1) and sends nothing
  8.4 and later  info --email works (users.info?email=)
  before 3.13    no users.listTeams: info --teams fails with a plain message
                 (exit 1)
  7.x, 8.x       a self lookup returns all of services: every credential in
                 it is redacted (rcuser help formats)
  9.0 changes    servers that apply the API changes announced for 9.0: 401
                 bodies lose status and message, and every failed login is
                 just "unauthorized"; a refused login then says it may be the
                 password or a missing 2FA code, and at a terminal asks for a
                 code (Enter to skip)

The last row is told by what the server answers, not by a version number:
rcuser reads each answer by its shape.

Finding users:
  6.8 and later  search and list use users.listByStatus, every filter applied
                 by the server
  before 6.8     list uses users.list, its filters in the only query shapes
                 6.x accepts; --logged-in cannot be asked for there, so
                 every page is read and those users are kept here (one
                 note on stderr); callers without view-full-other-user-info
                 get --role, --logged-in and --never-logged-in refused
                 (exit 1) rather than a list of everyone; search uses the
                 directory (active users only)
  before 6.8     list --sort createdAt is refused (users.list sorts only the
                 fields it returns), and --idle and --sort lastLogin need
                 view-full-other-user-info (exit 1)
  any            without permission to list, search falls back to
                 users.autocomplete (at most 10 users) and says so

Anonymous callers only see the major and minor version, so messages say
"runs 8.3".

Unknown versions: a JSON /api/info with success but no version (a proxy or
firewall stripped it), or one rcuser cannot place ("develop", "8"), is
Rocket.Chat of unknown version. rcuser takes it for the newest and falls back
when it refuses something newer: rooms with fields={"userRooms":1} when
includeUserRooms is refused, the 6.x listing when users.listByStatus answers
404. --verbose says once that the version is unknown.

Federated users: their usernames are Matrix ids, @ included
(@alice:matrix.org). rcuser keeps the @ of a Matrix id (in arguments,
--username and stdin lines) and shows Federated on the card.

LDAP: the server searches the directory for exactly what was typed at login;
when a login with an e-mail address is refused, rcuser adds that LDAP accounts
use their directory username.

Examples:
  rcuser whoami                    shows the server's version
  rcuser --verbose info test.john  shows GET /api/info and what was asked
  rcuser info @alice:matrix.org    a federated user, by Matrix id

Read more: docs/versions.md
`;

const AUDITS = `Audits: idle accounts, sorting, what changed, a user's teams

Idle accounts (list --idle):
  With --idle 90d, list shows the active users whose last login is at or
  before 90 days ago: the accounts POST users.deactivateIdle {"daysIdle":90}
  would deactivate, which the server never shows before it acts. A date works
  too (--idle 2026-01-31: midnight UTC). rcuser asks the server for the oldest
  logins first and stops at the first user past the cutoff, so a few idle
  users among 20,000 take a request or two, not a download of everyone.
  Users who never logged in are not idle (that is --never-logged-in), nor are
  deactivated ones. users.deactivateIdle only takes users with the role it is
  given (default user): add --role user to see exactly those. --type and
  --search combine with it too.

Sorting (list --sort):
  --sort username|name|lastLogin|createdAt|status, --order asc|desc (default
  asc). The server sorts, so --limit 10 is the real top ten. Before 6.8 the
  server sorts only by fields it returns: --sort createdAt is refused there,
  and --sort lastLogin and --idle need view-full-other-user-info.

What changed (diff):
  diff <before.ndjson> <after.ndjson> compares two saved lists (from list
  --json, or info - --json batch lines) by user id, offline: users added,
  removed, and for the others what changed among username, name, roles (each
  role added or removed by name), active, type, e-mails and last login.
  --json prints one object per changed user:
    {"change":"changed","_id":"...","username":"alice",
     "fields":{"roles":{"added":["admin"],"removed":[]},
               "active":{"old":true,"new":false}}}
  Added and removed users carry their compared fields as they are (or were).
  Exit 0; with --exit-code 1 when anything differs; 2 when a file cannot be
  read or a line is not a user (the message names the file and the line).
  Either file may be - (stdin). Both are streamed: two 100,000-user lists diff
  within a 96 MiB heap.

A user's teams (info --teams):
  The teams the user is in, from GET /api/v1/users.listTeams (Rocket.Chat 3.13
  and later; older servers: a plain message, exit 1): a Teams section under
  the card (name, public or private, owner or member, the team's room id); with
  --json a "teams" array after the last field of the user (beside "rooms");
  in a batch, in each JSON line, and a Teams column in the table. Without the
  view-all-teams permission (admins have it) the server lists only the user's
  public teams and the private teams you are in too: rcuser says so on stderr
  when the view may be partial.

Recipes:
  Idle before deactivating:
    rcuser list --idle 90d --role user
    rcuser list --idle 90d --role user --json | jq -r .username > idle.txt
  Roles changed this week (save a list every day, compare two):
    rcuser list --json > mon.ndjson
    rcuser diff mon.ndjson fri.ndjson --json | jq -c 'select(.fields.roles)'
    rcuser list --role admin --json | rcuser diff admins.ndjson - --exit-code
  A user's teams, and everyone's in one file:
    rcuser info test.john --teams
    rcuser list --json | jq -r '"id:" + ._id' | rcuser info - --teams --json

Examples:
  rcuser list --idle 2026-01-01 --json
  rcuser list --sort lastLogin --order desc --limit 10
  rcuser list --sort createdAt --order desc --limit 20
  rcuser diff monday.ndjson friday.ndjson
  rcuser info test.john --teams --json | jq -r '.teams[].name'

Read more: docs/audits.md
`;

const ENVIRONMENT = `Environment variables

Server and credentials (flags win over these, these over the stored profile):
  RCUSER_SERVER        server base URL, like --server (chat.example.com means
                       https://chat.example.com)
  RCUSER_USER_ID       user id for RCUSER_TOKEN; set both or neither
  RCUSER_TOKEN         a login token or personal access token, used instead of a
                       stored profile (keeps the secret out of argv and history)
  RCUSER_PROFILE       stored profile to use, like --profile
  RCUSER_CONFIG_DIR    where profiles are stored; by default
                       $XDG_CONFIG_HOME/rcuser or ~/.config/rcuser (Linux),
                       ~/Library/Preferences/rcuser (macOS),
                       %APPDATA%\\rcuser\\Config (Windows)
  RCUSER_2FA_CODE      two-factor code for \`rcuser login\` without a terminal,
                       like --code

Network:
  RCUSER_CA_FILE       also trust this CA certificate (PEM file), like --ca-file
  NODE_EXTRA_CA_CERTS  Node's own extra CA file; still trusted alongside
                       RCUSER_CA_FILE
  HTTPS_PROXY          proxy for https:// servers (also https_proxy)
  HTTP_PROXY           proxy for http:// servers, and for https:// when
                       HTTPS_PROXY is unset (also http_proxy)
  NO_PROXY             comma-separated hosts that bypass the proxy (also
                       no_proxy)
  RCUSER_MAX_RESPONSE_MB
                       most MiB read of one server answer (default 32)

Output:
  NO_COLOR             any non-empty value turns colors off, like --no-color
  FORCE_COLOR          turns colors on even when not writing to a terminal
                       (0 or false: off)
  CLICOLOR_FORCE       not 0: colors on, like FORCE_COLOR (NO_COLOR still wins)
  CLICOLOR=0           no colors, even at a terminal
  TERM=dumb            no colors, no progress line, no pager
  LC_ALL, LC_CTYPE, LANG
                       the first one set names no UTF-8 (C, POSIX): borders,
                       markers and "..." in ASCII (--json and --csv as sent)
  COLUMNS              the width tables (and help, up to 80) fit when stdout is
                       not a terminal (on a terminal, its own width)
  RCUSER_PAGER         pager for long tables of search and list on a terminal;
                       wins over PAGER; default \`less -FRX\` (LESS=FRX unless
                       set); empty or cat: none
  PAGER                the pager, when RCUSER_PAGER is unset
  LESS, LV             passed to the pager; set to FRX and -c when unset, as gh
                       does
  RCUSER_DEBUG=1       print stack traces and underlying causes of errors

Example:
  RCUSER_SERVER=chat.example.com RCUSER_USER_ID=aobEdbYhXfu5hkeqG \\
  RCUSER_TOKEN="$(cat ~/.rc-token)" rcuser info test.john --json

Read more: docs/environment.md
`;

const EXIT_CODES = `Exit codes

  0    success
  1    failure: network, TLS, server error, a response that is not
       Rocket.Chat's, a redirect (never followed)
  2    usage error: bad flags or arguments, missing input with no terminal to
       ask
  3    user not found (with several users: at least one not found; the others
       are still printed)
  4    authentication: not logged in, token expired or revoked, wrong password,
       two-factor code needed or wrong, an account the server refuses to log in
  130  interrupted (Ctrl-C)

A batch that has both a failed line and a missing user exits 1 (rcuser help
batches).

Example:
  rcuser info "$name" --json > user.json
  case $? in
    0) echo found ;;
    3) echo "no such user: $name" ;;
    4) echo "not logged in: run rcuser login <server>" >&2 ;;
  esac

Read more: docs/exit-codes.md
`;

/** `rcuser help fields`: written from the catalog itself, so it lists exactly what --fields takes. */
function fieldsText(): string {
  const rows = FIELD_NAMES.map((name) => {
    const { shape, about } = FIELDS[name]!;
    const under =
      shape.kind === 'records'
        ? `.N  .${shape.keys.join(' .')}`
        : shape.kind === 'list'
          ? '.N'
          : shape.kind === 'open'
            ? '.<name>'
            : '';
    return `  ${name.padEnd(28)} ${about}${under ? `\n${' '.repeat(31)}${under}` : ''}`;
  });
  const wrap = (list: string) =>
    list
      .replaceAll(',', ', ')
      .replace(/(.{1,62})(?: |$)/g, '$1\n                ')
      .trimEnd();
  return `Fields

--fields (info, search, list) takes field paths, comma-separated: a name below,
then .N for an item of a list (emails.0) and .key for a key of an item
(emails.0.address). A key without .N takes it from every item: emails.address
is every address, joined with ; in CSV. Not every server or account gets every
field (most need an admin's view of the user): absent fields are empty cells,
and keys left out of --json. services (credentials) is never a field.

${rows.join('\n')}

Without --fields, --csv and --tsv have the table's columns:
  info          ${wrap(DEFAULT_FIELDS.info)}
                (and rooms.name with --rooms)
  search, list  ${wrap(DEFAULT_FIELDS.list)}

Examples:
  rcuser info test.john --fields username,emails.address,lastLogin
  rcuser list --csv --fields username,name,customFields.department > staff.csv
  rcuser info - --json --fields _id,username < names.txt

Read more: docs/formats.md
`;
}

/** In the order `rcuser help` lists them. */
export const TOPIC_TEXTS: Readonly<Record<string, string>> = {
  credentials: CREDENTIALS,
  network: NETWORK,
  batches: BATCHES,
  formats: FORMATS,
  fields: fieldsText(),
  versions: VERSIONS,
  audits: AUDITS,
  environment: ENVIRONMENT,
  'exit-codes': EXIT_CODES,
};
