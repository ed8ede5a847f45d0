import type { AnyNode, Element } from 'domhandler';
import { attrText, isElement } from './dom.js';

/** Comment sections, however a page marks them up. Comments are never the article. */

// One comment: WordPress `<article id="comment-12" class="comment">`, "c-comment", "comment-item".
// "has-comments" on a post only says it has some; "comment-open" is a state.
const COMMENT_TOKEN =
  /^(?:comments?|comment[-_](?!open|closed|enabled|disabled|count|link|number|status).+|commentlist|[a-z]+[-_]comment|trackback|pingback)$/;

// Any part of a comments section ("comments-area", "comment-body", "fb-comments").
const COMMENT_PART = /^comments?(?:[-_](?!open|closed|enabled|disabled|count|link|number)|$)|^commentlist$|[-_]comments?$/;

function anyToken(names: string, re: RegExp): boolean {
  for (const token of names.toLowerCase().split(/\s+/)) if (re.test(token)) return true;
  return false;
}

/** An element that is one comment (class/id names, schema.org Comment microdata). */
export function isComment(el: Element): boolean {
  const a = el.attribs;
  if (a.itemprop === 'comment' || /schema\.org\/(?:Comment|UserComments)\b/.test(a.itemtype ?? '')) return true;
  const names = attrText(el);
  return names !== '' && anyToken(names, COMMENT_TOKEN);
}

/**
 * Class/id names of a comments section. Its "comment-body"/"comments-content" parts are named
 * like article text, so callers check this before trusting positive names.
 */
export function hasCommentName(names: string): boolean {
  return anyToken(names, COMMENT_PART);
}

function isArticleItem(node: AnyNode): boolean {
  if (!isElement(node)) return false;
  if (node.name === 'article') return true;
  return node.name === 'li' && node.children.some((c) => isElement(c) && c.name === 'article');
}

/**
 * Articles nested in an article and repeated side by side (directly or one per <li>) are its
 * comments (the HTML spec's own markup for comments) or related-story cards.
 */
export function isListItemArticle(el: Element): boolean {
  const item = el.parent && isElement(el.parent) && el.parent.name === 'li' ? el.parent : el;
  const list = item.parent;
  if (!list) return false;
  let n = 0;
  for (const child of list.children) if (isArticleItem(child) && ++n >= 2) return true;
  return false;
}
