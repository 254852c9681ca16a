/**
 * The total under a long list (organisations, users, login log, audit trail). Above the server's exact
 * count limit the total is an estimate (`totalExact: false`): the pagination then reads "约 N 条" with
 * a link that asks again with `exactTotal=true`. The exact count is kept for the same filters and
 * dropped when they change.
 */
import type { ActionType } from '@ant-design/pro-components';
import { Typography } from 'antd';
import { useCallback, useRef, useState, type MutableRefObject, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageResult, Query } from './api';

export const useListTotal = (action: MutableRefObject<ActionType | undefined>) => {
  const { t, i18n } = useTranslation();
  const [approximate, setApproximate] = useState(false);
  // The filters the exact count was asked for (null: not asked).
  const exactFor = useRef<string | null>(null);
  const lastFilters = useRef('');

  /** The query parameter for a request with these filters (paging excluded). */
  const param = useCallback((filters: Query): Query => {
    const key = JSON.stringify(filters);
    lastFilters.current = key;
    return exactFor.current === key ? { exactTotal: true } : {};
  }, []);

  /** Notes whether the answer's total is an estimate. */
  const seen = useCallback(<T,>(res: PageResult<T>) => setApproximate(res.totalExact === false), []);

  const askExact = useCallback(() => {
    exactFor.current = lastFilters.current;
    void action.current?.reload();
  }, [action]);

  const showTotal = useCallback(
    (total: number): ReactNode => {
      const n = total.toLocaleString(i18n.language);
      if (!approximate) return t('common.total', { total: n });
      return (
        <span data-testid="list-total-approximate">
          {t('common.totalApprox', { total: n })}{' '}
          <Typography.Link onClick={askExact} data-testid="list-total-exact">
            {t('common.exactCount')}
          </Typography.Link>
        </span>
      );
    },
    [approximate, askExact, i18n.language, t],
  );

  return { param, seen, showTotal };
};
