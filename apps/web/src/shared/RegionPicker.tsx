/**
 * Region picker: a lazily loaded Cascader (GET /regions?parent=) plus a search box (GET /regions?q=).
 * The value is one GB/T 2260 code; `rootCode` limits the choice to a jurisdiction (e.g. the user's).
 */
import { SearchOutlined } from '@ant-design/icons';
import { Cascader, Select, Space } from 'antd';
import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import type { Region } from './types';

type Opt = { value: string; label: string; isLeaf: boolean; children?: Opt[]; loading?: boolean };

const toOpt = (r: Region): Opt => ({ value: r.code, label: r.name, isLeaf: !r.hasChildren });

const findNode = (nodes: Opt[] | undefined, code: string): Opt | undefined => {
  for (const n of nodes ?? []) {
    if (n.value === code) return n;
    if (code.startsWith(n.value) && n.children) {
      const hit = findNode(n.children, code);
      if (hit) return hit;
    }
  }
  return undefined;
};

export type RegionPickerProps = {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  rootCode?: string | null;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
};

export const RegionPicker = ({
  value,
  onChange,
  rootCode,
  placeholder,
  allowClear = true,
  disabled,
  style,
  id,
}: RegionPickerProps) => {
  const { t } = useTranslation();
  const tree = useRef<Opt[]>([]);
  const [options, setOptions] = useState<Opt[]>([]);
  const [ready, setReady] = useState(false);
  const [path, setPath] = useState<string[]>([]);
  const [hits, setHits] = useState<Region[]>([]);
  const [searching, setSearching] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  const publish = () => setOptions([...tree.current]);

  const loadChildren = useCallback(async (node: Opt) => {
    if (node.children || node.isLeaf) return;
    node.loading = true;
    publish();
    try {
      const res = await api.get<{ data: Region[] }>('/regions', { parent: node.value });
      node.children = res.data.map(toOpt);
      if (node.children.length === 0) node.isLeaf = true;
    } finally {
      node.loading = false;
      publish();
    }
  }, []);

  // Top level: the jurisdiction's own region, or the provinces.
  useEffect(() => {
    let live = true;
    setReady(false);
    void (async () => {
      if (rootCode) {
        const res = await api.get<{ data: Region }>(`/regions/${rootCode}`);
        tree.current = [toOpt(res.data)];
      } else {
        const res = await api.get<{ data: Region[] }>('/regions');
        tree.current = res.data.map(toOpt);
      }
      if (live) {
        publish();
        setReady(true);
      }
    })().catch(() => setReady(true));
    return () => {
      live = false;
    };
  }, [rootCode]);

  // A value set from outside (editing a record, a search hit): open the path down to it.
  useEffect(() => {
    if (!ready) return;
    if (!value) {
      setPath([]);
      return;
    }
    if (path[path.length - 1] === value) return;
    let live = true;
    void (async () => {
      const res = await api.get<{ data: Region; path: Region[] }>(`/regions/${value}`);
      let codes = res.path.map((r) => r.code);
      if (codes[codes.length - 1] !== value) codes.push(value);
      if (rootCode) {
        const i = codes.indexOf(rootCode);
        codes = i >= 0 ? codes.slice(i) : codes;
      }
      for (const c of codes.slice(0, -1)) {
        const node = findNode(tree.current, c);
        if (node) await loadChildren(node);
      }
      if (live) setPath(codes);
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [value, ready, rootCode]);

  const onSearch = (q: string) => {
    window.clearTimeout(timer.current);
    if (!q.trim()) {
      setHits([]);
      return;
    }
    timer.current = window.setTimeout(() => {
      setSearching(true);
      api
        .get<{ data: Region[] }>('/regions', { q: q.trim(), limit: 30 })
        .then((res) => setHits(rootCode ? res.data.filter((r) => r.code.startsWith(rootCode)) : res.data))
        .catch(() => setHits([]))
        .finally(() => setSearching(false));
    }, 250);
  };

  return (
    <Space.Compact style={{ width: '100%', ...style }} id={id}>
      <Cascader<Opt>
        style={{ width: '62%' }}
        options={options}
        value={path}
        changeOnSelect
        disabled={disabled}
        allowClear={allowClear}
        placeholder={placeholder ?? t('common.region')}
        loadData={(selected) => {
          const node = selected[selected.length - 1];
          if (node) void loadChildren(node);
        }}
        onChange={(codes) => {
          const list = (codes ?? []).map(String);
          setPath(list);
          onChange?.(list[list.length - 1]);
        }}
        displayRender={(labels) => labels.join(' / ')}
        data-testid="region-cascader"
      />
      <Select
        style={{ width: '38%' }}
        showSearch
        value={null}
        disabled={disabled}
        placeholder={
          <span>
            <SearchOutlined /> {t('common.regionSearch')}
          </span>
        }
        filterOption={false}
        onSearch={onSearch}
        loading={searching}
        notFoundContent={null}
        options={hits.map((r) => ({ value: r.code, label: `${r.pathName}（${r.code}）` }))}
        onSelect={(code: string | null) => {
          setHits([]);
          if (code) onChange?.(code);
        }}
        popupMatchSelectWidth={280}
        data-testid="region-search"
      />
    </Space.Compact>
  );
};
