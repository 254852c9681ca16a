/** The left-hand region tree of list pages (RuoYi's 部门树), loaded level by level. */
import { Input, Tree, type TreeDataNode } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import type { Region } from './types';

type Node = TreeDataNode & { key: string };

const toNode = (r: Region): Node => ({ key: r.code, title: r.name, isLeaf: !r.hasChildren });

const setChildren = (nodes: Node[], key: string, children: Node[]): Node[] =>
  nodes.map((n) =>
    n.key === key
      ? { ...n, children, isLeaf: children.length === 0 }
      : n.children
        ? { ...n, children: setChildren(n.children as Node[], key, children) }
        : n,
  );

export const RegionTree = ({
  rootCode,
  selected,
  onSelect,
}: {
  rootCode: string | null;
  selected: string | undefined;
  onSelect: (code: string | undefined) => void;
}) => {
  const { t } = useTranslation();
  const [nodes, setNodes] = useState<Node[]>([]);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  const [hits, setHits] = useState<Node[] | null>(null);

  useEffect(() => {
    void (async () => {
      if (rootCode) {
        const root = await api.get<{ data: Region }>(`/regions/${rootCode}`);
        const kids = await api.get<{ data: Region[] }>('/regions', { parent: rootCode });
        setNodes([{ ...toNode(root.data), children: kids.data.map(toNode) }]);
        setExpanded([rootCode]);
      } else {
        const res = await api.get<{ data: Region[] }>('/regions');
        setNodes(res.data.map(toNode));
      }
    })().catch(() => undefined);
  }, [rootCode]);

  useEffect(() => {
    const q = filter.trim();
    if (!q) {
      setHits(null);
      return;
    }
    const h = window.setTimeout(() => {
      api
        .get<{ data: Region[] }>('/regions', { q, limit: 50 })
        .then((res) =>
          setHits(
            res.data
              .filter((r) => !rootCode || r.code.startsWith(rootCode))
              .map((r) => ({ ...toNode(r), title: `${r.name}（${r.code}）` })),
          ),
        )
        .catch(() => setHits([]));
    }, 250);
    return () => window.clearTimeout(h);
  }, [filter, rootCode]);

  const load = async (node: Node) => {
    if (node.children) return;
    const res = await api.get<{ data: Region[] }>('/regions', { parent: node.key });
    setNodes((prev) => setChildren(prev, node.key, res.data.map(toNode)));
  };

  return (
    <div data-testid="region-tree">
      <Input.Search
        allowClear
        placeholder={t('common.regionSearch')}
        onChange={(e) => setFilter(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      <div className="ohp-tree-scroll">
        {hits ? (
          <Tree<Node>
            treeData={hits.map((h) => ({ ...h, isLeaf: true }))}
            selectedKeys={selected ? [selected] : []}
            onSelect={(keys) => onSelect(keys[0] === undefined ? undefined : String(keys[0]))}
          />
        ) : (
          <Tree<Node>
            treeData={nodes}
            loadData={load}
            expandedKeys={expanded}
            onExpand={(keys) => setExpanded(keys.map(String))}
            selectedKeys={selected ? [selected] : []}
            onSelect={(keys) => onSelect(keys[0] === undefined ? undefined : String(keys[0]))}
          />
        )}
      </div>
    </div>
  );
};
