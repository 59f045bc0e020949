// The documentation site as files: index.html plus one page per message, service and topic, all in
// one folder so every link is relative and the site opens from file:// anywhere it is copied.
import { indexPage } from './pages/index-page.js';
import { messagePage } from './pages/message-page.js';
import { servicePage } from './pages/service-page.js';
import { topicPage } from './pages/topic-page.js';
import { buildSiteModel, type SiteInput, type SiteModel } from './site-model.js';

export { buildSiteModel, type SiteInput, type SiteModel };

/** File name → content, in a stable order. */
export function renderSite(site: SiteModel): Map<string, string> {
  const files = new Map<string, string>([['index.html', indexPage(site)]]);
  for (const view of site.messages) files.set(view.link.href, messagePage(view, site));
  for (const view of site.services) files.set(view.link.href, servicePage(view, site));
  for (const view of site.topics) files.set(view.link.href, topicPage(view, site));
  return files;
}

export function buildSite(input: SiteInput): Map<string, string> {
  return renderSite(buildSiteModel(input));
}
