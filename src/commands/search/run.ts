import {
  AUTOCOMPLETE_LIMIT,
  autocompleteUsers,
  beforeListByStatus,
  directoryPage,
  hasListByStatus,
  isPermissionRefusal,
  listByStatusPage,
  listingPages,
} from '../../api/finding.js';
import type { Context } from '../../cmdutil/context.js';
import { ExitCode, NotFoundError, UsageError } from '../../errors.js';
import { finishListing, interruptedListing, pageInto, startListing, type Paged } from '../shared/listing.js';
import { clean } from '../../render/text.js';
import type { SearchOptions } from './options.js';

export const AUTOCOMPLETE_NOTICE =
  'rcuser: your account may not list users (the view-d-room or view-outside-room permission), so this is users.autocomplete: active users only, at most 10, and only people you share a room with unless you have view-outside-room\n';

export async function runSearch(ctx: Context, opts: SearchOptions): Promise<number> {
  const term = opts.term.trim();
  if (term === '')
    throw new UsageError(
      'the search term is empty',
      'give a part of a username or name, e.g. `rcuser search john`; `rcuser list` lists everyone',
    );
  const listing = await startListing(ctx, opts);
  const { client, target, sink } = listing;
  const version = await client.serverVersion();
  let paged: Paged;
  try {
    const pages = listingPages(
      version,
      (offset) => listByStatusPage(client, { search: term }, offset),
      (offset) => directoryPage(client, hasListByStatus(version) ? beforeListByStatus(version) : version, term, offset),
    );
    paged = await pageInto(ctx, listing, pages, { limit: opts.limit });
  } catch (err) {
    // Nothing printed yet and the server refused the listing: the one search left to every caller.
    if (!isPermissionRefusal(err) || sink.count > 0) throw err;
    const users = await autocompleteUsers(client, term);
    sink.add(users.slice(0, opts.limit ?? AUTOCOMPLETE_LIMIT));
    ctx.io.stderr.write(
      users.length >= AUTOCOMPLETE_LIMIT
        ? AUTOCOMPLETE_NOTICE.replace('at most 10', 'at most 10 (there may be more)')
        : AUTOCOMPLETE_NOTICE,
    );
    paged = { interrupted: false };
  }
  const matching = ` matching "${clean(term, 200)}"`;
  if (paged.interrupted) throw interruptedListing(listing, paged, matching);
  if (sink.count === 0) throw new NotFoundError(`no user matches "${clean(term, 200)}" on ${target.server}`);
  await finishListing(listing, paged, matching);
  return ExitCode.ok;
}
