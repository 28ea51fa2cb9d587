'use client';

import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import type { SearchResult } from '@/lib/search/results';
import { ResultRow } from './result-row';

/** Up to this many rows are drawn as a plain list (the browser's find works on all of them). */
export const PLAIN_LIST_MAX = 100;
const ESTIMATED_ROW_PX = 64;

/**
 * The search results. A long answer (Jaeger UI's limit is 1,500) is virtualized against the
 * page's scroll: only the rows in view are in the DOM, so the first row does not wait for
 * 1,500 rows and their links, and scrolling never builds them all.
 */
export function ResultList({ results }: { results: SearchResult[] }) {
  if (results.length <= PLAIN_LIST_MAX) {
    return (
      <ul data-testid="search-results" data-count={results.length}>
        {results.map((r) => <ResultRow key={r.traceId} r={r} />)}
      </ul>
    );
  }
  return <VirtualList results={results} />;
}

function VirtualList({ results }: { results: SearchResult[] }) {
  const list = useRef<HTMLUListElement>(null);
  const [top, setTop] = useState(0);
  // The list's offset in the page: the virtualizer counts window scroll from there.
  useLayoutEffect(() => {
    const el = list.current;
    if (el) setTop(el.getBoundingClientRect().top + window.scrollY);
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: results.length,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 6,
    scrollMargin: top,
    getItemKey: (i) => results[i].traceId,
  });
  return (
    <ul ref={list} data-testid="search-results" data-count={results.length} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
      {virtualizer.getVirtualItems().map((item) => (
        <ResultRow
          key={item.key}
          r={results[item.index]}
          index={item.index}
          ref={virtualizer.measureElement}
          style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
        />
      ))}
    </ul>
  );
}
