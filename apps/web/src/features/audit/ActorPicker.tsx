/**
 * The audit actor filter: type part of a username or a name, pick the account. Searches
 * GET /audit/actors (the audit administrator has no users:read); the value is the username.
 */
import { Select, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';

type Actor = { username: string; displayName: string; organisationName: string };

export const ActorPicker = ({
  value,
  onChange,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
}) => {
  const { t } = useTranslation();
  const [options, setOptions] = useState<Actor[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const seq = useRef(0);

  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const mine = ++seq.current;
      setLoading(true);
      api
        .get<{ data: Actor[] }>('/audit/actors', { q, limit: 20 }, { quiet: true })
        .then((res) => {
          if (mine === seq.current) setOptions(res.data);
        })
        .catch(() => {
          if (mine === seq.current) setOptions([]);
        })
        .finally(() => {
          if (mine === seq.current) setLoading(false);
        });
    }, 250);
  };
  useEffect(() => {
    search('');
    return () => clearTimeout(timer.current);
  }, []);

  return (
    <Select<string>
      showSearch
      allowClear
      value={value}
      onChange={(v) => onChange?.(v)}
      onSearch={search}
      onClear={() => search('')}
      filterOption={false}
      placeholder={t('audit.actorPlaceholder')}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      data-testid="audit-filter-actor"
      options={options.map((a) => ({
        value: a.username,
        label: (
          <span title={a.organisationName}>
            {a.displayName}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {a.username}
            </Typography.Text>
          </span>
        ),
      }))}
      optionLabelProp="label"
      popupMatchSelectWidth={false}
    />
  );
};
