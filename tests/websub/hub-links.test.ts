// WebSub discovery: hubs and the topic from Link headers, else from the feed document.
import { describe, expect, it } from 'vitest';
import { findHubLinks } from '../../src/websub/hub-links.ts';

const FETCHED = 'https://wire.example/feed.xml?edition=world';

describe('findHubLinks', () => {
  it.each([
    { case: 'no hub', header: null, body: '<rss><channel><title>t</title></channel></rss>', hubs: [], topic: FETCHED },
    {
      case: 'Atom links',
      header: null,
      body: '<feed xmlns="http://www.w3.org/2005/Atom"><link rel="hub" href="https://hub.example/"/><link rel="self" href="https://wire.example/atom"/></feed>',
      hubs: ['https://hub.example/'],
      topic: 'https://wire.example/atom',
    },
    {
      case: 'atom:link in RSS, relative, with entities',
      header: null,
      body: '<rss xmlns:atom="http://www.w3.org/2005/Atom"><channel><atom:link rel="hub" href="/hub?a=1&amp;b=2"/><atom:link href=\'https://wire.example/rss\' rel=\'self\'/></channel></rss>',
      hubs: ['https://wire.example/hub?a=1&b=2'],
      topic: 'https://wire.example/rss',
    },
    {
      case: 'Link headers win over the document',
      header: '<https://hub.one/>; rel="hub", <https://hub.two/>; rel=hub, <https://wire.example/canonical>; rel="self"',
      body: '<feed><link rel="hub" href="https://ignored.example/"/></feed>',
      hubs: ['https://hub.one/', 'https://hub.two/'],
      topic: 'https://wire.example/canonical',
    },
    { case: 'a non-http hub', header: '<javascript:alert(1)>; rel="hub"', body: '', hubs: [], topic: FETCHED },
    { case: 'several rel values', header: '<https://hub.example/>; rel="hub self"', body: '', hubs: ['https://hub.example/'], topic: 'https://hub.example/' },
  ])('$case', ({ header, body, hubs, topic }) => {
    expect(findHubLinks(header, body, FETCHED)).toEqual({ hubs, topic });
  });
});
